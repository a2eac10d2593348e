// One shared feed per service instance. It LISTENs for the notification every append sends on
// commit (so instances sharing a database hear each other's writes), reads what is new once,
// keeps the recent events in memory, and wakes every waiting subscriber — hundreds of SSE
// clients cost one database read per batch of writes, not one poll each. A slow poll covers a
// lost notification (a dropped LISTEN connection, say).
using Npgsql;
using Timeline.Hosting;

namespace Timeline.Feed;

public sealed class FeedPump(FeedReader reader, TimelineDatabase database, ILogger<FeedPump> logger) : BackgroundService
{
    public const string Channel = "timeline_events";
    const int Capacity = 10_000;
    static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    readonly Lock _gate = new();
    readonly List<FeedEvent> _recent = [];
    long _bufferedAfter;                     // _recent holds every shown event with sequence > this
    long _high = -1;                         // the last sequence read
    TaskCompletionSource _changed = NewSignal();
    readonly SemaphoreSlim _wake = new(0);

    static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The last sequence this instance has read; -1 before it has started.</summary>
    public long High { get { lock (_gate) return _high; } }

    /// <summary>Events after <paramref name="after"/> from memory, or null when they are older than what is kept.</summary>
    public FeedPage? TryReadAfter(long after, int max)
    {
        lock (_gate)
        {
            if (_high < 0 || after < _bufferedAfter) return null;
            var start = FirstAfter(after);
            if (start == _recent.Count) return new FeedPage([], Math.Max(after, _high));
            var page = _recent.GetRange(start, Math.Min(max, _recent.Count - start));
            var last = page.Count < max ? _high : page[^1].Sequence;
            return new FeedPage(page, last);
        }
    }

    /// <summary>Waits until something after <paramref name="after"/> has been read, or the timeout passes.</summary>
    // The buffer is in sequence order: every subscriber finds its place by binary search, not by a walk.
    int FirstAfter(long after)
    {
        int low = 0, high = _recent.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_recent[mid].Sequence > after) high = mid; else low = mid + 1;
        }
        return low;
    }

    public async Task<bool> WaitAsync(long after, TimeSpan timeout, CancellationToken ct)
    {
        Task changed;
        lock (_gate)
        {
            if (_high > after) return true;
            changed = _changed.Task;
        }
        // WaitAsync drops its timer as soon as the signal comes (a Task.Delay raced against it would
        // stay queued for the whole timeout: one per subscriber per event).
        try
        {
            await changed.WaitAsync(timeout, ct);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var start = await reader.HighWaterMarkAsync(stop);
        lock (_gate) { _high = start; _bufferedAfter = start; }
        _ = ListenAsync(stop);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await ReadNewAsync(stop);
                await _wake.WaitAsync(Poll, stop);
                while (_wake.Wait(0)) { } // one read answers every notification that came meanwhile
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e)
            {
                logger.LogWarning("Reading the event feed failed ({Error}); trying again", e.Message);
                await Task.Delay(Poll, stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    int _subscribers;

    /// <summary>A subscriber is listening until the returned handle is disposed.</summary>
    public IDisposable Subscribe()
    {
        Interlocked.Increment(ref _subscribers);
        _wake.Release();
        return new Unsubscriber(this);
    }

    sealed class Unsubscriber(FeedPump pump) : IDisposable
    {
        int _done;
        public void Dispose() { if (Interlocked.Exchange(ref _done, 1) == 0) Interlocked.Decrement(ref pump._subscribers); }
    }

    async Task ReadNewAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _subscribers) == 0)
        {
            // Nobody to tell: note how far the log goes (one index lookup) instead of reading and
            // decoding every event. A subscriber arriving later reads from the database what the
            // buffer does not hold.
            var high = await reader.HighWaterMarkAsync(ct);
            TaskCompletionSource idle;
            lock (_gate)
            {
                if (high <= _high) return;
                _recent.Clear();
                _high = high;
                _bufferedAfter = high;
                idle = _changed;
                _changed = NewSignal();
            }
            idle.TrySetResult();
            return;
        }
        while (true)
        {
            var page = await reader.ReadAfterAsync(High, 500, ct);
            if (page.LastScanned <= High) return;
            TaskCompletionSource signal;
            lock (_gate)
            {
                _recent.AddRange(page.Events);
                if (_recent.Count > Capacity)
                {
                    var drop = _recent.Count - Capacity;
                    _bufferedAfter = _recent[drop - 1].Sequence;
                    _recent.RemoveRange(0, drop);
                }
                _high = page.LastScanned;
                signal = _changed;
                _changed = NewSignal();
            }
            signal.TrySetResult();
        }
    }

    async Task ListenAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var conn = new NpgsqlConnection(database.ConnectionString);
                await conn.OpenAsync(stop);
                conn.Notification += (_, _) => _wake.Release();
                await using (var listen = new NpgsqlCommand($"listen {Channel}", conn)) await listen.ExecuteNonQueryAsync(stop);
                _wake.Release(); // anything committed while we were not listening
                while (!stop.IsCancellationRequested) await conn.WaitAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e)
            {
                logger.LogWarning("Listening for new events failed ({Error}); polling until it is back", e.Message);
                try { await Task.Delay(Poll, stop); } catch (OperationCanceledException) { }
            }
        }
    }
}

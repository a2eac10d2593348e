// One shared feed per service instance. It LISTENs for the notification every append sends on
// commit (so instances sharing a database hear each other's writes), reads what is new once,
// keeps the recent events in memory, and wakes every waiting subscriber — hundreds of SSE
// clients cost one database read per batch of writes, not one poll each. A slow poll covers a
// lost notification (a dropped LISTEN connection, say).
using System.Diagnostics.Metrics;
using Npgsql;
using Timeline.EventLog;
using Timeline.Hosting;

namespace Timeline.Feed;

public sealed class FeedPump : BackgroundService
{
    readonly FeedReader reader;
    readonly FeedFanOut fanOut;
    readonly TimelineDatabase database;
    readonly TimeProvider clock;
    readonly ILogger<FeedPump> logger;
    readonly Histogram<double> _lag;

    public FeedPump(FeedReader reader, FeedFanOut fanOut, TimelineDatabase database, TimeProvider clock, IMeterFactory meters, ILogger<FeedPump> logger)
    {
        this.reader = reader;
        this.fanOut = fanOut;
        this.database = database;
        this.clock = clock;
        this.logger = logger;
        // Timeline.Feed: how far this instance has read the log, how late, and for how many listeners.
        var meter = meters.Create("Timeline.Feed");
        meter.CreateObservableGauge("timeline.feed.high_water_mark", () => Math.Max(0, High), "{sequence}",
            "The last global sequence this instance's feed has read");
        meter.CreateObservableUpDownCounter("timeline.feed.subscribers", () => Volatile.Read(ref _subscribers), "{subscriber}",
            "Live Server-Sent Events subscribers on this instance");
        _lag = meter.CreateHistogram<double>("timeline.feed.lag", "s", "From an event's commit to this instance's feed reading it");
    }

    const int Capacity = 10_000;
    static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    // What the pump has read, published whole: subscribers read it without a lock (hundreds of them wake at
    // once on every write), and its signal completes when the next one replaces it.
    sealed record State(FeedEvent[] Recent, long BufferedAfter, long High)
    {
        // Recent holds every shown event with sequence > BufferedAfter, in order; High is the last sequence read.
        public TaskCompletionSource Replaced { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    State _state = new([], 0, -1);
    readonly SemaphoreSlim _wake = new(0);

    // The last sequence this instance has read; -1 before it has started.
    long High => Volatile.Read(ref _state).High;

    void Publish(State next)
    {
        var previous = Interlocked.Exchange(ref _state, next);
        previous.Replaced.TrySetResult();
    }

    // Events after after from memory, or null when they are older than what is kept.
    public FeedPage? TryReadAfter(long after, int max)
    {
        var state = Volatile.Read(ref _state);
        if (state.High < 0 || after < state.BufferedAfter) return null;
        var start = FirstAfter(state.Recent, after);
        if (start == state.Recent.Length) return new FeedPage([], Math.Max(after, state.High));
        var count = Math.Min(max, state.Recent.Length - start);
        var page = new ArraySegment<FeedEvent>(state.Recent, start, count);
        var last = count < max ? state.High : page[^1].Sequence;
        return new FeedPage(page, last);
    }

    // The buffer is in sequence order: every subscriber finds its place by binary search, not by a walk.
    static int FirstAfter(FeedEvent[] recent, long after)
    {
        int low = 0, high = recent.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (recent[mid].Sequence > after) high = mid; else low = mid + 1;
        }
        return low;
    }

    public async Task<bool> WaitAsync(long after, TimeSpan timeout, CancellationToken ct)
    {
        var state = Volatile.Read(ref _state);
        if (state.High > after) return true;
        // WaitAsync drops its timer as soon as the signal comes (a Task.Delay raced against it would
        // stay queued for the whole timeout: one per subscriber per event).
        try
        {
            await state.Replaced.Task.WaitAsync(timeout, ct);
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
        Publish(new State([], start, start));
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

    // A subscriber is listening until the returned handle is disposed.
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

    readonly Lock _latestGate = new();
    TaskCompletionSource<long>? _latestRound;
    bool _latestReading;

    // The last recorded sequence, read from the database after this call began: where a new
    // subscriber without a resume point starts. Callers arriving together share one read (a round
    // starts its read after every caller in it has joined), so ten thousand readers connecting at
    // once cost a few queries, not ten thousand pooled connections.
    public Task<long> LatestAsync(CancellationToken ct)
    {
        lock (_latestGate)
        {
            var round = _latestRound ??= new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_latestReading)
            {
                _latestReading = true;
                _ = Task.Run(ReadLatestRoundsAsync, CancellationToken.None);
            }
            return round.Task.WaitAsync(ct);
        }
    }

    async Task ReadLatestRoundsAsync()
    {
        while (true)
        {
            TaskCompletionSource<long> round;
            lock (_latestGate)
            {
                if (_latestRound is null)
                {
                    _latestReading = false;
                    return;
                }
                round = _latestRound;
                _latestRound = null; // whoever comes from now on joins the next round, read after this one
            }
            try { round.SetResult(await reader.HighWaterMarkAsync(CancellationToken.None)); }
            catch (Exception e) { round.SetException(e); }
        }
    }

    async Task ReadNewAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _subscribers) == 0)
        {
            // Nobody to tell: note how far the log goes (one index lookup) instead of reading and
            // decoding every event. A subscriber arriving later reads from the database what the
            // buffer does not hold.
            var high = await reader.HighWaterMarkAsync(ct);
            if (high > High)
            {
                Publish(new State([], high, high));
                fanOut.Skipped(); // a stream may have joined since the count was read
            }
            return;
        }
        while (true)
        {
            var state = Volatile.Read(ref _state);
            var page = await reader.ReadAfterAsync(state.High, 500, ct);
            if (page.LastScanned <= state.High) return;
            // Only this loop publishes, so the state read above is still the current one.
            var keep = Math.Min(state.Recent.Length, Math.Max(0, Capacity - page.Events.Count));
            var recent = new FeedEvent[keep + page.Events.Count];
            Array.Copy(state.Recent, state.Recent.Length - keep, recent, 0, keep);
            var now = clock.GetUtcNow();
            for (var i = 0; i < page.Events.Count; i++)
            {
                recent[keep + i] = page.Events[i];
                _lag.Record(Math.Max(0, (now - page.Events[i].RecordedAt).TotalSeconds));
            }
            var bufferedAfter = keep == state.Recent.Length ? state.BufferedAfter : state.Recent[state.Recent.Length - keep - 1].Sequence;
            Publish(new State(recent, bufferedAfter, page.LastScanned));
            // After publishing: a stream joining meanwhile finds these in memory or in its queue, and skips the second copy.
            fanOut.Deliver(page.Events);
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
                await using (var listen = new NpgsqlCommand($"listen {AppendOrder.Channel}", conn)) await listen.ExecuteNonQueryAsync(stop);
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

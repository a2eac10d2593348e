// Live subscribers grouped by filter. Per event the pump hands over: one filter evaluation per
// distinct filter, one CloudEvents encoding and one SSE frame (FeedEvent keeps both), and for each
// subscriber of a matching group that same frame queued — a struct in an array, no allocation.
// A subscriber whose queue is full is closed and its connection aborted: it resumes with its
// Last-Event-ID from the pump's memory or the database, instead of the instance buffering for it.
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace Timeline.Feed;

public sealed class FeedFanOut : IDisposable
{
    static readonly ReadOnlyMemory<byte> Heartbeat = ": heartbeat\n\n"u8.ToArray();

    readonly Lock _gate = new();
    readonly Dictionary<FeedFilter, Group> _byFilter = [];
    Group[] _groups = [];
    int _members;
    readonly int _capacity;
    readonly long _heartbeatTicks;
    readonly ITimer _ticker;
    readonly Counter<long> _evaluations;
    readonly Counter<long> _dropped;

    public FeedFanOut(IOptions<SseLimits> limits, IOptions<FeedOptions> options, TimeProvider clock, IMeterFactory meters)
    {
        _capacity = limits.Value.SseQueueEvents;
        var heartbeat = options.Value.SseHeartbeat;
        _heartbeatTicks = (long)(heartbeat.TotalSeconds * Stopwatch.Frequency);
        // One ticker for every stream's heartbeat, not a timer per connection.
        _ticker = clock.CreateTimer(_ => BeatIdle(), null, heartbeat / 4, heartbeat / 4);
        var meter = meters.Create("Timeline.Feed");
        _evaluations = meter.CreateCounter<long>("timeline.feed.filter_evaluations", "{evaluation}",
            "Live-stream filters evaluated against new events: once per distinct filter per event, however many subscribe with it");
        _dropped = meter.CreateCounter<long>("timeline.feed.subscribers_dropped", "{subscriber}",
            "Live streams closed because they fell too far behind (they resume with Last-Event-ID)");
        meter.CreateObservableGauge("timeline.feed.filter_groups", () => Volatile.Read(ref _groups).Length, "{filter}",
            "Distinct filters among live Server-Sent Events subscribers on this instance");
        meter.CreateObservableGauge("timeline.feed.grouped_subscribers", () => Volatile.Read(ref _members), "{subscriber}",
            "Live Server-Sent Events subscribers past their catch-up, served by the fan-out");
    }

    internal sealed class Group(FeedFilter filter)
    {
        public readonly FeedFilter Filter = filter;
        public readonly Lock Gate = new();
        public Member[] Members = new Member[4];
        public int Count;
    }

    // One subscriber in its group: leaves it when disposed.
    public sealed class Member : IDisposable
    {
        internal Member(FeedFanOut owner, Group group, HttpContext http, int capacity)
        {
            _owner = owner;
            _group = group;
            _http = http;
            Queue = new SubscriberQueue(capacity);
            Wrote();
        }

        readonly FeedFanOut _owner;
        readonly Group _group;
        readonly HttpContext _http;
        internal int Index;
        long _lastWrite;
        int _left;

        public SubscriberQueue Queue { get; }

        // The writer flushed: the heartbeat is owed only after another idle interval.
        public void Wrote() => Volatile.Write(ref _lastWrite, Stopwatch.GetTimestamp());

        internal long LastWrite => Volatile.Read(ref _lastWrite);

        internal void Drop()
        {
            _owner._dropped.Add(1);
            // Its writer may be stuck in a flush the client never drains: aborting frees it (off the pump's thread).
            if (Volatile.Read(ref _left) == 0) ThreadPool.UnsafeQueueUserWorkItem(static member => member.Abort(), this, preferLocal: false);
        }

        void Abort()
        {
            // The request may have ended since the drop: its context is then disposed, and there is nothing left to free.
            if (Volatile.Read(ref _left) != 0) return;
            try { _http.Abort(); }
            catch (ObjectDisposedException) { }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0) _owner.Leave(this, _group);
            Queue.Close();
        }
    }

    // Joins the group of subscribers with this filter; the pump's next events are queued for it.
    public Member Join(FeedFilter filter, HttpContext http)
    {
        lock (_gate)
        {
            if (!_byFilter.TryGetValue(filter, out var group))
            {
                group = new Group(filter);
                _byFilter[filter] = group;
                _groups = [.. _groups, group];
            }
            var member = new Member(this, group, http, _capacity);
            lock (group.Gate)
            {
                if (group.Count == group.Members.Length) Array.Resize(ref group.Members, group.Members.Length * 2);
                member.Index = group.Count;
                group.Members[group.Count++] = member;
            }
            _members++;
            return member;
        }
    }

    void Leave(Member member, Group group)
    {
        lock (_gate)
        {
            _members--;
            lock (group.Gate)
            {
                // Swap the last member into its place: leaving costs the same in a group of ten or ten thousand.
                var last = group.Members[--group.Count];
                group.Members[member.Index] = last;
                last.Index = member.Index;
                group.Members[group.Count] = null!;
                if (group.Count > 0) return;
            }
            _byFilter.Remove(group.Filter);
            _groups = [.. _groups.Where(g => g != group)];
        }
    }

    // Queues new events (in sequence order, only ever from the pump's one loop) for every subscriber they match.
    public void Deliver(IReadOnlyList<FeedEvent> events)
    {
        var groups = Volatile.Read(ref _groups);
        if (groups.Length == 0 || events.Count == 0) return;
        foreach (var e in events)
        {
            ReadOnlyMemory<byte> frame = default;
            foreach (var group in groups)
            {
                if (!e.Matches(group.Filter)) continue;
                if (frame.IsEmpty) frame = e.ToSseFrame();
                Offer(group, e.Sequence, frame);
            }
        }
        _evaluations.Add((long)groups.Length * events.Count);
    }

    // The pump published a later position without reading the events before it (nobody was
    // listening when it looked): a stream that joined meanwhile reads them itself.
    public void Skipped()
    {
        foreach (var group in Volatile.Read(ref _groups))
            lock (group.Gate)
                for (var i = group.Count - 1; i >= 0; i--)
                    if (!group.Members[i].Queue.Offer(QueuedFrame.CatchUp.Sequence, default)) group.Members[i].Drop();
    }

    static void Offer(Group group, long sequence, ReadOnlyMemory<byte> frame)
    {
        lock (group.Gate)
            for (var i = group.Count - 1; i >= 0; i--)
            {
                var member = group.Members[i];
                if (!member.Queue.Offer(sequence, frame)) member.Drop();
            }
    }

    void BeatIdle()
    {
        var due = Stopwatch.GetTimestamp() - _heartbeatTicks;
        foreach (var group in Volatile.Read(ref _groups))
            lock (group.Gate)
                for (var i = 0; i < group.Count; i++)
                {
                    var member = group.Members[i];
                    if (member.LastWrite > due) continue;
                    member.Wrote(); // owed once per idle interval, even while its writer is busy
                    if (!member.Queue.Offer(-1, Heartbeat)) member.Drop();
                }
    }

    public void Dispose() => _ticker.Dispose();
}

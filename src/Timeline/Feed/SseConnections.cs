// How many Server-Sent Events streams are open, per client address and in all (section
// Timeline:Limits): past either cap a new stream is refused with 429, so open connections — each
// holding memory and a socket — cannot be piled up by one client or by everyone at once. And how
// far back an alert subscription may resume, since every figure event it resumes past is derived.
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;

namespace Timeline.Feed;

public sealed class SseLimits
{
    public const string Section = "Timeline:Limits";

    [Range(1, 1_000_000)] public int SsePerClient { get; set; } = 20;
    [Range(1, 10_000_000)] public int SseTotal { get; set; } = 10_000;

    // How many events a live stream may have queued, unwritten, before it is closed to resume by its last id.
    [Range(1, 1_000_000)] public int SseQueueEvents { get; set; } = 2_000;

    // How many events (by sequence) behind the latest an alert subscription may resume from.
    [Range(0, 10_000_000)] public int AlertResumeEvents { get; set; } = 1_000;
}

public sealed class SseConnections(Microsoft.Extensions.Options.IOptions<SseLimits> limits)
{
    readonly ConcurrentDictionary<string, int> _perClient = new();
    int _total;

    // A slot for one stream, released when disposed; null when a cap is reached.
    public IDisposable? TryOpen(string client)
    {
        if (Interlocked.Increment(ref _total) > limits.Value.SseTotal)
        {
            Interlocked.Decrement(ref _total);
            return null;
        }
        var mine = _perClient.AddOrUpdate(client, 1, (_, n) => n + 1);
        if (mine > limits.Value.SsePerClient)
        {
            Release(client);
            return null;
        }
        return new Slot(this, client);
    }

    void Release(string client)
    {
        Interlocked.Decrement(ref _total);
        // Remove the entry when it drops to zero, so addresses seen once do not accumulate.
        while (true)
        {
            var n = _perClient.GetValueOrDefault(client);
            if (n <= 1) { if (_perClient.TryRemove(new KeyValuePair<string, int>(client, n))) return; }
            else if (_perClient.TryUpdate(client, n - 1, n)) return;
        }
    }

    sealed class Slot(SseConnections owner, string client) : IDisposable
    {
        int _released;
        public void Dispose() { if (Interlocked.Exchange(ref _released, 1) == 0) owner.Release(client); }
    }
}

// Reads from a streaming replica when one is configured (ConnectionStrings__TimelineReplica): the
// answer's basis is what the replica has replayed. A request for a basis the replica has not
// reached waits for it briefly, then goes to the primary — never answered below the basis asked; a
// basis the primary has not reached either is not waited for. A replica too far behind (in time)
// does not answer reads about the present.
// A replica that cannot be read sends reads to the primary, with a warning.
using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

using Timeline.EventLog;

namespace Timeline.Replicas;

public sealed class ReplicaOptions
{
    public const string Section = "Timeline:Replicas";
    // Where Wait was first configured; still read, the plural section wins.
    public const string FormerSection = "Timeline:Replica";

    // How long a read waits for the replica to reach the basis it asks for before the primary answers it.
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")] public TimeSpan Wait { get; set; } = TimeSpan.FromSeconds(1);

    // A replica that has yet to replay an event the primary recorded longer ago than this
    // does not answer reads about the present (measured every second).
    [Range(1, 3600)] public int MaxLagSeconds { get; set; } = 5;
}

// The read replicas: one data source per host of ConnectionStrings__TimelineReplica (several hosts
// comma-separated), so a request's basis check and its reads go to the same server.
public sealed class ReplicaSet(IReadOnlyList<NpgsqlDataSource> replicas)
{
    public IReadOnlyList<NpgsqlDataSource> Replicas { get; } = replicas;

    // One connection string per host of connectionString ("host[:port]" entries, comma-separated).
    public static IEnumerable<string> PerHost(string connectionString)
    {
        var all = new NpgsqlConnectionStringBuilder(connectionString);
        foreach (var entry in (all.Host ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var one = new NpgsqlConnectionStringBuilder(connectionString);
            var colon = entry.LastIndexOf(':');
            // host:port, unless the colons are an IPv6 address's own ([::1]:5432 keeps its port).
            if (colon > 0 && (entry.Count(c => c == ':') == 1 || entry.Contains(']', StringComparison.Ordinal)) && int.TryParse(entry[(colon + 1)..], out var port))
                (one.Host, one.Port) = (entry[..colon].Trim('[', ']'), port);
            else one.Host = entry;
            yield return one.ConnectionString;
        }
    }
}

public sealed class ReadRouting(NpgsqlDataSource primary, IOptions<ReplicaOptions> options, ILogger<ReadRouting> logger,
    [Microsoft.Extensions.DependencyInjection.FromKeyedServices(ReadRouting.ReplicaKey)] ReplicaSet? replicas = null)
{
    public const string ReplicaKey = "replica";
    static readonly TimeSpan WarnEvery = TimeSpan.FromSeconds(30);
    readonly IReadOnlyList<NpgsqlDataSource> _replicas = replicas?.Replicas ?? [];
    // Per replica, from the last sample: the primary's latest sequence then, if the replica was past the lag limit
    // (0 otherwise). It answers the present again once it has replayed that far.
    readonly long[] _laggedUntil = new long[replicas?.Replicas.Count ?? 0];
    long _primaryLatest;
    long _lastWarning;
    int _next;

    public bool HasReplica => _replicas.Count > 0;

    // A replica that has replayed at least wanted (taken in turn, waiting up to the configured
    // time for one to); else the primary. Without a basis asked for, a replica past the lag
    // limit is passed over. A basis the primary has not reached is not waited for: the primary
    // is chosen at once, and the endpoint refuses it.
    public async Task<(NpgsqlDataSource Source, long? Replayed)> ChooseAsync(long? wanted, CancellationToken ct)
    {
        if (_replicas.Count == 0) return (primary, null);
        var waiting = Stopwatch.StartNew();
        var start = Interlocked.Increment(ref _next);
        for (var round = 0; ; round++)
        {
            var readable = 0;
            for (var i = 0; i < _replicas.Count; i++)
            {
                var index = (int)((uint)(start + i) % (uint)_replicas.Count);
                var replica = _replicas[index];
                long replayed;
                try { replayed = await LogTables.HighWaterMarkAsync(replica, ct); }
                catch (NpgsqlException e)
                {
                    Warn(e);
                    continue;
                }
                // At a basis asked for, any server that has replayed it gives the same answer, however late it runs.
                if (wanted is null && replayed < Interlocked.Read(ref _laggedUntil[index])) continue;
                readable++;
                if (wanted is null || wanted <= replayed) return (replica, replayed);
            }
            if (readable == 0) return (primary, null);
            // The replicas were asked first: one that has the basis answers with no question to the primary (a replica is
            // never ahead of it). Only when none has it is the primary asked whether the basis exists at all.
            if (round == 0 && wanted > Interlocked.Read(ref _primaryLatest) && wanted > await PrimaryLatestOrNullAsync(ct)) return (primary, null);
            if (waiting.Elapsed >= options.Value.Wait) return (primary, null);
            await Task.Delay(20, ct);
        }
    }

    // The primary's latest sequence; null (nothing refused) while it cannot be read, when a replica may still answer.
    async Task<long?> PrimaryLatestOrNullAsync(CancellationToken ct)
    {
        try { return await PrimaryLatestAsync(ct); }
        catch (NpgsqlException) { return null; }
    }

    async Task<long> PrimaryLatestAsync(CancellationToken ct)
    {
        var latest = await LogTables.HighWaterMarkAsync(primary, ct);
        InterlockedMax(ref _primaryLatest, latest);
        return latest;
    }

    static void InterlockedMax(ref long target, long value)
    {
        for (var seen = Interlocked.Read(ref target); value > seen; seen = Interlocked.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }

    void Warn(NpgsqlException e)
    {
        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarning);
        if (last != 0 && Stopwatch.GetElapsedTime(last, now) <= WarnEvery) return;
        Interlocked.Exchange(ref _lastWarning, now);
        logger.LogWarning("A read replica cannot be read ({Reason}); its reads go to another replica or the primary", e.Message);
    }

    public int ReplicaCount => _replicas.Count;

    // Measures each replica against the primary: how many events the slowest readable one has yet to replay
    // (null without one, or when none can be read), and which are past the lag limit — measured in time, by
    // the primary's recorded time of the first event a replica lacks.
    public async Task<long?> LagAsync(CancellationToken ct)
    {
        if (_replicas.Count == 0) return null;
        long? slowest = null;
        long latest;
        try { latest = await PrimaryLatestAsync(ct); }
        catch (NpgsqlException) { return null; }
        var limit = TimeSpan.FromSeconds(options.Value.MaxLagSeconds);
        for (var i = 0; i < _replicas.Count; i++)
        {
            try
            {
                var replayed = await LogTables.HighWaterMarkAsync(_replicas[i], ct);
                slowest = Math.Max(slowest ?? long.MinValue, latest - replayed);
                var behind = replayed < latest && await LogTables.WaitingSinceAsync(primary, replayed, ct) is { } since && since > limit;
                Interlocked.Exchange(ref _laggedUntil[i], behind ? latest : 0);
            }
            catch (NpgsqlException) { }
        }
        return slowest;
    }
}

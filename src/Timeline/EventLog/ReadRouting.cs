// Reads from a streaming replica when one is configured (ConnectionStrings__TimelineReplica): the
// answer's basis is what the replica has replayed. A request for a basis the replica has not
// reached waits for it briefly, then goes to the primary — never answered below the basis asked.
// A replica that cannot be read sends reads to the primary, with a warning.
using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Timeline.EventLog;

public sealed class ReplicaOptions
{
    public const string Section = "Timeline:Replica";

    /// <summary>How long a read waits for the replica to reach the basis it asks for before the primary answers it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")] public TimeSpan Wait { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>The source this request reads from (set once per request by the routing; the primary unless told).</summary>
public sealed class ReadSource : IAsyncDisposable
{
    NpgsqlConnection? _connection;
    NpgsqlTransaction? _snapshot;

    public NpgsqlDataSource? Chosen { get; set; }
    public bool FromReplica { get; set; }
    /// <summary>What the replica had replayed when it was chosen (null for the primary): the basis its answers are read at, or later.</summary>
    public long? Replayed { get; set; }

    /// <summary>
    /// A read-only snapshot of the chosen source for this request's document queries (Marten's):
    /// its basis and its answer read alike while the replica replays on. Ended with the request.
    /// </summary>
    public NpgsqlTransaction Snapshot()
    {
        if (_snapshot is not null) return _snapshot;
        _connection = (Chosen ?? throw new InvalidOperationException("no source chosen")).OpenConnection();
        return _snapshot = _connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
    }

    public async ValueTask DisposeAsync()
    {
        if (_snapshot is not null) await _snapshot.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
    }
}

/// <summary>
/// The read replicas: one data source per host of ConnectionStrings__TimelineReplica (several hosts
/// comma-separated), so a request's basis check and its reads go to the same server.
/// </summary>
public sealed class ReplicaSet(IReadOnlyList<NpgsqlDataSource> replicas)
{
    public IReadOnlyList<NpgsqlDataSource> Replicas { get; } = replicas;

    /// <summary>One connection string per host of <paramref name="connectionString"/> ("host[:port]" entries, comma-separated).</summary>
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
    long _lastWarning;
    int _next;

    public bool HasReplica => _replicas.Count > 0;

    /// <summary>
    /// A replica that has replayed at least <paramref name="wanted"/> (taken in turn, waiting up to the
    /// configured time for one to); else the primary.
    /// </summary>
    public async Task<(NpgsqlDataSource Source, long? Replayed)> ChooseAsync(long? wanted, CancellationToken ct)
    {
        if (_replicas.Count == 0) return (primary, null);
        var waiting = Stopwatch.StartNew();
        var start = Interlocked.Increment(ref _next);
        while (true)
        {
            var readable = 0;
            for (var i = 0; i < _replicas.Count; i++)
            {
                var replica = _replicas[(int)((uint)(start + i) % (uint)_replicas.Count)];
                long replayed;
                try { replayed = await LogTables.HighWaterMarkAsync(replica, ct); }
                catch (NpgsqlException e)
                {
                    Warn(e);
                    continue;
                }
                readable++;
                if (wanted is null || wanted <= replayed) return (replica, replayed);
            }
            if (readable == 0 || waiting.Elapsed >= options.Value.Wait) return (primary, null);
            await Task.Delay(20, ct);
        }
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

    /// <summary>How many events the slowest readable replica has yet to replay (null without one, or when none can be read).</summary>
    public async Task<long?> LagAsync(CancellationToken ct)
    {
        if (_replicas.Count == 0) return null;
        long? slowest = null;
        long latest;
        try { latest = await LogTables.HighWaterMarkAsync(primary, ct); }
        catch (NpgsqlException) { return null; }
        foreach (var replica in _replicas)
        {
            try { slowest = Math.Max(slowest ?? long.MinValue, latest - await LogTables.HighWaterMarkAsync(replica, ct)); }
            catch (NpgsqlException) { }
        }
        return slowest;
    }
}

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

public sealed class ReadRouting(NpgsqlDataSource primary, IOptions<ReplicaOptions> options, ILogger<ReadRouting> logger,
    [Microsoft.Extensions.DependencyInjection.FromKeyedServices(ReadRouting.ReplicaKey)] NpgsqlDataSource? replica = null)
{
    public const string ReplicaKey = "replica";
    static readonly TimeSpan WarnEvery = TimeSpan.FromSeconds(30);
    long _lastWarning;

    public bool HasReplica => replica is not null;

    /// <summary>The replica, if it has replayed at least <paramref name="wanted"/> (waiting up to the configured time); else the primary.</summary>
    public async Task<(NpgsqlDataSource Source, long? Replayed)> ChooseAsync(long? wanted, CancellationToken ct)
    {
        if (replica is null) return (primary, null);
        var waiting = Stopwatch.StartNew();
        while (true)
        {
            long replayed;
            try { replayed = await LogTables.HighWaterMarkAsync(replica, ct); }
            catch (NpgsqlException e)
            {
                var now = Stopwatch.GetTimestamp();
                var last = Interlocked.Read(ref _lastWarning);
                if (last == 0 || Stopwatch.GetElapsedTime(last, now) > WarnEvery)
                {
                    Interlocked.Exchange(ref _lastWarning, now);
                    logger.LogWarning("The read replica cannot be read ({Reason}); reads go to the primary", e.Message);
                }
                return (primary, null);
            }
            if (wanted is null || wanted <= replayed) return (replica, replayed);
            if (waiting.Elapsed >= options.Value.Wait) return (primary, null);
            await Task.Delay(20, ct);
        }
    }

    /// <summary>How many events the replica has yet to replay (null without a replica, or when it cannot be read).</summary>
    public async Task<long?> LagAsync(CancellationToken ct)
    {
        if (replica is null) return null;
        try { return await LogTables.HighWaterMarkAsync(primary, ct) - await LogTables.HighWaterMarkAsync(replica, ct); }
        catch (NpgsqlException) { return null; }
    }
}

// Which database this request reads from: the primary unless the replica routing (Replicas/) chose a
// replica that has reached the request's basis. Endpoints that may read from a replica ask it here.
using Npgsql;

namespace Timeline.EventLog;

// The source this request reads from (set once per request by the routing; the primary unless told).
public sealed class ReadSource : IAsyncDisposable
{
    // The services key of the primary's data source for anonymous reads (it carries the read statement_timeout).
    public const string PrimaryKey = "timed-reads";

    NpgsqlConnection? _connection;
    NpgsqlTransaction? _snapshot;

    public NpgsqlDataSource? Chosen { get; set; }
    public bool FromReplica { get; set; }
    // What the replica had replayed when it was chosen (null for the primary): the basis its answers are read at, or later.
    public long? Replayed { get; set; }

    // A read-only snapshot of the chosen source for this request's document queries (Marten's): its basis
    // and its answer read alike while the replica replays on. Ended with the request.
    public NpgsqlTransaction Snapshot(NpgsqlDataSource primary)
    {
        if (_snapshot is not null) return _snapshot;
        _connection = (Chosen ?? primary).OpenConnection();
        // A replica replays on while the request reads: its basis and its answer must come from one snapshot. On the
        // primary the queries' own basis filters give the same answer, and no snapshot is held through a streamed answer.
        return _snapshot = _connection.BeginTransaction(FromReplica ? System.Data.IsolationLevel.RepeatableRead : System.Data.IsolationLevel.ReadCommitted);
    }

    public async ValueTask DisposeAsync()
    {
        if (_snapshot is not null) await _snapshot.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
    }
}

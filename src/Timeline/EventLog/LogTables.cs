// Where the event log lives and how far it reaches: the schema holding Marten's, Wolverine's
// and our own tables, Marten's event and stream tables, and the high-water mark (the last
// recorded sequence). Appends commit in sequence order (AppendOrder), so everything up to the
// high-water mark is there: it is the basis an answer "as known now" is computed at.
using Marten;
using Npgsql;

namespace Timeline.EventLog;

public static class LogTables
{
    // The PostgreSQL schema of every table Timeline owns, Marten's and Wolverine's included.
    public const string Schema = "timeline";
    public const string Events = $"{Schema}.mt_events";
    public const string Streams = $"{Schema}.mt_streams";

    // The last recorded sequence (0 for an empty log).
    public const string HighWaterMarkSql = $"select coalesce(max(seq_id), 0) from {Events}";

    public static async Task<long> HighWaterMarkAsync(IQuerySession session, CancellationToken ct) =>
        (await session.QueryAsync<long>(HighWaterMarkSql, ct)).Single();

    public static async Task<long> HighWaterMarkAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(HighWaterMarkSql);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    // Our index on the events' recorded time, which Marten is told to leave alone.
    public const string RecordedIndex = "ix_tl_events_recorded";

    // Creates RecordedIndex if it is missing (after Marten has made its tables).
    public const string RecordedIndexSql = $"create index if not exists {RecordedIndex} on {Events} (timestamp, seq_id)";

    // The sequence an answer given at knownAt was computed at, read by index. Events get their
    // timestamps under the append lock, so recorded time follows the sequence; the last hundred by
    // time are looked at, not one, so a clock step back cannot mislead it.
    public static async Task<long> BasisAtAsync(NpgsqlDataSource db, DateTimeOffset knownAt, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(string.Format(BasisAtSql, "$1"));
        cmd.Parameters.AddWithValue(knownAt.ToUniversalTime());
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public static async Task<long> BasisAtAsync(IQuerySession session, DateTimeOffset knownAt, CancellationToken ct) =>
        (await session.QueryAsync<long>(string.Format(BasisAtSql, "?"), ct, knownAt.ToUniversalTime())).Single();

    // How long ago (by the server's clock) the first event after after was recorded; null if none is.
    public static async Task<TimeSpan?> WaitingSinceAsync(NpgsqlDataSource db, long after, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"select now() - timestamp from {Events} where seq_id > $1 order by seq_id limit 1");
        cmd.Parameters.AddWithValue(after);
        return await cmd.ExecuteScalarAsync(ct) is TimeSpan since ? since : null;
    }

    const string BasisAtSql = $"select coalesce(max(seq_id), 0) from (select seq_id from {Events} where timestamp <= {{0}} order by timestamp desc limit 100) recent";
}

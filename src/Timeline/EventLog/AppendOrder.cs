// Appends are serialised by one transaction-scoped advisory lock, taken before Marten reserves
// event sequences, so transactions commit in sequence order. That makes "every event up to
// sequence N" a stable, reproducible point: once N is visible, nothing below it can still
// appear. Estimates cite that point as their basis; feeds can read up to it without gaps.
using Marten;
using Npgsql;

namespace Timeline.EventLog;

public static class AppendOrder
{
    /// <summary>An arbitrary, fixed key for pg_advisory_xact_lock, Timeline's own.</summary>
    public const long LockKey = 0x54_696D_656C_696E; // "Timeline"

    /// <summary>The channel every append notifies on commit; each instance's feed listens to it.</summary>
    public const string Channel = "timeline_events";

    /// <summary>
    /// Opens the session's transaction and waits for our turn to append. The transaction also
    /// notifies the feed (every instance LISTENs): PostgreSQL delivers it only if it commits.
    /// </summary>
    public static async Task BeginAppendAsync(this IDocumentSession session, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)session.Connection!;
        // One round trip for both: every append pays it while others wait for the lock.
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("select pg_advisory_xact_lock($1)") { Parameters = { new NpgsqlParameter { Value = LockKey } } },
                new NpgsqlBatchCommand($"notify {Channel}"),
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
    }
}

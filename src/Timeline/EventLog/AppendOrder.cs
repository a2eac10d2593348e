// Appends are serialised by one transaction-scoped advisory lock, taken before Marten reserves
// event sequences, so transactions commit in sequence order. That makes "every event up to
// sequence N" a stable, reproducible point: once N is visible, nothing below it can still
// appear. Estimates cite that point as their basis; feeds can read up to it without gaps.
using Marten;
using Npgsql;

namespace Timeline.EventLog;

public static class AppendOrder
{
    // An arbitrary, fixed key for pg_advisory_xact_lock, Timeline's own.
    public const long LockKey = 0x54_696D_656C_696E; // "Timeline"

    // The channel every append notifies on commit; each instance's feed listens to it.
    public const string Channel = "timeline_events";

    // What the turn leaves set in its transaction, for the events table's guard (LogUpkeep) to read: a setting
    // is read at no cost, where asking pg_locks whether the lock is held took 0.15-0.2 ms an insert.
    public const string TurnSetting = "timeline.append_turn";

    // How long a write waits for its turn before giving up (the answer is then a 503: nothing was written).
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(5);

    // How long any one statement of a write may run: a stuck write must not hold every other one off.
    public static readonly TimeSpan StatementTimeout = TimeSpan.FromSeconds(60);

    // How long after an instant an event recorded at or before it may still commit. Events are stamped
    // under the append lock, and what a write runs after that (its append, its projections' rows) is a
    // statement or two under StatementTimeout each. Past it, the basis at the instant no longer moves (so
    // long as the instances' clocks agree to within seconds).
    public static readonly TimeSpan Settled = 2 * StatementTimeout;

    // Whether a write failed because its lock_timeout (55P03) or statement_timeout (57014) ran out.
    public static bool TimedOut(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: "55P03" or "57014" }) return true;
        return false;
    }

    // Opens the session's transaction and waits for our turn to append, at most LockTimeout. The transaction
    // also notifies the feed (every instance LISTENs): PostgreSQL delivers it only if it commits.
    // statementTimeout (default StatementTimeout; zero for none) bounds each statement of the transaction.
    public static async Task BeginAppendAsync(this IDocumentSession session, CancellationToken ct, TimeSpan? statementTimeout = null)
    {
        await session.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)session.Connection!;
        // One round trip for all: every append pays it while others wait for the lock.
        await using var batch = new NpgsqlBatch(connection);
        foreach (var command in TurnCommands(statementTimeout)) batch.BatchCommands.Add(command);
        await batch.ExecuteNonQueryAsync(ct);
    }

    // What taking the append's turn sends, inside a transaction already begun: the timeouts, the lock, the notification.
    public static IEnumerable<NpgsqlBatchCommand> TurnCommands(TimeSpan? statementTimeout = null)
    {
        var statementMs = (long)(statementTimeout ?? StatementTimeout).TotalMilliseconds;
        yield return new NpgsqlBatchCommand($"set local lock_timeout = {(long)LockTimeout.TotalMilliseconds}");
        yield return new NpgsqlBatchCommand($"set local statement_timeout = {statementMs}");
        yield return new NpgsqlBatchCommand($"select pg_advisory_xact_lock($1), set_config('{TurnSetting}', 'taken', true)")
        {
            Parameters = { new NpgsqlParameter { Value = LockKey } },
        };
        yield return new NpgsqlBatchCommand($"notify {Channel}");
    }
}

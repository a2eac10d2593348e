// Statements by the parties they concern. `party` is free text on /api/timeline, so every value is a
// cache miss: without an index, a party no statement names read every statement document (1.6–1.8 s
// at 300,000). A GIN index over the document's parties answers the containment test instead.
// Without its pending list (fastupdate off): every query reads the whole list, up to 4 MB until a vacuum
// merges it (100,000 statements: 5–7 ms and ~500 pages for no row, against 0.1 ms and 3 pages), and the
// planner, pricing that read, chose other paths on a small table. Writes measured no slower within noise.
using Npgsql;
using Timeline.EventLog;

namespace Timeline.Statements;

public static class StatementParties
{
    public const string IndexName = "ix_tl_statements_parties";

    public const string IndexSql =
        $"create index if not exists {IndexName} on {LogTables.Schema}.mt_doc_statement using gin ((data -> 'Parties') jsonb_path_ops) with (fastupdate = off)";

    // An index an earlier version made with a pending list: turned off, only if not yet (the alteration locks the table's
    // readers out while it runs, so it waits at most a few seconds for them and is tried again at the next start).
    // Any GIN index by its qualified name, so a test can show it on an index of its own.
    public static string WithoutPendingListSql(string index) =>
        $"do $$ begin if not exists (select 1 from pg_class where oid = '{index}'::regclass " +
        $"and 'fastupdate=off' = any (coalesce(reloptions, '{{}}'))) then alter index {index} set (fastupdate = off); end if; end $$";

    // The list such an index still holds, merged now rather than at the next vacuum (nothing to do once it is empty).
    public static string MergePendingListSql(string index) => $"select gin_clean_pending_list('{index}'::regclass)";

    // The statement names the party (the one parameter), written as the containment the index answers.
    public const string Names = "data -> 'Parties' @> jsonb_build_array(?::text)";
}

// Creates the statement document's indexes Marten is told to leave alone (the other kinds' partial index and
// the parties index), and the statistics on the kind the first needs, at start, after Marten has made the table: one instance at a time, under a lock, or
// instances starting together race to create them ("duplicate key … pg_class").
public sealed class StatementIndexes(NpgsqlDataSource db, ILogger<StatementIndexes> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var lockIt = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext('timeline.statement-indexes'))", connection, tx))
            await lockIt.ExecuteNonQueryAsync(ct);
        foreach (var sql in new[] { OtherKinds.IndexSql, StatementParties.IndexSql })
        {
            // On a large existing table, building one the first time takes a while.
            await using var index = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 0 };
            await index.ExecuteNonQueryAsync(ct);
        }
        // The kind's statistics, gathered once when they are new (later, autovacuum's analyze keeps them).
        await using (var exists = new NpgsqlCommand(
            $"select exists (select 1 from pg_statistic_ext where stxname = '{OtherKinds.StatisticsName}' and stxnamespace = '{LogTables.Schema}'::regnamespace)", connection, tx))
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
                foreach (var sql in new[] { OtherKinds.StatisticsSql, $"analyze {LogTables.Schema}.mt_doc_statement" })
                {
                    await using var gather = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 0 };
                    await gather.ExecuteNonQueryAsync(ct);
                }
        await tx.CommitAsync(ct);
        await WithoutPendingListAsync(connection, $"{LogTables.Schema}.{StatementParties.IndexName}", logger, ct);
    }

    internal static async Task WithoutPendingListAsync(NpgsqlConnection connection, string index, ILogger logger, CancellationToken ct)
    {
        try
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            await using (var wait = new NpgsqlCommand("set local lock_timeout = '3s'", connection, tx)) await wait.ExecuteNonQueryAsync(ct);
            await using (var alter = new NpgsqlCommand(StatementParties.WithoutPendingListSql(index), connection, tx)) await alter.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            logger.LogWarning("The parties index keeps its pending list: readers held the table for 3 s; it is turned off at the next start");
        }
        await using var merge = new NpgsqlCommand(StatementParties.MergePendingListSql(index), connection) { CommandTimeout = 0 };
        await merge.ExecuteNonQueryAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

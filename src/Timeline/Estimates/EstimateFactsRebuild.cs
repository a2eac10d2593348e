// Rebuilds the estimate facts (tl_estimate_facts) and the series catalog from the event log
// into a shadow table without indexes: reports by binary COPY; then the indexes, built once;
// then corrections and retractions, which look up their report's row. The shadow is swapped in
// with the append lock held after catching up: readers see the old facts until that commit,
// then the new ones.
using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;
using Timeline.EventLog;
using Timeline.Statements;

namespace Timeline.Estimates;

public sealed class EstimateFactsRebuild(IDocumentStore store, NpgsqlDataSource db) : IProjectionRebuild
{
    const int EventBatch = 2000;
    const string Facts = $"{LogTables.Schema}.{EstimateFactsProjection.TableName}";
    const string ShadowName = $"{EstimateFactsProjection.TableName}_rebuild";
    const string Shadow = $"{LogTables.Schema}.{ShadowName}";
    const string Catalog = $"{LogTables.Schema}.{EstimateFactsProjection.CatalogName}";

    public ProjectionDescription Description { get; } =
        new("EstimateFacts", "inline", "GET /api/estimates, /api/estimates.csv, /api/estimates/{seriesId}/history, /api/replay");

    public async Task<long> CountWorkAsync(CancellationToken ct)
    {
        await using var count = db.CreateCommand($"select count(*) from {LogTables.Events}");
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    public async Task RebuildAsync(RebuildProgress progress, CancellationToken ct)
    {
        progress.Phase("estimate facts");
        await using (var create = db.CreateCommand($"drop table if exists {Shadow}; create table {Shadow} (like {Facts} including defaults)"))
            await create.ExecuteNonQueryAsync(ct);

        // Reports first, by COPY into the bare table; then the indexes, built once over all of them.
        var last = await ReplayAsync(0, reports: true, long.MaxValue, progress, ct);
        progress.Phase("estimate facts: indexes");
        var indexes = string.Concat(EstimateFactsProjection.Indexes.Select(i => $"create index {ShadowName}_{i.Suffix} on {Shadow} ({string.Join(", ", i.Columns)});\n"));
        await using (var index = db.CreateCommand($"alter table {Shadow} add constraint {ShadowName}_pkey primary key (id);\n{indexes}analyze {Shadow};"))
        {
            index.CommandTimeout = 0;
            await index.ExecuteNonQueryAsync(ct);
        }
        // Then corrections and retractions up to the same point, in order: each finds its report's row.
        progress.Phase("estimate facts: revisions");
        await ReplayAsync(0, reports: false, upTo: last, progress, ct);

        // Catch up and swap with appends held off, so nothing is appended between the two.
        progress.Phase("swapping in");
        await using var swap = store.LightweightSession();
        // The swap catches up and renames under the append lock: it waits its turn like any write, but its statements may take long.
        await swap.BeginAppendAsync(ct, statementTimeout: TimeSpan.Zero);
        swap.QueueSqlCommand($"delete from {Catalog}");
        swap.QueueSqlCommand(EstimateFactsProjection.CatalogFill(Shadow, Catalog));
        await CatchUpAsync(last, swap, ct);
        swap.QueueSqlCommand($"lock table {Facts} in access exclusive mode");
        swap.QueueSqlCommand($"drop table {Facts}");
        swap.QueueSqlCommand($"alter table {Shadow} rename to {EstimateFactsProjection.TableName}");
        // The names the schema expects, so nothing looks changed at the next start.
        swap.QueueSqlCommand($"alter table {Facts} rename constraint {ShadowName}_pkey to {EstimateFactsProjection.PrimaryKeyName}");
        foreach (var (suffix, _) in EstimateFactsProjection.Indexes)
            swap.QueueSqlCommand($"alter index {LogTables.Schema}.{ShadowName}_{suffix} rename to ix_{EstimateFactsProjection.TableName}_{suffix}");
        await swap.SaveChangesAsync(ct);
    }

    // Reads the events after after (up to upTo) in batches and projects either the reports (binary COPY) or
    // everything else (the projection's own SQL) into the shadow table; returns the last sequence read.
    async Task<long> ReplayAsync(long after, bool reports, long upTo, RebuildProgress progress, CancellationToken ct)
    {
        while (true)
        {
            await using var query = store.QuerySession();
            var range = query.Events.QueryAllRawEvents().Where(e => e.Sequence > after && e.Sequence <= upTo);
            // The second pass reads only the (few) revisions, not every event again.
            if (!reports) range = range.Where(e => e.EventTypesAre(typeof(StatementCorrected), typeof(StatementRetracted)));
            var events = await range.OrderBy(e => e.Sequence).Take(EventBatch).ToListAsync(ct);
            if (events.Count == 0) return after;

            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            if (reports)
            {
                var rows = events.Where(e => e.Data is FigureReported).Select(e => FactRow.Reported(e, (FigureReported)e.Data));
                await FactColumns.Copy.WriteAsync(conn, rows, ct, into: Shadow);
            }
            else
            {
                foreach (var e in events.Where(e => e.Data is not FigureReported))
                {
                    if (EstimateFactsProjection.Command(e, Shadow, Catalog) is not { } command) continue;
                    await using var cmd = new NpgsqlCommand(Positional(command.Sql), conn, tx);
                    foreach (var arg in command.Args) cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
                    await cmd.ExecuteNonQueryAsync(ct);
                }
            }
            await tx.CommitAsync(ct);
            after = events[^1].Sequence;
            if (reports) progress.Processed(events.Count);
        }
    }

    // The events appended since the replay, into the shadow table, inside the swap's transaction.
    static async Task CatchUpAsync(long after, IDocumentSession within, CancellationToken ct)
    {
        while (true)
        {
            var events = await within.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence)
                .Take(EventBatch)
                .ToListAsync(ct);
            if (events.Count == 0) return;
            foreach (var e in events)
                if (EstimateFactsProjection.Command(e, Shadow, Catalog) is { } command) within.QueueSqlCommand(command.Sql, command.Args);
            after = events[^1].Sequence;
        }
    }

    // The projection's SQL uses Marten's "?" placeholders; Npgsql wants $1, $2, ….
    static string Positional(string sql)
    {
        var n = 0;
        var result = new System.Text.StringBuilder(sql.Length + 16);
        foreach (var c in sql)
        {
            if (c == '?') result.Append('$').Append(++n);
            else result.Append(c);
        }
        return result.ToString();
    }
}

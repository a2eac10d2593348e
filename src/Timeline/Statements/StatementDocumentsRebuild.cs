// Rebuilds the statement documents (mt_doc_statement) from every stream's events, in batches,
// written by COPY and one set-based upsert that leaves identical documents untouched. The pass
// holds no lock, so a revision appended meanwhile may be overwritten by an older state: the
// streams appended to since the pass began are recomputed once more at the end, holding the
// append lock.
using JasperFx.Events;
using Marten;
using Npgsql;
using Timeline.EventLog;

namespace Timeline.Statements;

public sealed class StatementDocumentsRebuild(IDocumentStore store, NpgsqlDataSource db) : IProjectionRebuild
{
    const int StreamBatch = 2000;
    const string Docs = StatementDocument.Table;
    const string DocsShadow = $"{LogTables.Schema}.tl_statement_rebuild";
    static readonly StatementProjection Projection = new();
    // The shadow's columns, and what the upsert sets and compares, all from the one declaration of the document row.
    static readonly string ShadowColumns = string.Join(", ", StatementDocument.Shadow.Columns.Select(c => $"{c.Name} {c.SqlType} not null"));
    static readonly IEnumerable<string> Written = StatementDocument.Shadow.Columns.Select(c => c.Name).Where(n => n != "id");
    static readonly string Set = string.Join(", ", Written.Select(n => $"{n} = excluded.{n}"));
    static readonly string Changed = string.Join(" or ", Written.Select(n => $"d.{n} is distinct from excluded.{n}"));

    public ProjectionDescription Description { get; } =
        new("Statement", "inline", "GET /api/statements, /api/statements/{id}, /api/timeline, /api/negotiations");

    public async Task<long> CountWorkAsync(CancellationToken ct)
    {
        await using var count = db.CreateCommand($"select count(*) from {LogTables.Streams}");
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    public async Task RebuildAsync(RebuildProgress progress, CancellationToken ct)
    {
        progress.Phase("statements");
        var startedAt = await LogTables.HighWaterMarkAsync(db, ct);
        var serializer = store.Options.Serializer();
        await using (var create = db.CreateCommand($"drop table if exists {DocsShadow}; create unlogged table {DocsShadow} ({ShadowColumns}, primary key (id))"))
            await create.ExecuteNonQueryAsync(ct);
        var after = Guid.Empty;
        while (true)
        {
            var ids = new List<Guid>();
            await using (var cmd = db.CreateCommand($"select id from {LogTables.Streams} where id > $1 order by id limit {StreamBatch}"))
            {
                cmd.Parameters.AddWithValue(after);
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
            }
            if (ids.Count == 0) break;

            // One read for the whole batch's events, folded in memory by the projection itself.
            await using var query = store.QuerySession();
            var events = await query.Events.QueryAllRawEvents()
                .Where(e => e.StreamId.IsOneOf(ids.ToArray()))
                .OrderBy(e => e.Sequence)
                .ToListAsync(ct);
            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            await using (var truncate = new NpgsqlCommand($"truncate {DocsShadow}", conn, tx)) await truncate.ExecuteNonQueryAsync(ct);
            var documents = events.GroupBy(e => e.StreamId)
                .Select(stream => Fold(stream) is { } statement ? new StatementDocument(stream.Key, serializer.ToJson(statement), stream.Max(e => e.Version)) : null)
                .OfType<StatementDocument>();
            await StatementDocument.Shadow.WriteAsync(conn, documents, ct, into: DocsShadow);
            // Identical documents (the usual case) are compared, not rewritten: no new row versions, no index churn.
            await using (var upsert = new NpgsqlCommand($"""
                insert into {Docs} as d ({StatementDocument.Shadow.ColumnList}, mt_dotnet_type, mt_last_modified)
                select {StatementDocument.Shadow.ColumnList}, $1, transaction_timestamp() from {DocsShadow}
                on conflict (id) do update set {Set}, mt_dotnet_type = excluded.mt_dotnet_type, mt_last_modified = excluded.mt_last_modified
                where {Changed}
                """, conn, tx))
            {
                upsert.Parameters.AddWithValue(typeof(Statement).FullName!);
                await upsert.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
            after = ids[^1];
            progress.Processed(ids.Count);
        }
        await using (var drop = db.CreateCommand($"drop table if exists {DocsShadow}")) await drop.ExecuteNonQueryAsync(ct);

        // Streams appended to while the pass ran: recomputed again, with appends held off.
        await using var session = store.LightweightSession();
        await session.BeginAppendAsync(ct, statementTimeout: TimeSpan.Zero);
        var touched = await session.Events.QueryAllRawEvents().Where(e => e.Sequence > startedAt).Select(e => e.StreamId).ToListAsync(ct);
        if (touched.Count == 0) return;
        var again = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(touched.Distinct().ToArray()))
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        foreach (var stream in again.GroupBy(e => e.StreamId))
            if (Fold(stream) is { } statement) session.Store(statement);
        await session.SaveChangesAsync(ct);
    }

    // A stream's events, in order, folded by the projection itself.
    internal static Statement? Fold(IGrouping<Guid, IEvent> stream) =>
        stream.Aggregate((Statement?)null, (doc, e) => Projection.Evolve(doc, stream.Key, e));
}

// POST /api/admin/projections/rebuild and GET /api/admin/projections: rebuild every projection
// from the event log while reads and writes go on.
//
// Statement documents are recomputed from every stream's events, in batches, and written by COPY
// and one set-based upsert that leaves identical documents untouched. This pass holds no lock, so
// a revision appended meanwhile may be overwritten by an older state: the streams appended to
// since the pass began are recomputed once more at the end, holding the append lock.
//
// Estimate facts are rebuilt into a shadow table without indexes (reports by COPY; then the
// indexes, built once; then corrections and retractions, which look up their report's row), and
// swapped in with the append lock held after catching up: readers see the old facts until that
// commit, then the new ones.
using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;
using Timeline.Estimates;
using Timeline.Hosting;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Admin;

public enum RebuildState { Idle, Running, Succeeded, Failed }

public sealed record RebuildStatus(
    RebuildState State, string? Phase, long Processed, long Total,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error);

public sealed record ProjectionInfo(string Name, string Lifecycle, string Answers);

public sealed record ProjectionsAnswer(IReadOnlyList<ProjectionInfo> Projections, RebuildStatus Rebuild);

public sealed class ProjectionRebuilder(IDocumentStore store, NpgsqlDataSource db, FactStore facts, TimeProvider clock, ILogger<ProjectionRebuilder> logger)
{
    const int StreamBatch = 2000;
    const int EventBatch = 2000;
    const string Facts = $"{TimelineDatabase.Schema}.{EstimateFactsProjection.TableName}";
    const string ShadowName = $"{EstimateFactsProjection.TableName}_rebuild";
    const string Shadow = $"{TimelineDatabase.Schema}.{ShadowName}";
    const string Docs = $"{TimelineDatabase.Schema}.mt_doc_statement";
    const string DocsShadow = $"{TimelineDatabase.Schema}.tl_statement_rebuild";
    const string Catalog = $"{TimelineDatabase.Schema}.{EstimateFactsProjection.CatalogName}";

    static readonly StatementProjection Projection = new();
    readonly Lock _gate = new();
    RebuildStatus _status = new(RebuildState.Idle, null, 0, 0, null, null, null);
    Task _running = Task.CompletedTask;

    public RebuildStatus Status { get { lock (_gate) return _status; } }

    /// <summary>The rebuild now under way, for callers that want to wait for it.</summary>
    public Task Running { get { lock (_gate) return _running; } }

    public bool TryStart()
    {
        lock (_gate)
        {
            if (_status.State == RebuildState.Running) return false;
            _status = new RebuildStatus(RebuildState.Running, "starting", 0, 0, clock.GetUtcNow(), null, null);
            _running = Task.Run(RunAsync);
            return true;
        }
    }

    async Task RunAsync()
    {
        try
        {
            await using (var count = db.CreateCommand($"select (select count(*) from {TimelineDatabase.Schema}.mt_streams) + (select count(*) from {TimelineDatabase.Schema}.mt_events)"))
            {
                var total = (long)(await count.ExecuteScalarAsync())!;
                Update(s => s with { Total = total });
            }
            await RebuildStatementsAsync();
            await RebuildFactsAsync();
            Update(s => s with { State = RebuildState.Succeeded, Phase = "done", FinishedAt = clock.GetUtcNow() });
            logger.LogInformation("Rebuilt every projection from the event log");
        }
        catch (Exception e)
        {
            logger.LogError(e, "Rebuilding the projections failed");
            Update(s => s with { State = RebuildState.Failed, FinishedAt = clock.GetUtcNow(), Error = e.Message });
        }
    }

    async Task RebuildStatementsAsync()
    {
        Update(s => s with { Phase = "statements" });
        var startedAt = await facts.CurrentBasisAsync(CancellationToken.None);
        var serializer = store.Options.Serializer();
        await using (var create = db.CreateCommand($"drop table if exists {DocsShadow}; create unlogged table {DocsShadow} (id uuid primary key, data jsonb not null, mt_version bigint not null)"))
            await create.ExecuteNonQueryAsync();
        var after = Guid.Empty;
        while (true)
        {
            var ids = new List<Guid>();
            await using (var cmd = db.CreateCommand($"select id from {TimelineDatabase.Schema}.mt_streams where id > $1 order by id limit {StreamBatch}"))
            {
                cmd.Parameters.AddWithValue(after);
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
            }
            if (ids.Count == 0) break;

            // One read for the whole batch's events, folded in memory by the projection itself.
            await using var query = store.QuerySession();
            var events = await query.Events.QueryAllRawEvents()
                .Where(e => e.StreamId.IsOneOf(ids.ToArray()))
                .OrderBy(e => e.Sequence)
                .ToListAsync();
            await using var conn = await db.OpenConnectionAsync();
            await using var tx = await conn.BeginTransactionAsync();
            await using (var truncate = new NpgsqlCommand($"truncate {DocsShadow}", conn, tx)) await truncate.ExecuteNonQueryAsync();
            await using (var copy = await conn.BeginBinaryImportAsync($"copy {DocsShadow} (id, data, mt_version) from stdin (format binary)"))
            {
                foreach (var stream in events.GroupBy(e => e.StreamId))
                {
                    if (Fold(stream) is not { } statement) continue;
                    await copy.StartRowAsync();
                    await copy.WriteAsync(stream.Key, NpgsqlTypes.NpgsqlDbType.Uuid);
                    await copy.WriteAsync(serializer.ToJson(statement), NpgsqlTypes.NpgsqlDbType.Jsonb);
                    await copy.WriteAsync(stream.Max(e => e.Version), NpgsqlTypes.NpgsqlDbType.Bigint);
                }
                await copy.CompleteAsync();
            }
            // Identical documents (the usual case) are compared, not rewritten: no new row versions, no index churn.
            await using (var upsert = new NpgsqlCommand($"""
                insert into {Docs} as d (id, data, mt_version, mt_dotnet_type, mt_last_modified)
                select id, data, mt_version, $1, transaction_timestamp() from {DocsShadow}
                on conflict (id) do update set data = excluded.data, mt_version = excluded.mt_version,
                    mt_dotnet_type = excluded.mt_dotnet_type, mt_last_modified = excluded.mt_last_modified
                where d.data is distinct from excluded.data or d.mt_version is distinct from excluded.mt_version
                """, conn, tx))
            {
                upsert.Parameters.AddWithValue(typeof(Statement).FullName!);
                await upsert.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
            after = ids[^1];
            Update(s => s with { Processed = s.Processed + ids.Count });
        }
        await using (var drop = db.CreateCommand($"drop table if exists {DocsShadow}")) await drop.ExecuteNonQueryAsync();

        // Streams appended to while the pass ran: recomputed again, with appends held off.
        await using var session = store.LightweightSession();
        await session.BeginAppendAsync(CancellationToken.None);
        var touched = await session.Events.QueryAllRawEvents().Where(e => e.Sequence > startedAt).Select(e => e.StreamId).ToListAsync();
        if (touched.Count == 0) return;
        var again = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(touched.Distinct().ToArray()))
            .OrderBy(e => e.Sequence)
            .ToListAsync();
        foreach (var stream in again.GroupBy(e => e.StreamId))
            if (Fold(stream) is { } statement) session.Store(statement);
        await session.SaveChangesAsync();
    }

    /// <summary>A stream's events, in order, folded by the projection itself.</summary>
    static Statement? Fold(IGrouping<Guid, IEvent> stream) =>
        stream.Aggregate((Statement?)null, (doc, e) => Projection.Evolve(doc, stream.Key, e));

    async Task RebuildFactsAsync()
    {
        Update(s => s with { Phase = "estimate facts" });
        await using (var create = db.CreateCommand($"drop table if exists {Shadow}; create table {Shadow} (like {Facts} including defaults)"))
            await create.ExecuteNonQueryAsync();

        // Reports first, by COPY into the bare table; then the indexes, built once over all of them.
        var last = await ReplayAsync(0, reports: true);
        Update(s => s with { Phase = "estimate facts: indexes" });
        var indexes = string.Concat(EstimateFactsProjection.Indexes.Select(i => $"create index {ShadowName}_{i.Suffix} on {Shadow} ({string.Join(", ", i.Columns)});\n"));
        await using (var index = db.CreateCommand($"alter table {Shadow} add constraint {ShadowName}_pkey primary key (id);\n{indexes}analyze {Shadow};"))
        {
            index.CommandTimeout = 0;
            await index.ExecuteNonQueryAsync();
        }
        // Then corrections and retractions up to the same point, in order: each finds its report's row.
        Update(s => s with { Phase = "estimate facts: revisions" });
        await ReplayAsync(0, reports: false, upTo: last);

        // Catch up and swap with appends held off, so nothing is appended between the two.
        Update(s => s with { Phase = "swapping in" });
        await using var swap = store.LightweightSession();
        await swap.BeginAppendAsync(CancellationToken.None);
        swap.QueueSqlCommand($"delete from {Catalog}");
        swap.QueueSqlCommand(EstimateFactsProjection.CatalogFill(Shadow, Catalog));
        await CatchUpAsync(last, swap);
        swap.QueueSqlCommand($"lock table {Facts} in access exclusive mode");
        swap.QueueSqlCommand($"drop table {Facts}");
        swap.QueueSqlCommand($"alter table {Shadow} rename to {EstimateFactsProjection.TableName}");
        // The names the schema expects, so nothing looks changed at the next start.
        swap.QueueSqlCommand($"alter table {Facts} rename constraint {ShadowName}_pkey to {EstimateFactsProjection.PrimaryKeyName}");
        foreach (var (suffix, _) in EstimateFactsProjection.Indexes)
            swap.QueueSqlCommand($"alter index {TimelineDatabase.Schema}.{ShadowName}_{suffix} rename to ix_{EstimateFactsProjection.TableName}_{suffix}");
        await swap.SaveChangesAsync();
    }

    /// <summary>
    /// Reads the events after <paramref name="after"/> (up to <paramref name="upTo"/>) in batches and
    /// projects either the reports (binary COPY) or everything else (the projection's own SQL) into
    /// the shadow table; returns the last sequence read.
    /// </summary>
    async Task<long> ReplayAsync(long after, bool reports, long upTo = long.MaxValue)
    {
        while (true)
        {
            await using var query = store.QuerySession();
            var range = query.Events.QueryAllRawEvents().Where(e => e.Sequence > after && e.Sequence <= upTo);
            // The second pass reads only the (few) revisions, not every event again.
            if (!reports) range = range.Where(e => e.EventTypesAre(typeof(StatementCorrected), typeof(StatementRetracted)));
            var events = await range.OrderBy(e => e.Sequence).Take(EventBatch).ToListAsync();
            if (events.Count == 0) return after;

            await using var conn = await db.OpenConnectionAsync();
            await using var tx = await conn.BeginTransactionAsync();
            if (reports)
            {
                await using var copy = await conn.BeginBinaryImportAsync($"copy {Shadow} ({EstimateFactsProjection.ReportColumns}) from stdin (format binary)");
                foreach (var e in events)
                    if (e.Data is FigureReported r) await EstimateFactsProjection.CopyReportAsync(copy, e, r, CancellationToken.None);
                await copy.CompleteAsync();
            }
            else
            {
                foreach (var e in events.Where(e => e.Data is not FigureReported))
                {
                    if (EstimateFactsProjection.Command(e, Shadow, Catalog) is not { } command) continue;
                    await using var cmd = new NpgsqlCommand(Positional(command.Sql), conn, tx);
                    foreach (var arg in command.Args) cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
                    await cmd.ExecuteNonQueryAsync();
                }
            }
            await tx.CommitAsync();
            after = events[^1].Sequence;
            if (reports) Update(s => s with { Processed = s.Processed + events.Count });
        }
    }

    /// <summary>The events appended since the replay, into the shadow table, inside the swap's transaction.</summary>
    async Task CatchUpAsync(long after, IDocumentSession within)
    {
        while (true)
        {
            var events = await within.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence)
                .Take(EventBatch)
                .ToListAsync();
            if (events.Count == 0) return;
            foreach (var e in events)
                if (EstimateFactsProjection.Command(e, Shadow, Catalog) is { } command) within.QueueSqlCommand(command.Sql, command.Args);
            after = events[^1].Sequence;
        }
    }

    /// <summary>The projection's SQL uses Marten's "?" placeholders; Npgsql wants $1, $2, ….</summary>
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

    void Update(Func<RebuildStatus, RebuildStatus> change)
    {
        lock (_gate) _status = change(_status);
    }
}

public static class RebuildProjections
{
    public static readonly ProjectionInfo[] Projections =
    [
        new("Statement", "inline", "GET /api/statements, /api/statements/{id}, /api/timeline, /api/negotiations"),
        new("EstimateFacts", "inline", "GET /api/estimates, /api/estimates.csv, /api/estimates/{seriesId}/history"),
    ];

    public static IResult Start(ProjectionRebuilder rebuilder) =>
        rebuilder.TryStart()
            ? TypedResults.Accepted("/api/admin/projections", new ProjectionsAnswer(Projections, rebuilder.Status))
            : Problems.Conflict("A rebuild is already running; follow it at GET /api/admin/projections.");

    public static IResult Progress(ProjectionRebuilder rebuilder) =>
        TypedResults.Ok(new ProjectionsAnswer(Projections, rebuilder.Status));

    public static IServiceCollection AddAdmin(this IServiceCollection services) =>
        services.AddSingleton<ProjectionRebuilder>();

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(Security.Rights.Admin);
        admin.MapPost("/projections/rebuild", Start)
            .Produces<ProjectionsAnswer>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Rebuild every projection from the event log; reads go on meanwhile");
        admin.MapGet("/projections", Progress)
            .Produces<ProjectionsAnswer>()
            .WithSummary("The projections and the progress of the latest rebuild");
        return app;
    }
}

// POST /api/admin/projections/rebuild and GET /api/admin/projections: rebuild every projection
// from the event log while reads go on. Statement documents are recomputed stream by stream
// and overwritten in place (each batch holding the append lock, so no revision slips between
// reading a stream and storing its document). Estimate facts are rebuilt into a shadow table
// and swapped in, in one transaction, after catching up with what was appended meanwhile;
// readers see the old facts until that commit, then the new ones.
using JasperFx.Events;
using Marten;
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

public sealed class ProjectionRebuilder(IDocumentStore store, NpgsqlDataSource db, TimeProvider clock, ILogger<ProjectionRebuilder> logger)
{
    const int StreamBatch = 500;
    const int EventBatch = 2000;
    const string Facts = $"{TimelineDatabase.Schema}.{EstimateFactsProjection.TableName}";
    const string Shadow = $"{TimelineDatabase.Schema}.{EstimateFactsProjection.TableName}_rebuild";
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
            if (ids.Count == 0) return;

            await using var session = store.LightweightSession();
            await session.BeginAppendAsync(CancellationToken.None);
            // One read for the whole batch's events, folded in memory by the projection itself.
            var events = await session.Events.QueryAllRawEvents()
                .Where(e => e.StreamId.IsOneOf(ids.ToArray()))
                .OrderBy(e => e.Sequence)
                .ToListAsync();
            foreach (var stream in events.GroupBy(e => e.StreamId))
                if (stream.Aggregate((Statement?)null, (doc, e) => Projection.Evolve(doc, stream.Key, e)) is { } statement)
                    session.Store(statement);
            await session.SaveChangesAsync();
            after = ids[^1];
            Update(s => s with { Processed = s.Processed + ids.Count });
        }
    }

    async Task RebuildFactsAsync()
    {
        Update(s => s with { Phase = "estimate facts" });
        await using (var create = db.CreateCommand($"drop table if exists {Shadow}; create table {Shadow} (like {Facts} including all)"))
            await create.ExecuteNonQueryAsync();

        var last = await ReplayIntoShadowAsync(0, null);

        // Catch up and swap with appends held off, so nothing is appended between the two.
        Update(s => s with { Phase = "swapping in" });
        await using var swap = store.LightweightSession();
        await swap.BeginAppendAsync(CancellationToken.None);
        await ReplayIntoShadowAsync(last, swap);
        swap.QueueSqlCommand($"lock table {Facts} in exclusive mode");
        swap.QueueSqlCommand($"delete from {Facts}");
        swap.QueueSqlCommand($"insert into {Facts} select * from {Shadow}");
        swap.QueueSqlCommand($"drop table {Shadow}");
        swap.QueueSqlCommand($"delete from {Catalog}");
        swap.QueueSqlCommand(EstimateFactsProjection.CatalogFill(Facts, Catalog));
        await swap.SaveChangesAsync();
    }

    /// <summary>Projects events after <paramref name="after"/> into the shadow table; returns the last sequence seen.</summary>
    async Task<long> ReplayIntoShadowAsync(long after, IDocumentSession? within)
    {
        while (true)
        {
            await using var query = store.QuerySession();
            var events = await query.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence)
                .Take(EventBatch)
                .ToListAsync();
            if (events.Count == 0) return after;

            if (within is not null)
            {
                // The catch-up inside the swap's transaction: few events, the projection's own SQL.
                foreach (var e in events)
                    if (EstimateFactsProjection.Command(e, Shadow, Catalog) is { } command) within.QueueSqlCommand(command.Sql, command.Args);
            }
            else
            {
                // Reports (nearly every event) by binary COPY; then corrections and retractions, whose
                // rows copy fields from their report's row (recorded earlier, so already there).
                await using var conn = await db.OpenConnectionAsync();
                await using var tx = await conn.BeginTransactionAsync();
                await using (var copy = await conn.BeginBinaryImportAsync($"copy {Shadow} ({EstimateFactsProjection.ReportColumns}) from stdin (format binary)"))
                {
                    foreach (var e in events)
                        if (e.Data is FigureReported r) await EstimateFactsProjection.CopyReportAsync(copy, e, r, CancellationToken.None);
                    await copy.CompleteAsync();
                }
                foreach (var e in events.Where(e => e.Data is not FigureReported))
                {
                    if (EstimateFactsProjection.Command(e, Shadow, Catalog) is not { } command) continue;
                    await using var cmd = new NpgsqlCommand(Positional(command.Sql), conn, tx);
                    foreach (var arg in command.Args) cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
                    await cmd.ExecuteNonQueryAsync();
                }
                await tx.CommitAsync();
            }
            after = events[^1].Sequence;
            Update(s => s with { Processed = s.Processed + events.Count });
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

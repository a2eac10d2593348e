// POST /api/admin/projections/rebuild and GET /api/admin/projections: rebuild every projection
// from the event log while reads and writes go on. Each capability owns its projections' storage
// and how to rebuild them (IProjectionRebuild); this runs them in turn and reports progress.
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Timeline.EventLog;
using Timeline.Http;

namespace Timeline.Admin;

public enum RebuildState { Idle, Running, Succeeded, Failed }

public sealed record RebuildStatus(
    RebuildState State, string? Phase, long Processed, long Total,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error);

public sealed record ProjectionsAnswer(IReadOnlyList<ProjectionDescription> Projections, RebuildStatus Rebuild);

public sealed class ProjectionRebuilder
{
    readonly IReadOnlyList<IProjectionRebuild> _rebuilds;
    readonly NpgsqlDataSource db;
    readonly TimeProvider clock;
    readonly ILogger<ProjectionRebuilder> logger;

    public ProjectionRebuilder(IEnumerable<IProjectionRebuild> rebuilds, NpgsqlDataSource db, TimeProvider clock, IMeterFactory meters, ILogger<ProjectionRebuilder> logger)
    {
        _rebuilds = rebuilds.ToList();
        this.db = db;
        this.clock = clock;
        this.logger = logger;
        // Timeline.Admin: how far the latest rebuild has got.
        var meter = meters.Create("Timeline.Admin");
        meter.CreateObservableGauge("timeline.rebuild.processed", () => Status.Processed, "{item}", "Streams and events the latest rebuild has processed");
        meter.CreateObservableGauge("timeline.rebuild.total", () => Status.Total, "{item}", "Streams and events the latest rebuild has to process");
        meter.CreateObservableGauge("timeline.rebuild.running", () => Status.State == RebuildState.Running ? 1 : 0, "{rebuild}", "1 while a rebuild runs");
    }

    readonly Lock _gate = new();
    RebuildStatus _status = new(RebuildState.Idle, null, 0, 0, null, null, null);
    Task _running = Task.CompletedTask;

    public IReadOnlyList<ProjectionDescription> Projections => _rebuilds.Select(r => r.Description).ToList();

    public RebuildStatus Status { get { lock (_gate) return _status; } }

    // The rebuild now under way, for callers that want to wait for it.
    public Task Running { get { lock (_gate) return _running; } }

    // The session-level advisory lock a rebuild holds, on whichever instance runs it.
    public const long LockKey = AppendOrder.LockKey + 1;

    // Starts a rebuild unless one runs already, here or on another instance sharing the database: the
    // database's advisory lock decides, held on a connection of its own until the rebuild ends.
    public async Task<bool> TryStartAsync(CancellationToken ct)
    {
        var held = await db.OpenConnectionAsync(ct);
        if (!await SessionLock.TryTakeAsync(held, LockKey, ct))
        {
            await held.DisposeAsync();
            return false;
        }
        lock (_gate)
        {
            _status = new RebuildStatus(RebuildState.Running, "starting", 0, 0, clock.GetUtcNow(), null, null);
            _running = Task.Run(() => RunAsync(held));
            return true;
        }
    }

    async Task RunAsync(NpgsqlConnection held)
    {
        try
        {
            await RebuildAsync();
        }
        finally
        {
            await using (held) await SessionLock.ReleaseAsync(held, LockKey);
        }
    }

    async Task RebuildAsync()
    {
        try
        {
            var total = 0L;
            foreach (var rebuild in _rebuilds) total += await rebuild.CountWorkAsync(CancellationToken.None);
            Update(s => s with { Total = total });
            var progress = new RebuildProgress(
                phase => Update(s => s with { Phase = phase }),
                processed => Update(s => s with { Processed = s.Processed + processed }));
            foreach (var rebuild in _rebuilds) await rebuild.RebuildAsync(progress, CancellationToken.None);
            Update(s => s with { State = RebuildState.Succeeded, Phase = "done", FinishedAt = clock.GetUtcNow() });
            logger.LogInformation("Rebuilt every projection from the event log");
        }
        catch (Exception e)
        {
            logger.LogError(e, "Rebuilding the projections failed");
            Update(s => s with { State = RebuildState.Failed, FinishedAt = clock.GetUtcNow(), Error = e.Message });
        }
    }

    void Update(Func<RebuildStatus, RebuildStatus> change)
    {
        lock (_gate) _status = change(_status);
    }
}

public static class RebuildProjections
{
    public static async Task<Results<Accepted<ProjectionsAnswer>, ProblemHttpResult>> Start(ProjectionRebuilder rebuilder, CancellationToken ct) =>
        await rebuilder.TryStartAsync(ct)
            ? TypedResults.Accepted("/api/admin/projections", new ProjectionsAnswer(rebuilder.Projections, rebuilder.Status))
            : Problems.Conflict("A rebuild is already running (on this instance or another); follow it at GET /api/admin/projections.");

    public static Ok<ProjectionsAnswer> Progress(ProjectionRebuilder rebuilder) =>
        TypedResults.Ok(new ProjectionsAnswer(rebuilder.Projections, rebuilder.Status));
}

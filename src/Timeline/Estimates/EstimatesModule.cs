// The estimates capability: the facts projection and its rebuild, the fact store, the endpoints.
using JasperFx.Events.Projections;
using Marten;
using Timeline.EventLog;
using Timeline.Http;

namespace Timeline.Estimates;

public static class EstimatesModule
{
    public static void ConfigureEstimates(this StoreOptions opts) =>
        opts.Projections.Add(new EstimateFactsProjection(opts.DatabaseSchemaName), ProjectionLifecycle.Inline);

    public static IServiceCollection AddEstimates(this IServiceCollection services) =>
        services.AddSingleton<FactStore>()
            // Endpoints marked ReadFromReplica read facts from where the request's routing chose.
            .AddKeyedScoped(ReadsFromReplica.Key, (sp, _) =>
                new FactStore(sp.GetRequiredService<ReadSource>().Chosen ?? sp.GetRequiredKeyedService<Npgsql.NpgsqlDataSource>(ReadSource.PrimaryKey)))
            .AddSingleton<IProjectionRebuild, EstimateFactsRebuild>()
            .AddSingleton<IBulkProjection, EstimateFactsBulk>();

    public static IEndpointRouteBuilder MapEstimates(this IEndpointRouteBuilder app)
    {
        var estimates = app.MapGroup("/api").WithTags("Estimates");
        estimates.MapGet("/estimates", GetEstimates.Current)
            .ReadFromReplica()
            .CacheableByTheBasisItReports(new FixedWhen("knownAt", "asOf"))
            .WithSummary("Each series' figures as of a date (asOf), as known at an instant or basis (knownAt); a page of series at a time (follow nextCursor)");
        estimates.MapGet("/estimates.csv", GetEstimates.Csv)
            .ReadFromReplica()
            .CacheableByTheBasisItReports(new FixedWhen("knownAt", "asOf"))
            .Produces<string>(contentType: "text/csv")
            .WithSummary("The same answer as CSV, one row per series and source; the next page at the Link header");
        estimates.MapGet("/estimates/{seriesId}/history", GetEstimates.History)
            .ReadFromReplica()
            .CacheableByTheBasisItReports(new FixedWhen("knownAt"))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("How a series' figures changed: every report, correction and retraction in statedOn order");
        // A page of changes replays up to a hundred series: charged as ten plain reads.
        estimates.MapGet("/changes", GetChanges.All)
            .Costs(10)
            .ReadFromReplica()
            .CacheableByBasis(new FixedWhen("knownAt", "from", "to"), new FixedWhen("knownTo", "knownFrom", "asOf"))
            .WithSummary("What changed between two dates (from, to), and which statements changed it; or what was learned between two moments (knownFrom, knownTo)");
        estimates.MapGet("/changes.csv", GetChanges.Csv)
            .Costs(10)
            .ReadFromReplica()
            .CacheableByBasis(new FixedWhen("knownAt", "from", "to"), new FixedWhen("knownTo", "knownFrom", "asOf"))
            .Produces<string>(contentType: "text/csv")
            .WithSummary("The same answer as CSV: per series its latest, each source that moved, and each statement that moved it");
        estimates.MapGet("/estimates/{seriesId}/changes", GetChanges.OneSeries)
            .ReadFromReplica()
            .CacheableByBasis(new FixedWhen("knownAt", "from", "to"), new FixedWhen("knownTo", "knownFrom", "asOf"))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("What changed in one series between two dates, or two moments");
        estimates.MapGet("/replay", Replay.Play)
            .ReadFromReplica()
            .CacheableByBasis()
            .Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesValidationProblem()
            .WithSummary("Statements in statedOn order, each with its series' estimate right after it; a page at a time (the next one at the Link header)");
        return app;
    }
}

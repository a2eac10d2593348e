// The statements capability: its events, its document projection and rebuild, its HTTP endpoints.
using Marten;
using JasperFx.Events.Projections;
using Timeline.EventLog;
using Timeline.Http;
using Timeline.Statements.Recording;
using Timeline.Statements.Revising;

namespace Timeline.Statements;

public static class StatementsModule
{
    public static void ConfigureStatements(this StoreOptions opts)
    {
        opts.Events.AddEventTypes([typeof(FigureReported), typeof(NegotiationDayHeld), typeof(PositionStated),
            typeof(StatementCorrected), typeof(StatementRetracted), typeof(StatementRepublished)]);
        opts.Projections.Add<StatementProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<Statement>()
            .Index(s => s.Sequence)
            .Index(s => s.StatedOn)
            .Index(s => s.StatedByKey)
            .Index(s => s.Article!.Id)
            .IgnoreIndex(OtherKinds.IndexName)
            .IgnoreIndex(StatementParties.IndexName);
        opts.Schema.For<IdempotentRequest>();
    }

    public static IServiceCollection AddStatements(this IServiceCollection services)
    {
        services.AddOptions<StatementOptions>().BindConfiguration(StatementOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSingleton<StatementRecorder>()
            .AddSingleton<StatementMetrics>()
            .AddSingleton<IProjectionRebuild, StatementDocumentsRebuild>()
            .AddSingleton<IBulkProjection, StatementDocumentsBulk>()
            .AddSingleton<BulkAppend>()
            .AddHostedService<StatementIndexes>();
    }

    public static IEndpointRouteBuilder MapStatements(this IEndpointRouteBuilder app)
    {
        var statements = app.MapGroup("/api/statements").WithTags("Statements");

        statements.MapRecording().MapRevising();
        statements.MapGet("/{id:guid}", GetStatements.One)
            .CacheableByBasis()
            .ReadFromReplica()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A statement as it stands, with each revision");
        statements.MapGet("", GetStatements.Page)
            .CacheableByBasis()
            .ReadFromReplica()
            .WithSummary("All statements in recording order, paged by an opaque cursor");
        return app;
    }
}

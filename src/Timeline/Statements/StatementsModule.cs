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
        // Each index and the query it serves; a document's indexes are a third of its COPY's cost (README, ingest).
        opts.Schema.For<Statement>()
            .Index(s => s.Sequence)                // GET /api/statements pages in recording order; every read cuts at its basis
            .Index(s => s.StatedOn)                // GET /api/timeline's from/to
            // GET /api/timeline?statedBy=: one source's statements in the page's order (statedOn, sequence). The key alone let a
            // generic plan walk the statedOn index instead, reading every document for a source no statement names.
            .Index([s => s.StatedByKey, s => s.StatedOn, s => s.Sequence], i => i.Name = "mt_doc_statement_idx_stated_by_on")
            .Index(s => s.Article!.Id)             // an archived article's candidates: the statements quoted from it (Candidates.ViewAsync)
            .IgnoreIndex(OtherKinds.IndexName)     // the replay's days of talks and positions (OtherKinds.AfterAsync)
            .IgnoreIndex(StatementParties.IndexName); // GET /api/timeline?party= and the replay's party filter
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
            .AddSingleton<DirectAppend>()
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

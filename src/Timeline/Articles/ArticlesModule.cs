// The articles capability: archiving articles as events, their candidates, recording them.
using JasperFx.Events.Projections;
using Marten;
using Timeline.EventLog;
using Timeline.Http;
using Timeline.Statements;
using Timeline.Statements.Recording;

namespace Timeline.Articles;

public static class ArticlesModule
{
    public static void ConfigureArticles(this StoreOptions opts)
    {
        opts.Events.AddEventType<ArticleArchived>();
        opts.Projections.Add<ArticleProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<Article>().Index(a => a.Sequence);
    }

    public static IServiceCollection AddArticles(this IServiceCollection services) =>
        services.AddSingleton<IArchivedArticles, ArchivedArticles>()
            .AddSingleton<IProjectionRebuild, ArticleDocumentsRebuild>();

    public static IEndpointRouteBuilder MapArticles(this IEndpointRouteBuilder app)
    {
        var articles = app.MapGroup("/api/articles").WithTags("Articles");
        articles.MapPost("", ArchiveArticle.Post)
            .WritesJson<ArticleRequest>()
            .WithSummary("Archive an article (text or HTML) and see the statements it appears to carry");
        articles.MapGet("", GetArticles.Page)
            .ReadFromReplica()
            .WithSummary("The archived articles, in archiving order, paged by an opaque cursor");
        articles.MapGet("/{id:guid}", GetArticles.One)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("An archived article: its text, source and candidates, and what became of each");
        articles.MapPost("/{id:guid}/candidates/{index:int}/record", RecordCandidate.Post)
            .WritesJson<StatementRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Record a candidate, as found or with edits");
        return app;
    }
}

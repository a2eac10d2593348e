// The review desk: what became of each candidate (pending, recorded, dismissed), the queue across
// articles, dismissing, and the live counts for the page.
using JasperFx.Events.Projections;
using Marten;
using Timeline.Articles;
using Timeline.EventLog;
using Timeline.Http;

namespace Timeline.Review;

public static class ReviewModule
{
    public static void ConfigureReview(this StoreOptions opts)
    {
        opts.Events.AddEventTypes([typeof(CandidateDismissed), typeof(CandidateRecorded)]);
        opts.Projections.Add<CandidateDecisionProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<CandidateDecision>().Index(d => d.ArticleId);
        opts.Projections.Add<QueuedArticleProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<QueuedArticle>().Index(a => a.Sequence);
    }

    public static IServiceCollection AddReview(this IServiceCollection services) =>
        services.AddSingleton<ReviewDesk>()
            .AddSingleton<IReviewedCandidates>(sp => sp.GetRequiredService<ReviewDesk>())
            .AddSingleton<IProjectionRebuild, ReviewDocumentsRebuild>();

    public static IEndpointRouteBuilder MapReview(this IEndpointRouteBuilder app)
    {
        var review = app.MapGroup("/api").WithTags("Review");
        review.MapGet("/review", GetReview.Page)
            .WithSummary("Candidates across articles in one state (pending, recorded, dismissed), newest article first, with the counts of each; paged by an opaque cursor");
        review.MapGet("/review/live", ReviewLive.Stream)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Live Server-Sent Events for a review desk: the counts when they change, and each article archived from now on");
        review.MapPost("/articles/{id:guid}/candidates/{index:int}/dismiss", DismissCandidate.Post)
            .WritesJson<DismissRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Dismiss a candidate, with a reason (not-a-figure, wrong-article, duplicate, other) and an optional note");
        return app;
    }
}

// The estimates capability: its endpoints.
namespace Timeline.Estimates;

public static class EstimatesModule
{
    public static IEndpointRouteBuilder MapEstimates(this IEndpointRouteBuilder app)
    {
        var estimates = app.MapGroup("/api").WithTags("Estimates");
        estimates.MapGet("/estimates", GetEstimates.Current)
            .Produces<EstimatesAnswer>()
            .ProducesValidationProblem()
            .WithSummary("Each series' figures as of a date (asOf), as known at an instant or basis (knownAt)");
        estimates.MapGet("/estimates.csv", GetEstimates.Csv)
            .Produces<string>(contentType: "text/csv")
            .ProducesValidationProblem()
            .WithSummary("The same answer as CSV, one row per series and source");
        estimates.MapGet("/estimates/{seriesId}/history", GetEstimates.History)
            .Produces<HistoryAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("How a series' figures changed: every report, correction and retraction in statedOn order");
        return app;
    }

    public static IEndpointRouteBuilder MapTimelineAndNegotiations(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/timeline", TimelineView.GetTimeline.Page).WithTags("Timeline")
            .Produces<TimelineView.TimelinePage>()
            .ProducesValidationProblem()
            .WithSummary("Statements in the order they were made (statedOn), paged by an opaque cursor");
        api.MapGet("/negotiations", Negotiations.GetNegotiations.All).WithTags("Negotiations")
            .Produces<Negotiations.NegotiationsAnswer>()
            .ProducesValidationProblem()
            .WithSummary("Every set of talks with its days, assessments and open issues as of a date");
        api.MapGet("/negotiations/{talksId}", Negotiations.GetNegotiations.One).WithTags("Negotiations")
            .Produces<Negotiations.Talks>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One set of talks as of a date");
        return app;
    }
}

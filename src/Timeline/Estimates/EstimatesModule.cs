// The estimates capability: its endpoints.
namespace Timeline.Estimates;

public static class EstimatesModule
{
    public static IServiceCollection AddEstimates(this IServiceCollection services) =>
        services.AddSingleton<FactStore>();

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
}

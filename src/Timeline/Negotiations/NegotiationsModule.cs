// The negotiations capability: its endpoints.
using Timeline.Http;

namespace Timeline.Negotiations;

public static class NegotiationsModule
{
    public static IEndpointRouteBuilder MapNegotiations(this IEndpointRouteBuilder app)
    {
        var talks = app.MapGroup("/api/negotiations").WithTags("Negotiations");
        // Every day of every set of talks, folded as known at the basis: charged as five plain reads.
        talks.MapGet("", GetNegotiations.All)
            .Costs(5)
            .CacheableByBasis(new FixedWhen("knownAt", "asOf"))
            .ReadFromReplica()
            .WithSummary("Every set of talks with its days, assessments and open issues as of a date");
        talks.MapGet("/{talksId}", GetNegotiations.One)
            .Costs(5)
            .CacheableByBasis(new FixedWhen("knownAt", "asOf"))
            .ReadFromReplica()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One set of talks as of a date");
        return app;
    }
}

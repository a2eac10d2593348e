// The negotiations capability: the days index it reads through, its endpoints.
using Marten;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Negotiations;

public static class NegotiationsModule
{
    public static IServiceCollection AddNegotiations(this IServiceCollection services)
    {
        // The index is made here, not by Marten (which would drop an index it was not told of).
        services.ConfigureMarten(opts => opts.Schema.For<Statement>().IgnoreIndex(NegotiationDays.IndexName));
        return services.AddHostedService<NegotiationDaysIndex>();
    }

    public static IEndpointRouteBuilder MapNegotiations(this IEndpointRouteBuilder app)
    {
        var talks = app.MapGroup("/api/negotiations").WithTags("Negotiations");
        // A page of days of talks, folded as known at the basis: charged as five plain reads.
        talks.MapGet("", GetNegotiations.All)
            .Costs(5)
            .CacheableByTheBasisItReports(new FixedWhen("knownAt", "asOf"))
            .ReadFromReplica()
            .WithSummary("Every set of talks with its days, assessments and open issues as of a date");
        talks.MapGet("/{talksId}", GetNegotiations.One)
            .Costs(5)
            .CacheableByTheBasisItReports(new FixedWhen("knownAt", "asOf"))
            .ReadFromReplica()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One set of talks as of a date");
        return app;
    }
}

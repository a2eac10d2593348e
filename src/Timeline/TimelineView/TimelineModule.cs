// The timeline capability: its endpoint.
using Timeline.Http;

namespace Timeline.TimelineView;

public static class TimelineModule
{
    public static IEndpointRouteBuilder MapTimeline(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/timeline", GetTimeline.Page).WithTags("Timeline")
            .CacheableByBasis(new FixedWhen("knownAt"))
            .ReadFromReplica()
            .WithSummary("Statements in the order they were made (statedOn), paged by an opaque cursor");
        return app;
    }
}

// The feed capability: the shared pump and its readers, the alert derivation, the SSE connections,
// and the endpoints /api/events and /api/subscribe (FeedEndpoints).
using Timeline.Http;

namespace Timeline.Feed;

public static class FeedModule
{
    public static IServiceCollection AddFeeds(this IServiceCollection services)
    {
        services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.Section).ValidateDataAnnotations()
            // Subscribers resuming inside the resume limit share one derivation only if the cache holds that far back.
            .Validate<Microsoft.Extensions.Options.IOptions<SseLimits>>((feed, limits) => feed.AlertCacheEvents >= limits.Value.AlertResumeEvents,
                "Timeline:AlertCacheEvents must be at least Timeline:Limits:AlertResumeEvents")
            .ValidateOnStart();
        services.AddOptions<SseLimits>().BindConfiguration(SseLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SseConnections>();
        services.AddSingleton<FeedReader>();
        services.AddSingleton<FilteredEvents>();
        services.AddSingleton<AlertFeed>();
        services.AddSingleton<FeedFanOut>();
        services.AddSingleton<FeedPump>();
        services.AddHostedService(sp => sp.GetRequiredService<FeedPump>());
        return services;
    }

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Feeds");
        api.MapGet("/events", FeedEndpoints.Events)
            .CacheableByBasis()
            .Produces<FeedEndpoints.EventsPage>()
            .Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson")
            .ProducesValidationProblem()
            .WithSummary("Recorded events in global-sequence order as CloudEvents; page with nextAfter, or stream NDJSON");
        api.MapGet("/subscribe", FeedEndpoints.Subscribe)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Live Server-Sent Events (CloudEvents data); resume with Last-Event-ID or ?after=. With minChange, newHigh, newLow or newSource: the estimate changes that meet them (timeline.estimate.changed)");
        app.MapFeedsOut(); // /api/feed.atom, /api/feed.json
        return app;
    }
}

// The outlets capability: feeds registered as events, polled as durable scheduled work, their new
// items archived through the articles' archive.
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Timeline.Http;
using Timeline.Webhooks;
using Wolverine;

namespace Timeline.Outlets;

public static class OutletsModule
{
    public const string Queue = "feeds";
    // The key of the address guard feeds use (the webhooks' guard, with the feeds' own settings).
    public const string Guard = "feeds";

    public static void ConfigureOutlets(this StoreOptions opts)
    {
        opts.Events.AddEventType<FeedRegistered>();
        opts.Events.AddEventType<FeedRemoved>();
        opts.Projections.Add<WatchedFeedProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<WatchedFeed>().Index(f => f.Owner);
        opts.Schema.For<FeedPollState>().Index(s => s.NextPollAt);
        opts.Schema.For<FeedItemSeen>().Index(s => s.FeedId);
    }

    public static void ConfigureFeedPolling(this WolverineOptions opts)
    {
        opts.PublishMessage<PollFeed>().ToLocalQueue(Queue);
        // Durable: scheduled polls are kept in PostgreSQL, survive a restart, and run on one instance.
        opts.LocalQueue(Queue).UseDurableInbox().MaximumParallelMessages(4);
    }

    public static IServiceCollection AddOutlets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutletOptions>().Bind(configuration.GetSection(OutletOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IReceiverResolver, DnsResolver>();
        services.AddKeyedSingleton(Guard, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<OutletOptions>>();
            return new ReceiverAddresses(sp.GetRequiredService<IReceiverResolver>(), () => options.Value.AllowPrivateAddresses, options.Value.Trusted(), "feed server");
        });
        // Redirects followed by hand (each target checked, three at most); every connection checked where it goes.
        services.AddHttpClient(FeedFetcher.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                ConnectTimeout = sp.GetRequiredService<IOptions<OutletOptions>>().Value.ConnectTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                UseProxy = false,
                UseCookies = false,
                // A body left unread (one cut off at the limit) closes its connection rather than being drained.
                MaxResponseDrainSize = 0,
                ConnectCallback = sp.GetRequiredKeyedService<ReceiverAddresses>(Guard).ConnectAsync,
            });
        services.AddSingleton<FeedFetcher>();
        services.AddSingleton<FeedPoller>();
        services.AddHostedService<FeedSweeper>();
        return services;
    }

    public static IEndpointRouteBuilder MapOutlets(this IEndpointRouteBuilder app)
    {
        // Any key that may write sees the feeds watched; only a feed's owner or an admin removes one.
        var feeds = app.MapGroup("/api/feeds").WithTags("Feeds in")
            .RequireAuthorization(p => p.RequireClaim("right", Rights.Write, Rights.Admin));
        feeds.MapPost("", WatchedFeedEndpoints.Register)
            .Accepts<RegisterFeedRequest>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Watch an outlet's RSS, Atom or JSON Feed: polled from now on, its new items archived");
        feeds.MapGet("", WatchedFeedEndpoints.List).WithSummary("The feeds watched, each with the state of its polling");
        feeds.MapGet("/{id:guid}", WatchedFeedEndpoints.One).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One watched feed and the state of its polling");
        feeds.MapDelete("/{id:guid}", WatchedFeedEndpoints.Remove)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Stop watching a feed (its owner's key or an admin key); what it archived stays");
        return app;
    }
}

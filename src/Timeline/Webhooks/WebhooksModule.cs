// The webhooks capability: documents, the fan-out subscription, the durable delivery queue, the endpoints.
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Timeline.Http;
using Wolverine;

namespace Timeline.Webhooks;

public static class WebhooksModule
{
    public const string Queue = "webhooks";

    public static void ConfigureWebhooks(this StoreOptions opts)
    {
        opts.Schema.For<Webhook>().Index(w => w.Owner);
        opts.Schema.For<WebhookWake>();
        opts.Schema.For<WebhookDelivery>()
            .Index(d => d.WebhookId)
            .Index(d => d.Sequence)
            .Index(d => d.Status);
    }

    public static void ConfigureWebhookDelivery(this WolverineOptions opts)
    {
        opts.PublishMessage<DeliverWebhook>().ToLocalQueue(Queue);
        // Durable: wake-ups (scheduled retries too) are kept in PostgreSQL and survive a restart.
        opts.LocalQueue(Queue).UseDurableInbox().MaximumParallelMessages(16);
    }

    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IReceiverResolver, DnsResolver>();
        services.AddSingleton<ReceiverAddresses>();
        // No redirects (a 3xx could point anywhere), and every connection checked where it goes.
        services.AddHttpClient(WebhookDeliverer.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                UseProxy = false,
                ConnectCallback = sp.GetRequiredService<ReceiverAddresses>().ConnectAsync,
            });
        services.AddSingleton<WebhookDeliverer>();
        services.AddSingleton<WebhookMetrics>();
        services.AddHostedService<WebhookSweeper>();
        return services;
    }

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        // A webhook belongs to the key that registered it; a key with the admin right sees them all.
        var hooks = app.MapGroup("/api/webhooks").WithTags("Webhooks")
            .RequireAuthorization(p => p.RequireClaim("right", Rights.Write, Rights.Admin));
        hooks.MapPost("", WebhookEndpoints.Register)
            .Accepts<RegisterWebhookRequest>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Register a webhook; the answer holds its signing secret, shown only once");
        hooks.MapGet("", WebhookEndpoints.List).WithSummary("The webhooks this key registered (every webhook, for an admin key)");
        hooks.MapGet("/{id:guid}", WebhookEndpoints.One).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One webhook");
        hooks.MapDelete("/{id:guid}", WebhookEndpoints.Delete).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Remove a webhook");
        hooks.MapGet("/{id:guid}/deliveries", WebhookEndpoints.Deliveries).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Its deliveries, newest first, each with every attempt and the next retry");
        hooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/retry", WebhookEndpoints.Retry).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Deliver again now (a dead-lettered delivery, say)");
        return app;
    }
}

// The webhooks capability: documents, the fan-out subscription, the durable delivery queue.
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
}

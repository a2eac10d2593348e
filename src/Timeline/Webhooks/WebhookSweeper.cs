// Wakes every webhook with a delivery due, at start and then every so often: what a crash or a
// lost wake-up left behind is delivered without anyone asking. It also prunes the delivery log.
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Timeline.Webhooks;

public sealed class WebhookSweeper(IDocumentStore store, IServiceProvider services, TimeProvider clock, WebhookMetrics metrics,
    IOptions<WebhookOptions> options, ILogger<WebhookSweeper> logger) : BackgroundService
{
    static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var session = store.QuerySession();
                var now = clock.GetUtcNow();
                metrics.Owed(await session.Query<WebhookDelivery>().CountAsync(d => d.Status == DeliveryStatus.Pending, stop));
                var due = await session.Query<WebhookDelivery>()
                    .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
                    .Select(d => d.WebhookId).Distinct().ToListAsync(stop);
                await using var scope = services.CreateAsyncScope();
                var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
                foreach (var id in due) await bus.PublishAsync(new DeliverWebhook(id));

                // The delivery log is kept for a while, not for ever; what is still owed is never removed.
                var before = now - options.Value.DeliveryRetention;
                await using var prune = store.LightweightSession();
                prune.DeleteWhere<WebhookDelivery>(d => d.Status != DeliveryStatus.Pending && d.CreatedAt < before);
                await prune.SaveChangesAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                logger.LogWarning("Looking for due webhook deliveries failed ({Error})", e.Message);
            }
            try { await Task.Delay(Every, stop); } catch (OperationCanceledException) { return; }
        }
    }
}

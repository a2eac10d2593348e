// Fans every recorded event out to the webhooks whose filter it matches: a Marten subscription,
// run by the async daemon in global-sequence order on one node at a time (hot/cold), with its
// progress committed together with the deliveries it owes — so an event is owed once, even
// when the daemon replays a page after a crash. After that commit, it wakes the deliverers.
using System.Text.Json;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Services;
using Marten.Subscriptions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Timeline.Estimates;
using Timeline.Feed;
using Timeline.Statements;
using Wolverine;

namespace Timeline.Webhooks;

public sealed class WebhookFanOut : SubscriptionBase
{
    readonly IServiceProvider services;
    readonly IOptions<JsonOptions> json;
    readonly TimeProvider clock;
    readonly AlertFeed alerts;
    readonly WebhookMetrics metrics;

    public WebhookFanOut(IServiceProvider services, IOptions<JsonOptions> json, TimeProvider clock, AlertFeed alerts, WebhookMetrics metrics)
    {
        this.metrics = metrics;
        this.alerts = alerts;
        this.services = services;
        this.json = json;
        this.clock = clock;
        Name = "WebhookFanOut";
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken ct)
    {
        metrics.FannedOut(page.Events.Count);
        // Read after the page's events were loaded: a webhook committed before them is seen (see RegisterWebhook).
        var webhooks = (await operations.Query<Webhook>().Where(w => w.Status == WebhookStatus.Active).ToListAsync(ct))
            .Select(w => (Webhook: w, Filter: w.FeedFilter()))
            .ToList();
        if (webhooks.Count == 0 || page.Events.Count == 0) return Wake.Nothing;

        var statements = (await operations.LoadManyAsync<Statement>(ct, page.Events.Select(e => e.StreamId).Distinct().ToArray()))
            .ToDictionary(s => s.Id);
        var owed = new List<WebhookDelivery>();
        WebhookDelivery Owe(Webhook webhook, long sequence, Guid eventId, string type) => new()
        {
            Id = WebhookDelivery.IdFor(webhook.Id, eventId),
            WebhookId = webhook.Id,
            Sequence = sequence,
            EventId = eventId,
            EventType = type,
            Status = DeliveryStatus.Pending,
            NextAttemptAt = clock.GetUtcNow(),
            CreatedAt = clock.GetUtcNow(),
        };
        foreach (var e in page.Events)
        {
            if (FeedEvent.From(e, statements.GetValueOrDefault(e.StreamId), json.Value.SerializerOptions) is not { } feedEvent) continue;
            var after = webhooks.Where(w => e.Sequence > w.Webhook.StartAfter).ToList();
            foreach (var (webhook, _) in after.Where(w => w.Webhook.Conditions() is null && feedEvent.Matches(w.Filter)))
                owed.Add(Owe(webhook, e.Sequence, e.Id, feedEvent.Type));
            // Estimate changes are derived from the facts known at the event's own sequence: the same whenever derived.
            if (after.Any(w => w.Webhook.Conditions() is not null))
                foreach (var change in await alerts.ChangesAsync(feedEvent, ct))
                foreach (var (webhook, _) in after.Where(w => w.Webhook.Conditions()?.Matches(change) == true))
                    owed.Add(Owe(webhook, e.Sequence, change.Id, EstimateChanged.Type));
        }
        if (owed.Count == 0) return Wake.Nothing;

        var known = (await operations.LoadManyAsync<WebhookDelivery>(ct, owed.Select(d => d.Id).ToArray())).Select(d => d.Id).ToHashSet();
        var fresh = owed.Where(d => !known.Contains(d.Id)).ToList();
        if (fresh.Count > 0) operations.Insert(fresh.ToArray());
        return new Wake(services, fresh.Select(d => d.WebhookId).Distinct().ToList());
    }

    sealed class Wake(IServiceProvider? services, IReadOnlyList<Guid> webhooks) : IChangeListener
    {
        public static readonly Wake Nothing = new(null, []);

        public Task BeforeCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) => Task.CompletedTask;

        public async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            if (services is null || webhooks.Count == 0) return;
            await using var scope = services.CreateAsyncScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            foreach (var id in webhooks) await bus.PublishAsync(new DeliverWebhook(id));
        }
    }
}

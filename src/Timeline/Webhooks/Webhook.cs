// A webhook registration and each delivery owed to it. Deliveries are documents so that what is
// owed survives restarts and is visible (GET .../deliveries), one per webhook and event.
using Timeline.Estimates;
using Timeline.Feed;
using Timeline.Http;

namespace Timeline.Webhooks;

public enum WebhookStatus { Active, Disabled }

public enum DeliveryStatus { Pending, Delivered, Dead }

// Which events a webhook gets: those matching the filter; or, with any of minChange, newHigh, newLow or
// newSource, the estimate changes meeting them (in the series, party or measure named).
public sealed record WebhookFilter(string? Kind, string? Party, string? Measure, string? StatedBy,
    string? Series = null, double? MinChange = null, bool? NewHigh = null, bool? NewLow = null, bool? NewSource = null);

public sealed class Webhook
{
    public Guid Id { get; set; }
    // The name of the API key that registered it: only that key (or an admin key) may see or change it.
    public string? Owner { get; set; }
    public string Url { get; set; } = "";
    public WebhookFilter Filter { get; set; } = new(null, null, null, null);
    public string? Description { get; set; }
    public string Secret { get; set; } = "";
    public WebhookStatus Status { get; set; }
    public string? DisabledReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    // Events after this global sequence are delivered: everything recorded after registering.
    public long StartAfter { get; set; }

    FeedFilter? _parsed;
    AlertConditions? _conditions;

    // The filter as the feed applies it, parsed once (it was validated at registration).
    public FeedFilter FeedFilter() =>
        _parsed ??= Feed.FeedFilter.Parse(Filter.Kind, Filter.Party, Filter.Measure, Filter.StatedBy, new FieldErrors()) ?? Feed.FeedFilter.None;

    // The alert conditions, when the webhook asked for estimate changes rather than events.
    public AlertConditions? Conditions() =>
        _conditions ??= AlertFeed.Parse(Filter.Series, Filter.Party, Filter.Measure, Filter.MinChange, Filter.NewHigh, Filter.NewLow, Filter.NewSource, new FieldErrors());
}

public sealed record DeliveryAttempt(DateTimeOffset At, int? StatusCode, string? Error, long DurationMs);

public sealed class WebhookDelivery
{
    // Name-based on webhook and event, so fanning out an event twice owes it once; also the webhook-id header.
    public Guid Id { get; set; }
    public Guid WebhookId { get; set; }
    public long Sequence { get; set; }
    public Guid EventId { get; set; }
    public string EventType { get; set; } = "";
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public List<DeliveryAttempt> History { get; set; } = [];

    public static Guid IdFor(Guid webhookId, Guid eventId) => Statements.StatementIdentity.NameBased($"webhook-delivery/{webhookId}/{eventId}");
}

// When the next wake-up scheduled for a webhook comes, so that only one is ever waiting.
public sealed class WebhookWake
{
    public Guid Id { get; set; }
    public DateTimeOffset At { get; set; }
}

// Wolverine message: deliver what is owed to this webhook, oldest first.
public sealed record DeliverWebhook(Guid WebhookId);

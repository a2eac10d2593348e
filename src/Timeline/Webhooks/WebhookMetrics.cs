// Timeline.Webhooks: delivery attempts by outcome, and the deliveries still owed (the retry backlog).
using System.Diagnostics.Metrics;

namespace Timeline.Webhooks;

public sealed class WebhookMetrics
{
    readonly Counter<long> _attempts;
    long _backlog;

    public WebhookMetrics(IMeterFactory meters)
    {
        var meter = meters.Create("Timeline.Webhooks");
        _attempts = meter.CreateCounter<long>("timeline.webhooks.deliveries", "{attempt}",
            "Delivery attempts by outcome: delivered, retrying, dead (dead-lettered) or disabled (410 Gone)");
        meter.CreateObservableGauge("timeline.webhooks.backlog", () => Volatile.Read(ref _backlog), "{delivery}",
            "Deliveries still owed, as the sweeper last counted them");
    }

    public void Attempted(DeliveryVerdict verdict) =>
        _attempts.Add(1, new KeyValuePair<string, object?>("outcome", verdict switch
        {
            { DisableWebhook: not null } => "disabled",
            { Status: DeliveryStatus.Delivered } => "delivered",
            { Status: DeliveryStatus.Dead } => "dead",
            _ => "retrying",
        }));

    public void Owed(long pending) => Volatile.Write(ref _backlog, pending);
}

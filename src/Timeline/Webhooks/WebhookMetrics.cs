// Timeline.Webhooks: delivery attempts by outcome, the deliveries still owed (the retry backlog),
// and the events this instance's fan-out read (non-zero on the instance that runs it just now).
using System.Diagnostics.Metrics;

namespace Timeline.Webhooks;

public sealed class WebhookMetrics
{
    readonly Counter<long> _attempts;
    readonly Counter<long> _fannedOut;
    long _backlog;

    public WebhookMetrics(IMeterFactory meters)
    {
        var meter = meters.Create("Timeline.Webhooks");
        _attempts = meter.CreateCounter<long>("timeline.webhooks.deliveries", "{attempt}",
            "Delivery attempts by outcome: delivered, retrying, dead (dead-lettered) or disabled (410 Gone)");
        _fannedOut = meter.CreateCounter<long>("timeline.webhooks.fanout", "{event}",
            "Events the webhook fan-out read on this instance (it runs on one instance at a time)");
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

    public void FannedOut(int events) => _fannedOut.Add(events);

    public void Owed(long pending) => Volatile.Write(ref _backlog, pending);
}

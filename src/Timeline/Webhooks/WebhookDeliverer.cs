// Delivers what is owed to one webhook, oldest first, one at a time — so a webhook receives its
// events in order, and a slow or failing receiver holds up only itself. A session-level
// advisory lock per webhook makes one worker, on one instance, deliver for it at a time. Each
// body is a structured-mode CloudEvent, signed per Standard Webhooks. What an attempt's outcome
// means (retry when, dead-letter, disable) is DeliveryPolicy's decision. The wake-ups are Wolverine messages in a
// durable local queue, scheduled retries included, so they survive a restart.
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using Timeline.EventLog;
using Timeline.Estimates;
using Timeline.Feed;
using Wolverine;

namespace Timeline.Webhooks;

public sealed class WebhookDeliverer(
    IDocumentStore store, NpgsqlDataSource db, FeedReader feed, AlertFeed alerts, IHttpClientFactory http,
    IOptions<WebhookOptions> options, TimeProvider clock, WebhookMetrics metrics, ILogger<WebhookDeliverer> logger)
{
    public const string HttpClientName = "webhooks";
    const int MaxPerRun = 100;

    // Delivers what is due; returns when the next delivery should be tried, if it is not due yet.
    public async Task<DateTimeOffset?> DeliverDueAsync(Guid webhookId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        // Another worker is delivering for it; look again shortly in case it finishes before seeing what is new.
        if (!await TryLockAsync(conn, webhookId, ct)) return clock.GetUtcNow() + TimeSpan.FromSeconds(1);
        try
        {
            for (var run = 0; run < MaxPerRun; run++)
            {
                await using var session = store.LightweightSession();
                var webhook = await session.LoadAsync<Webhook>(webhookId, ct);
                if (webhook is null || webhook.Status != WebhookStatus.Active) return null;
                var next = await session.Query<WebhookDelivery>()
                    .Where(d => d.WebhookId == webhookId && d.Status == DeliveryStatus.Pending)
                    .OrderBy(d => d.Sequence)
                    .FirstOrDefaultAsync(ct);
                if (next is null) return null;
                if (next.NextAttemptAt > clock.GetUtcNow()) return next.NextAttemptAt;

                await AttemptAsync(session, webhook, next, ct);
                await session.SaveChangesAsync(ct);
                if (next.Status == DeliveryStatus.Pending) return next.NextAttemptAt;
            }
            return clock.GetUtcNow(); // more is owed: yield, and come back at once
        }
        finally
        {
            await SessionLock.ReleaseAsync(conn, LockKey(webhookId));
        }
    }

    async Task AttemptAsync(IDocumentSession session, Webhook webhook, WebhookDelivery delivery, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var now = clock.GetUtcNow();
        var outcome = await SendAsync(webhook, delivery, now, ct);

        delivery.Attempts++;
        delivery.History.Add(new DeliveryAttempt(now, outcome.StatusCode, outcome.Error, started.ElapsedMilliseconds));
        var verdict = DeliveryPolicy.After(delivery.Attempts, outcome, options.Value, now, Random.Shared.NextDouble());
        metrics.Attempted(verdict);
        delivery.Status = verdict.Status;
        delivery.NextAttemptAt = verdict.NextAttemptAt;
        if (verdict.Status == DeliveryStatus.Delivered) delivery.DeliveredAt = now;
        session.Store(delivery);
        if (verdict.DisableWebhook is { } reason)
        {
            webhook.Status = WebhookStatus.Disabled;
            webhook.DisabledReason = reason;
            session.Store(webhook);
            logger.LogInformation("Webhook {WebhookId} disabled: its receiver answered 410 Gone", webhook.Id);
        }
        if (verdict.Status == DeliveryStatus.Dead)
            logger.LogWarning("Webhook {WebhookId}: delivery {DeliveryId} dead-lettered after {Attempts} attempts ({Error})",
                webhook.Id, delivery.Id, delivery.Attempts, outcome.Error);
    }

    // One POST of the delivery's event to the receiver; what came of it, whatever happened.
    async Task<AttemptOutcome> SendAsync(Webhook webhook, WebhookDelivery delivery, DateTimeOffset now, CancellationToken ct)
    {
        var page = await feed.ReadAfterAsync(delivery.Sequence - 1, 1, ct);
        if (page.Events.FirstOrDefault(e => e.Sequence == delivery.Sequence) is not { } evt)
            return new AttemptOutcome(null, "the event could not be read", null);
        byte[] body;
        if (delivery.EventType == EstimateChanged.Type)
        {
            // The estimate change the event derives, derived again: the same facts at the same sequence give the same change.
            if ((await alerts.ChangesAsync(evt, ct)).FirstOrDefault(c => c.Id == delivery.EventId) is not { } change)
                return new AttemptOutcome(null, "the estimate change could not be derived", null);
            body = alerts.ToJson(change);
        }
        else body = evt.ToJson().ToArray();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/cloudevents+json") { CharSet = "utf-8" };
            Sign(request, delivery.Id.ToString(), now, body, webhook.Secret);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.Timeout);
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return new AttemptOutcome(status, response.IsSuccessStatusCode ? null : $"the receiver answered {status} {response.ReasonPhrase}",
                RetryAfter(response, now));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new AttemptOutcome(null, $"no answer within {options.Value.Timeout.TotalSeconds:0.#} s", null);
        }
        catch (HttpRequestException e) when (FindRefusal(e) is { } refused)
        {
            return new AttemptOutcome(null, refused.Message, null);
        }
        catch (HttpRequestException e)
        {
            return new AttemptOutcome(null, $"could not reach the receiver: {e.HttpRequestError}", null);
        }
    }

    static ReceiverRefusedException? FindRefusal(Exception? e) =>
        e switch { null => null, ReceiverRefusedException r => r, _ => FindRefusal(e.InnerException) };

    // Standard Webhooks: v1 = base64(HMAC-SHA256(secret, "{id}.{timestamp}.{body}")).
    public static void Sign(HttpRequestMessage request, string id, DateTimeOffset now, byte[] body, string secret)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, signed));
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", $"v1,{signature}");
    }

    static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > now => date - now,
        _ => null,
    };

    static Task<bool> TryLockAsync(NpgsqlConnection conn, Guid webhookId, CancellationToken ct) =>
        SessionLock.TryTakeAsync(conn, LockKey(webhookId), ct);

    static long LockKey(Guid webhookId)
    {
        Span<byte> bytes = stackalloc byte[16];
        webhookId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }
}

// The Wolverine handler: deliver what is due, then schedule the next wake-up durably.
public static class DeliverWebhookHandler
{
    public static async Task Handle(DeliverWebhook message, WebhookDeliverer deliverer, IDocumentStore store, TimeProvider clock, IMessageBus bus, CancellationToken ct)
    {
        if (await deliverer.DeliverDueAsync(message.WebhookId, ct) is not { } next) return;
        // One wake-up per webhook: while one is scheduled no later than this, every new event woke
        // us for nothing, and scheduling again would pile up messages behind a receiver in backoff.
        await using var session = store.LightweightSession();
        var wake = await session.LoadAsync<WebhookWake>(message.WebhookId, ct);
        if (wake is not null && wake.At > clock.GetUtcNow().AddSeconds(1) && wake.At <= next) return;
        session.Store(new WebhookWake { Id = message.WebhookId, At = next });
        await session.SaveChangesAsync(ct);
        await bus.PublishAsync(message, new DeliveryOptions { ScheduledTime = next });
    }
}

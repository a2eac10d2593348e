// Delivers what is owed to one webhook, oldest first, one at a time — so a webhook receives its
// events in order, and a slow or failing receiver holds up only itself. A session-level
// advisory lock per webhook makes one worker, on one instance, deliver for it at a time. Each
// body is a structured-mode CloudEvent, signed per Standard Webhooks. A failure is retried on
// the configured schedule (with jitter, and no sooner than the receiver's Retry-After), then
// dead-lettered; a 410 Gone disables the webhook. The wake-ups are Wolverine messages in a
// durable local queue, scheduled retries included, so they survive a restart.
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using Timeline.Feed;
using Wolverine;

namespace Timeline.Webhooks;

public sealed class WebhookDeliverer(
    IDocumentStore store, NpgsqlDataSource db, FeedReader feed, IHttpClientFactory http,
    IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookDeliverer> logger)
{
    public const string HttpClientName = "webhooks";
    const int MaxPerRun = 100;

    /// <summary>Delivers what is due; returns when the next delivery should be tried, if it is not due yet.</summary>
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
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock($1)", conn);
            unlock.Parameters.AddWithValue(LockKey(webhookId));
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    async Task AttemptAsync(IDocumentSession session, Webhook webhook, WebhookDelivery delivery, CancellationToken ct)
    {
        var page = await feed.ReadAfterAsync(delivery.Sequence - 1, 1, ct);
        var evt = page.Events.FirstOrDefault(e => e.Sequence == delivery.Sequence);
        var started = Stopwatch.StartNew();
        var now = clock.GetUtcNow();
        int? status = null;
        string? error = null;
        TimeSpan? retryAfter = null;
        if (evt is null)
        {
            error = "the event could not be read";
        }
        else
        {
            try
            {
                var body = evt.ToJson().ToArray();
                using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new("application/cloudevents+json") { CharSet = "utf-8" };
                Sign(request, delivery.Id.ToString(), now, body, webhook.Secret);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(options.Value.Timeout);
                using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                status = (int)response.StatusCode;
                retryAfter = RetryAfter(response, now);
                if (!response.IsSuccessStatusCode) error = $"the receiver answered {status} {response.ReasonPhrase}";
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                error = $"no answer within {options.Value.Timeout.TotalSeconds:0.#} s";
            }
            catch (HttpRequestException e)
            {
                error = $"could not reach the receiver: {e.HttpRequestError}";
            }
        }

        delivery.Attempts++;
        delivery.History.Add(new DeliveryAttempt(now, status, error, started.ElapsedMilliseconds));
        if (error is null)
        {
            delivery.Status = DeliveryStatus.Delivered;
            delivery.DeliveredAt = now;
            delivery.NextAttemptAt = null;
            session.Store(delivery);
            return;
        }
        if (status == (int)HttpStatusCode.Gone)
        {
            webhook.Status = WebhookStatus.Disabled;
            webhook.DisabledReason = $"the receiver answered 410 Gone on {now:O}";
            session.Store(webhook);
            delivery.NextAttemptAt = null;
            session.Store(delivery);
            logger.LogInformation("Webhook {WebhookId} disabled: its receiver answered 410 Gone", webhook.Id);
            return;
        }
        var schedule = options.Value.Schedule;
        if (delivery.Attempts > schedule.Count)
        {
            delivery.Status = DeliveryStatus.Dead;
            delivery.NextAttemptAt = null;
            logger.LogWarning("Webhook {WebhookId}: delivery {DeliveryId} dead-lettered after {Attempts} attempts ({Error})",
                webhook.Id, delivery.Id, delivery.Attempts, error);
        }
        else
        {
            var wait = Jittered(schedule[delivery.Attempts - 1]);
            if (retryAfter is { } asked && asked > wait) wait = asked < options.Value.MaxRetryAfter ? asked : options.Value.MaxRetryAfter;
            delivery.NextAttemptAt = now + wait;
        }
        session.Store(delivery);
    }

    /// <summary>Standard Webhooks: v1 = base64(HMAC-SHA256(secret, "{id}.{timestamp}.{body}")).</summary>
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

    TimeSpan Jittered(TimeSpan wait)
    {
        var spread = options.Value.Jitter * (2 * Random.Shared.NextDouble() - 1);
        return TimeSpan.FromTicks((long)(wait.Ticks * (1 + spread)));
    }

    static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > now => date - now,
        _ => null,
    };

    static async Task<bool> TryLockAsync(NpgsqlConnection conn, Guid webhookId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select pg_try_advisory_lock($1)", conn);
        cmd.Parameters.AddWithValue(LockKey(webhookId));
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    static long LockKey(Guid webhookId)
    {
        Span<byte> bytes = stackalloc byte[16];
        webhookId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }
}

/// <summary>The Wolverine handler: deliver what is due, then schedule the next wake-up durably.</summary>
public static class DeliverWebhookHandler
{
    public static async Task Handle(DeliverWebhook message, WebhookDeliverer deliverer, IMessageBus bus, CancellationToken ct)
    {
        if (await deliverer.DeliverDueAsync(message.WebhookId, ct) is { } next)
            await bus.PublishAsync(message, new DeliveryOptions { ScheduledTime = next });
    }
}

// POST/GET /api/webhooks, GET/DELETE /api/webhooks/{id}, GET /api/webhooks/{id}/deliveries,
// POST /api/webhooks/{id}/deliveries/{deliveryId}/retry.
using System.Security.Claims;
using System.Security.Cryptography;
using Marten;
using Microsoft.Extensions.Options;
using Timeline.EventLog;
using Timeline.Feed;
using Timeline.Http;
using Timeline.Statements;
using Timeline.Statements.Recording;
using Wolverine;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Timeline.Webhooks;

public sealed class RegisterWebhookRequest
{
    public string? Url { get; set; }
    public WebhookFilter? Filter { get; set; }
    public string? Description { get; set; }
}

public sealed record WebhookView(Guid Id, string Url, WebhookFilter Filter, string? Description, WebhookStatus Status,
    string? DisabledReason, DateTimeOffset CreatedAt, long StartAfter)
{
    public static WebhookView Of(Webhook w) => new(w.Id, w.Url, w.Filter, w.Description, w.Status, w.DisabledReason, w.CreatedAt, w.StartAfter);
}

public sealed record RegisteredWebhook(Guid Id, string Secret, WebhookView Webhook);

public sealed record DeliveryView(Guid Id, long Sequence, Guid EventId, string EventType, DeliveryStatus Status, int Attempts,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, IReadOnlyList<DeliveryAttempt> History);

public static class WebhookEndpoints
{
    public static async Task<Results<Created<RegisteredWebhook>, ValidationProblem, ProblemHttpResult>> Register(
        HttpContext http, IDocumentStore store, ReceiverAddresses receivers, IOptions<WebhookOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var (request, _, problem) = await JsonBody.ReadAsync<RegisterWebhookRequest>(http.Request, 16 * 1024, ct);
        if (problem is ValidationProblem invalid) return invalid;
        if (problem is ProblemHttpResult refused) return refused;

        var errors = new FieldErrors();
        var url = Fields.Url(request!.Url, "url", errors, required: true);
        if (url is not null && await receivers.RefusalAsync(new Uri(url), ct) is { } refusal) errors.Add("url", refusal);
        var description = Fields.Text(request.Description, "description", StatementValidation.MaxText, errors, required: false);
        var filter = request.Filter ?? new WebhookFilter(null, null, null, null);
        FeedFilter.Parse(filter.Kind, filter.Party, filter.Measure, filter.StatedBy, errors, "filter.");
        AlertFeed.Parse(filter.Series, filter.Party, null, filter.MinChange, filter.NewHigh, filter.NewLow, filter.NewSource, errors, "filter.");
        if (errors.Any) return Problems.Validation(errors.ToDictionary(), "Nothing was registered.");

        var owner = Owner(http.User);
        var webhook = new Webhook
        {
            Id = Guid.CreateVersion7(),
            Owner = owner,
            Url = url!,
            Filter = filter,
            Description = description,
            Secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
            Status = WebhookStatus.Active,
            CreatedAt = clock.GetUtcNow(),
        };
        // Under the append lock, no event can commit between reading where the log ends and
        // registering, so the webhook gets exactly the events recorded after it.
        await using var session = store.LightweightSession();
        await session.BeginAppendAsync(ct);
        // Counted under the same lock that orders registrations, so two at once cannot both pass the cap.
        if (await session.Query<Webhook>().CountAsync(w => w.Owner == owner, ct) >= options.Value.MaxPerKey)
            return Problems.Conflict($"This key has {options.Value.MaxPerKey} webhooks already, the most it may have. Remove one first.");
        webhook.StartAfter = await LogTables.HighWaterMarkAsync(session, ct);
        session.Insert(webhook);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/webhooks/{webhook.Id}", new RegisteredWebhook(webhook.Id, webhook.Secret, WebhookView.Of(webhook)));
    }

    public static async Task<Ok<WebhookView[]>> List(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var query = session.Query<Webhook>().AsQueryable();
        if (!IsAdmin(user)) { var owner = Owner(user); query = query.Where(w => w.Owner == owner); }
        return TypedResults.Ok((await query.OrderBy(w => w.CreatedAt).ToListAsync(ct)).Select(WebhookView.Of).ToArray());
    }

    public static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> One(Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        await Visible(id, user, session, ct) is { } w ? TypedResults.Ok(WebhookView.Of(w)) : Problems.NotFound($"No webhook has the id {id}.");

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        if (await Visible(id, user, session, ct) is null) return Problems.NotFound($"No webhook has the id {id}.");
        session.Delete<Webhook>(id);
        session.Delete<WebhookWake>(id);
        session.DeleteWhere<WebhookDelivery>(d => d.WebhookId == id);
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<DeliveryView[]>, ValidationProblem, ProblemHttpResult>> Deliveries(
        Guid id, int? limit, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (await Visible(id, user, session, ct) is null) return Problems.NotFound($"No webhook has the id {id}.");
        var errors = new FieldErrors();
        var take = Fields.Limit(limit, 100, 1000, errors);
        if (errors.Any) return Problems.Validation(errors);
        var deliveries = await session.Query<WebhookDelivery>().Where(d => d.WebhookId == id)
            .OrderByDescending(d => d.Sequence).Take(take).ToListAsync(ct);
        return TypedResults.Ok(deliveries.Select(View).ToArray());
    }

    public static async Task<Results<Accepted<DeliveryView>, ProblemHttpResult>> Retry(
        Guid id, Guid deliveryId, ClaimsPrincipal user, IDocumentSession session, IMessageBus bus, TimeProvider clock, CancellationToken ct)
    {
        var delivery = await Visible(id, user, session, ct) is null ? null : await session.LoadAsync<WebhookDelivery>(deliveryId, ct);
        if (delivery is null || delivery.WebhookId != id) return Problems.NotFound($"Webhook {id} has no delivery {deliveryId}.");
        delivery.Status = DeliveryStatus.Pending;
        delivery.Attempts = 0;
        delivery.NextAttemptAt = clock.GetUtcNow();
        session.Store(delivery);
        await session.SaveChangesAsync(ct);
        await bus.PublishAsync(new DeliverWebhook(id));
        return TypedResults.Accepted($"/api/webhooks/{id}/deliveries", View(delivery));
    }

    // The key's name, recorded with what it registers (never the key itself).
    static string Owner(ClaimsPrincipal user) => user.Identity?.Name ?? "";

    static bool IsAdmin(ClaimsPrincipal user) => user.HasClaim("right", Rights.Admin);

    // The webhook if this key may see it; another key's is as good as absent (404, not 403: its existence is not told).
    static async Task<Webhook?> Visible(Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Webhook>(id, ct) is { } w && (IsAdmin(user) || w.Owner == Owner(user)) ? w : null;

    static DeliveryView View(WebhookDelivery d) =>
        new(d.Id, d.Sequence, d.EventId, d.EventType, d.Status, d.Attempts, d.NextAttemptAt, d.DeliveredAt, d.History);
}

// POST/GET /api/feeds, GET/DELETE /api/feeds/{id}: the outlets' feeds Timeline watches.
using System.Security.Claims;
using System.Xml;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Timeline.EventLog;
using Timeline.Http;
using Timeline.Webhooks;
using Wolverine;

namespace Timeline.Outlets;

public sealed class RegisterFeedRequest
{
    public string? Url { get; set; }
    public string? Title { get; set; }
    // How often to poll, an ISO 8601 duration from PT10S to P1D (PT30M if not given).
    public string? Every { get; set; }
}

public sealed record FeedStateView(FeedHealth Status, DateTimeOffset? LastPolledAt, int? LastStatus, DateTimeOffset NextPollAt,
    int Failures, int ItemsSeen, int ItemsArchived, string? LastError);

public sealed record FeedView(Guid Id, string Url, string? Title, string Every, string Owner, DateTimeOffset RegisteredAt, FeedStateView State)
{
    public static FeedView Of(WatchedFeed f, FeedPollState? s) => new(f.Id, f.Url, f.Title, XmlConvert.ToString(f.Every), f.Owner, f.RegisteredAt,
        s is null
            ? new FeedStateView(FeedHealth.Active, null, null, f.RegisteredAt, 0, 0, 0, null)
            : new FeedStateView(s.Health, s.LastPolledAt, s.LastStatus, s.NextPollAt, s.Failures, s.ItemsSeen, s.ItemsArchived, s.LastError));
}

public static class WatchedFeedEndpoints
{
    static readonly TimeSpan DefaultEvery = TimeSpan.FromMinutes(30);

    public static async Task<Results<Created<FeedView>, ValidationProblem, ProblemHttpResult>> Register(HttpContext http, IDocumentStore store,
        [FromKeyedServices(OutletsModule.Guard)] ReceiverAddresses guard, IOptions<OutletOptions> options, TimeProvider clock, IMessageBus bus, CancellationToken ct)
    {
        var (request, _, problem) = await JsonBody.ReadAsync<RegisterFeedRequest>(http.Request, 16 * 1024, ct);
        if (problem is ValidationProblem invalid) return invalid;
        if (problem is ProblemHttpResult refused) return refused;

        var errors = new FieldErrors();
        var url = Fields.Url(request!.Url, "url", errors, required: true);
        if (url is not null && await guard.RefusalAsync(new Uri(url), ct) is { } refusal) errors.Add("url", refusal);
        var title = Fields.Text(request.Title, "title", Statements.Recording.StatementValidation.MaxText, errors, required: false);
        var every = Every(request.Every, errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary(), "Nothing was registered.");

        var owner = http.User.Identity?.Name ?? "";
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7();
        var registered = new FeedRegistered(id, url!, title, every, owner, now);
        await using (var session = store.LightweightSession())
        {
            // Under the append lock, two registrations at once cannot both pass the cap or both watch one URL.
            await session.BeginAppendAsync(ct);
            var max = options.Value.MaxPerKey;
            if (await session.Query<WatchedFeed>().CountAsync(f => f.Owner == owner && f.RemovedAt == null, ct) >= max)
                return Problems.Conflict($"This key watches {max} feeds already, the most it may. Remove one first.");
            if (await session.Query<WatchedFeed>().FirstOrDefaultAsync(f => f.Url == url && f.RemovedAt == null, ct) is { } existing)
                return Problems.Conflict($"This feed is watched already, as /api/feeds/{existing.Id}.");
            session.Events.StartStream<WatchedFeed>(id, registered);
            session.Store(new FeedPollState { Id = id, NextPollAt = now });
            await session.SaveChangesAsync(ct);
        }
        // The first poll at once; were this message lost, the sweeper finds the feed overdue.
        await bus.PublishAsync(new PollFeed(id));
        var feed = new WatchedFeed { Id = id, Url = url!, Title = title, Every = every, Owner = owner, RegisteredAt = now };
        return TypedResults.Created($"/api/feeds/{id}", FeedView.Of(feed, null));
    }

    static TimeSpan Every(string? value, FieldErrors errors)
    {
        if (value is null) return DefaultEvery;
        TimeSpan every;
        try { every = XmlConvert.ToTimeSpan(value); }
        catch (FormatException)
        {
            errors.Add("every", "must be an ISO 8601 duration such as PT30M");
            return DefaultEvery;
        }
        if (every < OutletOptions.ShortestEvery || every > OutletOptions.LongestEvery)
            errors.Add("every", "must be from PT10S to P1D");
        return every;
    }

    public static async Task<Ok<FeedView[]>> List(IQuerySession session, CancellationToken ct)
    {
        var feeds = await session.Query<WatchedFeed>().Where(f => f.RemovedAt == null).OrderBy(f => f.RegisteredAt).ToListAsync(ct);
        var states = (await session.LoadManyAsync<FeedPollState>(ct, feeds.Select(f => f.Id).ToArray())).ToDictionary(s => s.Id);
        return TypedResults.Ok(feeds.Select(f => FeedView.Of(f, states.GetValueOrDefault(f.Id))).ToArray());
    }

    public static async Task<Results<Ok<FeedView>, ProblemHttpResult>> One(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<WatchedFeed>(id, ct) is { RemovedAt: null } f
            ? TypedResults.Ok(FeedView.Of(f, await session.LoadAsync<FeedPollState>(id, ct)))
            : Problems.NotFound($"No feed watched has the id {id}.");

    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(Guid id, ClaimsPrincipal user, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        // Every append takes its turn (AppendOrder), so that appends commit in sequence order.
        await session.BeginAppendAsync(ct);
        if (await session.LoadAsync<WatchedFeed>(id, ct) is not { RemovedAt: null } feed) return Problems.NotFound($"No feed watched has the id {id}.");
        var who = user.Identity?.Name ?? "";
        if (feed.Owner != who && !user.HasClaim("right", Rights.Admin))
            return TypedResults.Problem($"Feed {id} was registered by another key: only that key or an admin key may remove it.", statusCode: StatusCodes.Status403Forbidden);
        session.Events.Append(id, new FeedRemoved(id, who, clock.GetUtcNow()));
        session.Delete<FeedPollState>(id); // nothing left to poll: the sweeper need not look at it again
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}

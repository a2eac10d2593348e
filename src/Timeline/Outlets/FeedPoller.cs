// Polls one feed when it is due and archives what is new in it. A session-level advisory lock per
// feed makes one worker, on one instance, poll it at a time; the poll time is checked under the
// lock, so a second wake-up (another instance's, the sweeper's) finds it not due and does nothing.
// Items are remembered per feed (FeedItemSeen) and articles by their text's hash, so an item is
// archived once however many instances or feeds carry it.
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using Timeline.Articles;
using Timeline.EventLog;
using Timeline.Http;
using Timeline.Statements;
using Timeline.Statements.Recording;
using Wolverine;

namespace Timeline.Outlets;

public sealed class FeedPoller(IDocumentStore store, NpgsqlDataSource db, FeedFetcher fetcher, IOptions<OutletOptions> options,
    TimeProvider clock, ILogger<FeedPoller> logger)
{
    const string FeedTypes = "application/feed+json, application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";
    const string PageTypes = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";
    // A scheduled wake-up may come a moment early; one sooner than this is a stray, and does nothing.
    static readonly TimeSpan Early = TimeSpan.FromSeconds(1);
    // Items are begun within this much of a poll (each fetch has its own timeout), well inside a
    // handler's time; what is left is taken up by a poll made soon after, not after a whole interval.
    static readonly TimeSpan ItemBudget = TimeSpan.FromSeconds(20);

    // Polls the feed if it is due; returns when it is due next, or null when this wake-up did nothing.
    public async Task<DateTimeOffset?> PollIfDueAsync(Guid feedId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (!await SessionLock.TryTakeAsync(conn, LockKey(feedId), ct)) return null; // being polled; that poll schedules the next
        try
        {
            await using var session = store.LightweightSession();
            var feed = await session.LoadAsync<WatchedFeed>(feedId, ct);
            if (feed is null || feed.RemovedAt is not null) return null;
            var now = clock.GetUtcNow();
            var state = await session.LoadAsync<FeedPollState>(feedId, ct) ?? new FeedPollState { Id = feedId, NextPollAt = now };
            if (state.NextPollAt > now + Early) return null;
            await PollAsync(feed, state, ct);
            session.Store(state);
            await session.SaveChangesAsync(ct);
            return state.NextPollAt;
        }
        finally
        {
            await SessionLock.ReleaseAsync(conn, LockKey(feedId));
        }
    }

    async Task PollAsync(WatchedFeed feed, FeedPollState state, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var fetched = await fetcher.GetAsync(feed.Url, FeedTypes, state.ETag, state.LastModified, ct);
        state.LastPolledAt = now;
        state.LastStatus = fetched.Status;
        string? error = fetched.NotModified ? null : fetched.Error;
        var left = false;
        if (fetched.Succeeded)
        {
            try
            {
                var parsed = FeedParser.Parse(fetched.Body!, fetched.ContentType);
                state.ETag = fetched.ETag;
                state.LastModified = fetched.LastModified;
                // The feed answered: what an item's page did is said, but is not the feed failing.
                (state.LastError, left, var again) = await ArchiveNewAsync(feed, state, parsed, ct);
                // Items left for later, or to be tried again, must be read again: the next request may not be answered 304.
                if (left || again) (state.ETag, state.LastModified) = (null, null);
            }
            catch (FeedUnreadableException e) { error = e.Message; }
        }
        if (error is null)
        {
            state.Failures = 0;
            state.FailingSince = null;
            if (fetched.NotModified) state.LastError = null;
        }
        else
        {
            state.Failures++;
            state.FailingSince ??= now;
            state.LastError = error;
            logger.LogInformation("Feed {FeedId} poll failed ({Failures} in a row): {Error}", feed.Id, state.Failures, error);
        }
        state.NextPollAt = PollPolicy.Next(feed.Every, state.Failures, fetched.MaxAge, fetched.RetryAfter, now, Random.Shared.NextDouble(), o);
        if (left && fetched.MaxAge is null && fetched.RetryAfter is null && state.NextPollAt > now + OutletOptions.ShortestEvery)
            state.NextPollAt = now + OutletOptions.ShortestEvery;
        state.Health = PollPolicy.Health(state.FailingSince, now, o);
    }

    // Archives the items not seen before (on the first read, only the newest few): what went wrong with any, in words,
    // whether some were left for later, and whether some are to be tried again.
    async Task<(string? Problem, bool Left, bool Again)> ArchiveNewAsync(WatchedFeed feed, FeedPollState state, ParsedFeed parsed, CancellationToken ct)
    {
        var o = options.Value;
        var entries = parsed.Entries.DistinctBy(e => e.Id).ToList();
        HashSet<string> seen;
        await using (var query = store.QuerySession())
            seen = (await query.LoadManyAsync<FeedItemSeen>(ct, entries.Select(e => FeedItemSeen.IdFor(feed.Id, e.Id)).ToArray()))
                .Select(s => s.ItemId).ToHashSet();
        var fresh = entries.Where(e => !seen.Contains(e.Id)).ToList();
        var backCatalogue = new List<FeedEntry>();
        if (!state.Read)
        {
            // Newest first (a stable sort keeps the feed's own order among undated items), the rest only marked seen.
            var newest = fresh.OrderByDescending(e => e.Published ?? DateTimeOffset.MinValue).ToList();
            fresh = newest.Take(o.FirstPollItems).ToList();
            backCatalogue = newest.Skip(o.FirstPollItems).ToList();
            state.Read = true;
        }
        string? problem = null;
        var again = false;
        if (backCatalogue.Count > 0)
        {
            await using var session = store.LightweightSession();
            foreach (var e in backCatalogue) session.Store(Seen(feed, e, ItemOutcome.BackCatalogue, null, "older than the newest items of the first poll"));
            await session.SaveChangesAsync(ct);
            state.ItemsSeen += backCatalogue.Count;
        }
        var started = clock.GetTimestamp();
        var taken = 0;
        foreach (var entry in fresh)
        {
            if (taken == o.MaxItemsPerPoll || clock.GetElapsedTime(started) > ItemBudget) return (problem, true, again);
            taken++;
            var (outcome, articleId, reason) = await ArchiveOneAsync(feed, parsed, entry, ct);
            if (outcome is null)
            {
                problem = $"item {entry.Id} could not be archived yet (tried again at the next poll): {reason}";
                again = true;
                continue;
            }
            if (outcome == ItemOutcome.Refused) problem = $"item {entry.Id} was not archived: {reason}";
            await using var session = store.LightweightSession();
            session.Store(Seen(feed, entry, outcome.Value, articleId, reason));
            await session.SaveChangesAsync(ct);
            state.ItemsSeen++;
            if (outcome == ItemOutcome.Archived) state.ItemsArchived++;
        }
        return (problem, false, again);
    }

    FeedItemSeen Seen(WatchedFeed feed, FeedEntry e, ItemOutcome outcome, Guid? articleId, string? reason) => new()
    {
        Id = FeedItemSeen.IdFor(feed.Id, e.Id), FeedId = feed.Id, ItemId = e.Id, SeenAt = clock.GetUtcNow(),
        Outcome = outcome, ArticleId = articleId, Reason = reason,
    };

    // One item archived: its content, else its page's main text. A null outcome is a failure worth trying again.
    async Task<(ItemOutcome? Outcome, Guid? ArticleId, string? Reason)> ArchiveOneAsync(WatchedFeed feed, ParsedFeed parsed, FeedEntry entry, CancellationToken ct)
    {
        string text;
        if (entry.Html is { } html) text = html.Length > 10 * ArchiveArticle.MaxText ? "" : ArchiveArticle.MainText(html);
        else if (entry.Text is { } plain) text = plain;
        else if (entry.Link is { } link && Fields.Url(link, "link", new FieldErrors()) is { } url)
        {
            var page = await fetcher.GetAsync(url, PageTypes, null, null, ct);
            if (!page.Succeeded) return (page.Refused ? ItemOutcome.Refused : null, null, page.Error);
            var pageHtml = FeedParser.Decode(page.Body!, page.ContentType);
            if (pageHtml.Length > 10 * ArchiveArticle.MaxText) return (ItemOutcome.Refused, null, $"its page is longer than {10 * ArchiveArticle.MaxText:N0} characters");
            text = ArchiveArticle.MainText(pageHtml);
        }
        else return (ItemOutcome.Refused, null, "it carries no content and no http(s) link to fetch");

        text = new string(ArchiveArticle.LineBreaksMadePlain(text).Where(c => !char.IsControl(c) || c is '\n' or '\t').ToArray());
        if (text.Length == 0) return (ItemOutcome.Refused, null, "no article text was found in it");
        if (text.Length > ArchiveArticle.MaxText) return (ItemOutcome.Refused, null, $"its text is longer than {ArchiveArticle.MaxText:N0} characters");

        var source = new Source(
            Bounded(entry.Title) ?? Bounded(entry.Link) ?? "untitled",
            entry.Link is null ? null : Fields.Url(entry.Link, "link", new FieldErrors()),
            Bounded(feed.Title) ?? Bounded(parsed.Title),
            entry.Published is { } p && p <= clock.GetUtcNow().AddDays(1) && p.Year >= 1900 ? DateOnly.FromDateTime(p.UtcDateTime) : null);
        var (article, duplicate) = await ArchiveArticle.ArchiveAsync(store, clock, text, source, feed.Owner, ct, fromFeed: new FeedItemOrigin(feed.Id, entry.Id));
        return (duplicate ? ItemOutcome.AlreadyArchived : ItemOutcome.Archived, article.Id, duplicate ? "the same text was archived before" : null);
    }

    // A title as a source may carry it: one line, no controls, within the statement limits.
    static string? Bounded(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var line = string.Join(' ', value.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        line = new string(line.Where(c => !char.IsControl(c)).ToArray());
        return line.Length <= StatementValidation.MaxText ? line : line[..StatementValidation.MaxText];
    }

    // Distinct from the webhooks' keys for the same bytes: a feed and a webhook never wait on each other.
    static long LockKey(Guid feedId)
    {
        Span<byte> bytes = stackalloc byte[16];
        feedId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]) ^ 0x4645_4544;
    }
}

// The Wolverine handler: poll if due, then schedule the next poll durably.
public static class PollFeedHandler
{
    public static async Task Handle(PollFeed message, FeedPoller poller, IMessageBus bus, CancellationToken ct)
    {
        if (await poller.PollIfDueAsync(message.FeedId, ct) is { } next)
            await bus.PublishAsync(message, new DeliveryOptions { ScheduledTime = next });
    }
}

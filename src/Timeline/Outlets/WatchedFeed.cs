// A watched feed: registered and removed as events (its stream, projected inline to WatchedFeed),
// and the state of its polling as a document of its own, which the poller rewrites after every poll
// (operational state, not history: a rebuild of the projection leaves it as it is).
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Timeline.Outlets;

public sealed record FeedRegistered(Guid FeedId, string Url, string? Title, TimeSpan Every, string Owner, DateTimeOffset RegisteredAt);

public sealed record FeedRemoved(Guid FeedId, string RemovedBy, DateTimeOffset RemovedAt);

public sealed class WatchedFeed
{
    public Guid Id { get; set; }
    public string Url { get; set; } = "";
    public string? Title { get; set; }
    public TimeSpan Every { get; set; }
    public string Owner { get; set; } = "";
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }
}

public sealed class WatchedFeedProjection : SingleStreamProjection<WatchedFeed, Guid>
{
    public override WatchedFeed? Evolve(WatchedFeed? snapshot, Guid id, IEvent e) => e.Data switch
    {
        FeedRegistered r => new WatchedFeed { Id = id, Url = r.Url, Title = r.Title, Every = r.Every, Owner = r.Owner, RegisteredAt = r.RegisteredAt },
        FeedRemoved r when snapshot is not null => Removed(snapshot, r.RemovedAt),
        _ => snapshot,
    };

    static WatchedFeed Removed(WatchedFeed feed, DateTimeOffset at)
    {
        feed.RemovedAt = at;
        return feed;
    }
}

public enum FeedHealth { Active, Failing }

public sealed class FeedPollState
{
    public Guid Id { get; set; }
    public DateTimeOffset NextPollAt { get; set; }
    public DateTimeOffset? LastPolledAt { get; set; }
    // The feed's last HTTP status (304 included), null when it could not be reached.
    public int? LastStatus { get; set; }
    public string? LastError { get; set; }
    // Polls failed in a row; zero after a success.
    public int Failures { get; set; }
    public DateTimeOffset? FailingSince { get; set; }
    public FeedHealth Health { get; set; }
    public int ItemsSeen { get; set; }
    public int ItemsArchived { get; set; }
    // Whether a poll has read the feed yet: the first one archives only the newest items.
    public bool Read { get; set; }
    public string? ETag { get; set; }
    public string? LastModified { get; set; }
}

public enum ItemOutcome { Archived, AlreadyArchived, BackCatalogue, Refused }

// An item a feed's poll has dealt with, by the feed and the item's id: never archived twice from one feed.
public sealed class FeedItemSeen
{
    public Guid Id { get; set; }
    public Guid FeedId { get; set; }
    public string ItemId { get; set; } = "";
    public DateTimeOffset SeenAt { get; set; }
    public ItemOutcome Outcome { get; set; }
    public Guid? ArticleId { get; set; }
    public string? Reason { get; set; }

    public static Guid IdFor(Guid feedId, string itemId) => Statements.StatementIdentity.NameBased($"feed-item/{feedId}/{itemId}");
}

// Wolverine message: poll this feed if it is due.
public sealed record PollFeed(Guid FeedId);

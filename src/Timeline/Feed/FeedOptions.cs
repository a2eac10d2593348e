// Feed settings (section "Timeline"), validated when the host starts.
using System.ComponentModel.DataAnnotations;

namespace Timeline.Feed;

public sealed class FeedOptions
{
    public const string Section = "Timeline";

    // How long an idle Server-Sent Events stream waits before sending a heartbeat comment.
    public TimeSpan SseHeartbeat { get; set; } = TimeSpan.FromSeconds(15);

    // How many figure events' derived estimate changes an instance keeps (the least recently read go first).
    // At least the alert resume limit, so subscribers resuming inside it share what one derived.
    [Range(1, 10_000_000)] public int AlertCacheEvents { get; set; } = 10_000;

    // How much the kept changes may weigh, counted as their JSON size: events with many sources derive large
    // estimates, so a count alone does not bound the memory. Past it, the least recently read go first.
    [Range(1_024, 4L * 1024 * 1024 * 1024)] public long AlertCacheBytes { get; set; } = 64 * 1024 * 1024;
}

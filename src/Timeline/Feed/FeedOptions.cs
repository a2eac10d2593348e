// Feed settings (section "Timeline"), validated when the host starts.
namespace Timeline.Feed;

public sealed class FeedOptions
{
    public const string Section = "Timeline";

    /// <summary>How long an idle Server-Sent Events stream waits before sending a heartbeat comment.</summary>
    public TimeSpan SseHeartbeat { get; set; } = TimeSpan.FromSeconds(15);
}

// When a feed is polled next, as feed readers are expected to decide it: its interval after a
// success, exponential backoff with jitter after failures, never sooner than the server's
// Cache-Control max-age or Retry-After asks (each bounded). A pure function, tested by calling it.
namespace Timeline.Outlets;

public static class PollPolicy
{
    // draw is a random number in [0, 1) spreading a backoff by up to ± the jitter fraction.
    public static DateTimeOffset Next(TimeSpan every, int failures, TimeSpan? maxAge, TimeSpan? retryAfter, DateTimeOffset now, double draw, OutletOptions options)
    {
        var wait = every;
        if (failures > 0)
        {
            var doubled = every.Ticks * Math.Pow(2, Math.Min(failures, 30));
            var backoff = Math.Min(doubled, options.MaxWait.Ticks) * (1 + options.Jitter * (2 * draw - 1));
            wait = TimeSpan.FromTicks(Math.Max(every.Ticks, (long)backoff));
        }
        // The server may ask for longer, never for less.
        foreach (var asked in new[] { maxAge, retryAfter })
            if (asked is { } a && a > wait) wait = a < options.MaxWait ? a : options.MaxWait;
        return now + wait;
    }

    // Failing once failures have lasted the configured time with no success between.
    public static FeedHealth Health(DateTimeOffset? failingSince, DateTimeOffset now, OutletOptions options) =>
        failingSince is { } since && now - since >= options.FailingAfter ? FeedHealth.Failing : FeedHealth.Active;
}

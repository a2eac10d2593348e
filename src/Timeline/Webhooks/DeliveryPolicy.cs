// What one delivery attempt's outcome means: delivered, retried later, dead-lettered, or the
// webhook disabled (410 Gone). A pure function of the delivery, the outcome, the schedule and
// the clock, so the rules are tested by calling it; the deliverer does the I/O and applies it.
namespace Timeline.Webhooks;

// What came of one attempt: the receiver's status (if it answered), an error (if it failed), its Retry-After.
public sealed record AttemptOutcome(int? StatusCode, string? Error, TimeSpan? RetryAfter)
{
    public bool Succeeded => Error is null;
}

// The delivery's next state, and whether the webhook is to be disabled.
public sealed record DeliveryVerdict(DeliveryStatus Status, DateTimeOffset? NextAttemptAt, string? DisableWebhook);

public static class DeliveryPolicy
{
    // Decides after attempt number attempts (1 for the first). draw is a random number in
    // [0, 1) that spreads each wait by up to ± the jitter fraction.
    public static DeliveryVerdict After(int attempts, AttemptOutcome outcome, WebhookOptions options, DateTimeOffset now, double draw)
    {
        if (outcome.Succeeded) return new DeliveryVerdict(DeliveryStatus.Delivered, null, null);
        // The receiver says it is gone for good: stop sending, keep what is owed visible.
        if (outcome.StatusCode == 410) return new DeliveryVerdict(DeliveryStatus.Pending, null, $"the receiver answered 410 Gone on {now:O}");
        var schedule = options.Schedule;
        if (attempts > schedule.Count) return new DeliveryVerdict(DeliveryStatus.Dead, null, null);

        var planned = schedule[attempts - 1];
        var wait = TimeSpan.FromTicks((long)(planned.Ticks * (1 + options.Jitter * (2 * draw - 1))));
        // A receiver may ask for longer (never for less), up to a bound.
        if (outcome.RetryAfter is { } asked && asked > wait) wait = asked < options.MaxRetryAfter ? asked : options.MaxRetryAfter;
        return new DeliveryVerdict(DeliveryStatus.Pending, now + wait, null);
    }
}

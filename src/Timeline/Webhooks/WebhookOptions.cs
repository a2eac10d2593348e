// Delivery settings (section Timeline:Webhooks), validated at start.
using System.ComponentModel.DataAnnotations;

namespace Timeline.Webhooks;

public sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Timeline:Webhooks";

    // The waits before each retry after the first attempt, which is made at once (Standard
    // Webhooks' suggestion). After the last, the delivery is dead-lettered.
    public List<TimeSpan> RetrySchedule { get; set; } = [];

    public static readonly TimeSpan[] DefaultSchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    public IReadOnlyList<TimeSpan> Schedule => RetrySchedule.Count > 0 ? RetrySchedule : DefaultSchedule;

    // A receiver slower than this counts as a failed attempt.
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    // Spread each wait by up to this fraction either way, so retries do not arrive in herds.
    [Range(0, 0.5)] public double Jitter { get; set; } = 0.1;

    // Deliver to loopback and private addresses too (a private deployment, the tests). Off by
    // default: a public service must not be made to call into its own network.
    public bool AllowPrivateAddresses { get; set; }

    // How many webhooks one API key may have registered at once.
    [Range(1, 10_000)] public int MaxPerKey { get; set; } = 25;

    // Delivered and dead-lettered deliveries older than this are removed (what is still owed never is).
    public TimeSpan DeliveryRetention { get; set; } = TimeSpan.FromDays(30);

    // The longest wait a receiver's Retry-After can ask for.
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(12);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Schedule.Any(t => t < TimeSpan.Zero)) yield return new ValidationResult("RetrySchedule must hold no negative waits", [nameof(RetrySchedule)]);
        if (Schedule.Count > 50) yield return new ValidationResult("RetrySchedule must hold at most 50 waits", [nameof(RetrySchedule)]);
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5)) yield return new ValidationResult("Timeout must be between 0 and 5 minutes", [nameof(Timeout)]);
    }
}

// Settings for watching outlets' feeds (section Timeline:Feeds), validated at start.
using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Timeline.Outlets;

public sealed class OutletOptions : IValidatableObject
{
    public const string Section = "Timeline:Feeds";

    public static readonly TimeSpan ShortestEvery = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan LongestEvery = TimeSpan.FromDays(1);

    // Fetch from loopback and private addresses too (the tests' feed servers, a private deployment).
    // Off by default, as for webhooks: a feed must not make the service call into its own network.
    public bool AllowPrivateAddresses { get; set; }

    // Addresses fetched from although not public (one intranet feed server, say), the rest of the network still refused.
    public List<string> TrustedAddresses { get; set; } = [];

    [Range(1, 10_000)] public int MaxPerKey { get; set; } = 100;

    // A feed's first poll archives at most its newest this many items; older ones are only marked seen.
    [Range(0, 1000)] public int FirstPollItems { get; set; } = 10;

    // New items archived per poll at most; the rest wait for the next poll.
    [Range(1, 1000)] public int MaxItemsPerPoll { get; set; } = 50;

    // The most a feed or a linked page may send (after decompression); past it the body is cut off.
    [Range(1024, 100 * 1024 * 1024)] public int MaxBodyBytes { get; set; } = 5 * 1024 * 1024;

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    // The whole of one fetch, redirects and body included.
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    // After failing without a success for this long, a feed is marked failing (it is still polled, on backoff).
    public TimeSpan FailingAfter { get; set; } = TimeSpan.FromDays(1);

    // The longest wait backoff, max-age or Retry-After can make between polls.
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromDays(1);

    // Spread each backoff by up to this fraction either way, so failing feeds are not retried in herds.
    [Range(0, 0.5)] public double Jitter { get; set; } = 0.1;

    // How often every instance looks for feeds whose poll is overdue (a lost wake-up, a crash).
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromSeconds(30);

    public IReadOnlySet<IPAddress> Trusted() => TrustedAddresses.Select(IPAddress.Parse).ToHashSet();

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        foreach (var a in TrustedAddresses.Where(a => !IPAddress.TryParse(a, out _)))
            yield return new ValidationResult($"TrustedAddresses holds '{a}', which is not an IP address", [nameof(TrustedAddresses)]);
        if (ConnectTimeout <= TimeSpan.Zero || ConnectTimeout > TimeSpan.FromMinutes(1)) yield return new ValidationResult("ConnectTimeout must be between 0 and 1 minute", [nameof(ConnectTimeout)]);
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5)) yield return new ValidationResult("Timeout must be between 0 and 5 minutes", [nameof(Timeout)]);
        if (FailingAfter <= TimeSpan.Zero) yield return new ValidationResult("FailingAfter must be positive", [nameof(FailingAfter)]);
        if (MaxWait < LongestEvery) yield return new ValidationResult("MaxWait must be at least a day (the longest 'every')", [nameof(MaxWait)]);
        if (SweepEvery < TimeSpan.FromSeconds(1)) yield return new ValidationResult("SweepEvery must be at least a second", [nameof(SweepEvery)]);
    }
}

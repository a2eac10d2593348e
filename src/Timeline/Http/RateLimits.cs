// Every client address (an IPv6 client: its /64) gets its own token buckets, one for reads and one for writes (section
// Timeline:Limits), so a few greedy or hostile clients cannot take the service from everyone
// else. Past the limit the answer is 429 problem+json with Retry-After. Health and metrics are
// never limited: the orchestrator and the scraper must see the service even while limits bite.
// Behind a proxy every client shares the proxy's address unless forwarded headers are configured.
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Timeline.Http;

public sealed class RequestLimits
{
    public const string Section = "Timeline:Limits";

    /// <summary>Reads per second each client address may sustain, and how many it may make at once in a burst.</summary>
    [Range(1, 1_000_000)] public int ReadsPerSecond { get; set; } = 50;
    [Range(1, 1_000_000)] public int ReadBurst { get; set; } = 200;

    /// <summary>Writes (a batch counts as one) per second per client address, and their burst.</summary>
    [Range(1, 1_000_000)] public int WritesPerSecond { get; set; } = 20;
    [Range(1, 1_000_000)] public int WriteBurst { get; set; } = 100;
}

public static class RateLimits
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RequestLimits>().Bind(configuration.GetSection(RequestLimits.Section)).ValidateDataAnnotations().ValidateOnStart();
        var limits = configuration.GetSection(RequestLimits.Section).Get<RequestLimits>() ?? new RequestLimits();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (Unlimited(http.Request.Path)) return RateLimitPartition.GetNoLimiter("unlimited");
                var client = ClientAddress.Key(http.Connection.RemoteIpAddress);
                var write = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method));
                return write
                    ? RateLimitPartition.GetTokenBucketLimiter("w:" + client, _ => Bucket(limits.WritesPerSecond, limits.WriteBurst))
                    : RateLimitPartition.GetTokenBucketLimiter("r:" + client, _ => Bucket(limits.ReadsPerSecond, limits.ReadBurst));
            });
            o.OnRejected = async (context, ct) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem($"Too many requests from this address. Try again in {seconds} s.",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    static bool Unlimited(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

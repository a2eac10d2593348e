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

    // Reads per second each client address may sustain, and how many it may make at once in a burst.
    [Range(1, 1_000_000)] public int ReadsPerSecond { get; set; } = 50;
    [Range(1, 1_000_000)] public int ReadBurst { get; set; } = 200;

    // Writes (a batch counts as one) per second per client address, and their burst.
    [Range(1, 1_000_000)] public int WritesPerSecond { get; set; } = 20;
    [Range(1, 1_000_000)] public int WriteBurst { get; set; } = 100;

    // How long one query of an anonymous read may run (its statement_timeout); past it, 503 with Retry-After.
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")] public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

// What a read costs in tokens of the client's read bucket, for endpoints that do many times a plain read's work.
public sealed record ReadCost(int Tokens);

public static class ReadCosts
{
    public static TBuilder Costs<TBuilder>(this TBuilder endpoint, int tokens) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new ReadCost(tokens));
}

public static class RateLimits
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RequestLimits>().Bind(configuration.GetSection(RequestLimits.Section)).ValidateDataAnnotations().ValidateOnStart();
        var limits = configuration.GetSection(RequestLimits.Section).Get<RequestLimits>() ?? new RequestLimits();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = new Weighted(PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (Unlimited(http.Request.Path)) return RateLimitPartition.GetNoLimiter("unlimited");
                var client = ClientAddress.Key(http.Connection.RemoteIpAddress);
                var write = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method));
                return write
                    ? RateLimitPartition.GetTokenBucketLimiter("w:" + client, _ => Bucket(limits.WritesPerSecond, limits.WriteBurst))
                    : RateLimitPartition.GetTokenBucketLimiter("r:" + client, _ => Bucket(limits.ReadsPerSecond, limits.ReadBurst));
            }), limits.ReadBurst);
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

    // Takes as many tokens as the endpoint's ReadCost says (never more than a burst holds), else one.
    sealed class Weighted(PartitionedRateLimiter<HttpContext> inner, int readBurst) : PartitionedRateLimiter<HttpContext>
    {
        static int Cost(HttpContext http, int permits, int burst) =>
            http.GetEndpoint()?.Metadata.GetMetadata<ReadCost>() is { } cost ? Math.Min(permits * cost.Tokens, burst) : permits;

        public override RateLimiterStatistics? GetStatistics(HttpContext resource) => inner.GetStatistics(resource);
        protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
            inner.AttemptAcquire(resource, Cost(resource, permitCount, readBurst));
        protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
            inner.AcquireAsync(resource, Cost(resource, permitCount, readBurst), cancellationToken);
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
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

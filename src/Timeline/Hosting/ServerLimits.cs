// Where the service listens (loopback unless told otherwise: ASPNETCORE_URLS / --urls), and Kestrel's limits, set on purpose rather than left to defaults: small request heads that must
// arrive promptly, bodies no larger than the largest batch allowed, and enough connections for
// the live streams the SSE caps allow plus ordinary traffic.
namespace Timeline.Hosting;

public static class ServerLimits
{
    public static WebApplicationBuilder SetServerLimits(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://127.0.0.1:5080");
        var maxBatchBytes = builder.Configuration.GetValue<long?>("Timeline:MaxBatchBytes") ?? 16 * 1024 * 1024;
        var sseTotal = builder.Configuration.GetValue<int?>("Timeline:Limits:SseTotal") ?? 10_000;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = maxBatchBytes + 64 * 1024;
            k.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            k.Limits.MaxRequestHeaderCount = 64;
            // Above the 8 KiB the service allows (Http.RequestTarget), so up to here a long target gets a 414 problem, not Kestrel's empty 414.
            k.Limits.MaxRequestLineSize = 32 * 1024;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            k.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
            k.Limits.MaxConcurrentConnections = sseTotal + 2_000;
            k.Limits.MaxConcurrentUpgradedConnections = 0; // no WebSockets here
            k.AddServerHeader = false;
        });
        return builder;
    }
}

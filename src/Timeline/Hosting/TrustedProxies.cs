// Behind a reverse proxy (nginx in the one-box topology) the client is the one it names: trusted
// only from loopback by default, or from the proxies listed in Timeline:TrustedProxies.
using Microsoft.AspNetCore.HttpOverrides;

namespace Timeline.Hosting;

public static class TrustedProxies
{
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, IConfiguration configuration)
    {
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        foreach (var proxy in configuration.GetSection("Timeline:TrustedProxies").Get<string[]>() ?? [])
            forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        return app.UseForwardedHeaders(forwarded);
    }
}

// Headers every answer carries: no MIME sniffing anywhere; and on our page a Content-Security-
// Policy that runs only our own scripts (no inline script, nothing from elsewhere) and may not be
// framed, so even a value that slipped past encoding could not run or be clickjacked.
namespace Timeline.Http;

public static class SecurityHeaders
{
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                // The interactive API reference (/docs) is a third-party page with its own inline script.
                if (http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
                    && !http.Request.Path.StartsWithSegments("/docs"))
                {
                    headers.ContentSecurityPolicy = PagePolicy;
                    headers.XFrameOptions = "DENY";
                    headers["Referrer-Policy"] = "no-referrer";
                }
                return Task.CompletedTask;
            });
            await next();
        });
}

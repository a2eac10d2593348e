// Headers every answer carries: no MIME sniffing anywhere; and on our page a Content-Security-
// Policy that runs only our own scripts (no inline script, nothing from elsewhere) and may not be
// framed, so even a value that slipped past encoding could not run or be clickjacked.
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Timeline.Http;

public static partial class SecurityHeaders
{
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    // The interactive API reference (/docs, Scalar) starts from one inline script and injects its own
    // styles: that script is allowed by its hash, nothing else inline runs, and it reaches only us.
    public static string DocsPolicy(IEnumerable<string> scriptHashes) =>
        $"default-src 'self'; script-src 'self' {string.Join(' ', scriptHashes.Select(h => $"'sha256-{h}'"))}; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                if (IsHtml(http.Response) && !http.Request.Path.StartsWithSegments("/docs"))
                {
                    headers.ContentSecurityPolicy = PagePolicy;
                    headers.XFrameOptions = "DENY";
                    headers["Referrer-Policy"] = "no-referrer";
                }
                return Task.CompletedTask;
            });
            // The reference's page (/docs, /docs/v1; not its scripts) is a few hundred bytes: held back
            // until its inline scripts are hashed into its policy, so the policy follows the page Scalar writes.
            if (http.Request.Path.StartsWithSegments("/docs") && !Path.HasExtension(http.Request.Path.Value))
                await WithDocsPolicy(http, next);
            else
                await next();
        });

    static async Task WithDocsPolicy(HttpContext http, Func<Task> next)
    {
        var original = http.Response.Body;
        using var page = new MemoryStream();
        http.Response.Body = page;
        try { await next(); }
        finally { http.Response.Body = original; }
        if (IsHtml(http.Response))
        {
            var html = Encoding.UTF8.GetString(page.GetBuffer(), 0, (int)page.Length);
            var hashes = InlineScript().Matches(html).Select(m => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value))));
            http.Response.Headers.ContentSecurityPolicy = DocsPolicy(hashes);
            http.Response.Headers.XFrameOptions = "DENY";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
        }
        page.Position = 0;
        await page.CopyToAsync(original, http.RequestAborted);
    }

    static bool IsHtml(HttpResponse response) => response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;

    // An inline script element (one without src) and its text, exactly as the browser hashes it.
    [GeneratedRegex(@"<script(?![^>]*\ssrc\s*=)[^>]*>(.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex InlineScript();
}

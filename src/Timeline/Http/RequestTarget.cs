// The request target as the client sent it, checked before routing. Kestrel resolves "." and ".."
// segments (and their %2E spellings) before routing, so DELETE /api/webhooks/. reached
// /api/webhooks and answered 405: no client means another resource by them, so they are a 400
// naming the path. A target over 8 KiB is a 414 problem naming the part that is too long.
using Microsoft.AspNetCore.Http.Features;

namespace Timeline.Http;

public static class RequestTarget
{
    public const int MaxLength = 8 * 1024;

    public static IApplicationBuilder UseRequestTargetCheck(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } sent
                ? sent
                : http.Request.PathBase + http.Request.Path.ToUriComponent() + http.Request.QueryString;
            var query = raw.IndexOf('?');
            var path = query < 0 ? raw : raw[..query];
            if (raw.Length > MaxLength)
            {
                var field = path.Length > MaxLength ? "path" : "query";
                await TypedResults.Problem(detail: $"{field}: the request target (path and query) must be at most {MaxLength / 1024} KiB; it is {raw.Length:N0} characters",
                    statusCode: StatusCodes.Status414UriTooLong, title: "The request target is too long",
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [$"must be at most {MaxLength / 1024} KiB with the query"] } })
                    .ExecuteAsync(http);
                return;
            }
            if (path.Split('/').Any(s => Uri.UnescapeDataString(s) is "." or ".."))
            {
                await Problems.Validation("path", "must not hold '.' or '..' segments: they would name another resource", "").ExecuteAsync(http);
                return;
            }
            await next();
        });
}

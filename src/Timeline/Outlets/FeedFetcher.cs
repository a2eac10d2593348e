// One GET of a feed or of an item's page, as a well-behaved reader makes it: conditional on what
// the last answer said (ETag, Last-Modified), a User-Agent naming Timeline, connect and total
// timeouts, at most three redirects followed by hand, a body cut off at the limit (counted after
// decompression), and every connection checked by the webhook address guard where it actually goes
// (the handler's ConnectCallback), so neither a link, nor a redirect, nor a name resolving elsewhere
// later reaches a non-public address. Whatever happens, the answer says it in words; nothing
// throws but cancellation of the caller.
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Timeline.Webhooks;

namespace Timeline.Outlets;

public sealed record Fetched(int? Status, byte[]? Body, string? ContentType, string? ETag, string? LastModified,
    TimeSpan? MaxAge, TimeSpan? RetryAfter, string? Error, bool Refused)
{
    public bool NotModified => Status == 304;
    public bool Succeeded => Error is null && Body is not null;
}

public sealed class FeedFetcher(IHttpClientFactory http, IOptions<OutletOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "outlets";
    public const string UserAgent = "Timeline/1.0 (feed reader)";
    const int MaxRedirects = 3;

    public async Task<Fetched> GetAsync(string url, string accept, string? etag, string? lastModified, CancellationToken ct)
    {
        var o = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(o.Timeout);
        var target = new Uri(url);
        try
        {
            for (var hop = 0; ; hop++)
            {
                if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)
                    return Failed($"{target} is not an http or https address", refused: true);
                using var request = new HttpRequestMessage(HttpMethod.Get, target);
                request.Headers.UserAgent.ParseAdd(UserAgent);
                request.Headers.Accept.ParseAdd(accept);
                if (etag is not null) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                if (lastModified is not null) request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
                using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
                {
                    if (hop == MaxRedirects) return Failed($"more than {MaxRedirects} redirects", refused: true, status);
                    target = location.IsAbsoluteUri ? location : new Uri(target, location);
                    continue;
                }
                var maxAge = response.Headers.CacheControl?.MaxAge;
                var retryAfter = RetryAfter(response.Headers.RetryAfter);
                if (status == 304) return new Fetched(304, null, null, etag, lastModified, maxAge, retryAfter, null, false);
                if (!response.IsSuccessStatusCode)
                    return new Fetched(status, null, null, null, null, maxAge, retryAfter, $"{target} answered {status} {response.ReasonPhrase}", status is >= 400 and < 500 and not 408 and not 429);
                var (body, tooLarge) = await ReadBoundedAsync(response.Content, o.MaxBodyBytes, timeout.Token);
                if (tooLarge) return Failed($"{target} sent more than {o.MaxBodyBytes:N0} bytes; the body was cut off there", refused: true, status);
                return new Fetched(status, body, response.Content.Headers.ContentType?.ToString(),
                    response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"), maxAge, retryAfter, null, false);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Failed($"{target} gave no full answer within {o.Timeout.TotalSeconds:0.#} s", refused: false);
        }
        catch (HttpRequestException e) when (FindRefusal(e) is { } refused)
        {
            return Failed($"{target}: {refused.Message}", refused: true);
        }
        catch (HttpRequestException e)
        {
            return Failed($"could not reach {target}: {e.HttpRequestError}", refused: false);
        }
    }

    static Fetched Failed(string error, bool refused, int? status = null) => new(status, null, null, null, null, null, null, error, refused);

    // The body, or (null, true) as soon as it passes the limit: a declared length over it is not even read.
    static async Task<(byte[]? Body, bool TooLarge)> ReadBoundedAsync(HttpContent content, int limit, CancellationToken ct)
    {
        if (content.Headers.ContentLength > limit) return (null, true);
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return (null, true);
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), false);
    }

    TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > clock.GetUtcNow() => date - clock.GetUtcNow(),
        _ => null,
    };

    static ReceiverRefusedException? FindRefusal(Exception? e) =>
        e switch { null => null, ReceiverRefusedException r => r, _ => FindRefusal(e.InnerException) };
}

// Reads a request body with a hard size limit, whatever the server in front of us enforces
// (the test server enforces none), so an over-large body is a 413 and never a memory problem.
namespace Timeline.Http;

public sealed class BodyTooLargeException(long limit) : Exception($"The request body is larger than {limit} bytes.")
{
    public long Limit { get; } = limit;
}

public static class RequestBody
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) throw new BodyTooLargeException(limit);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) throw new BodyTooLargeException(limit);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static bool IsNdjson(HttpRequest request) =>
        request.ContentType is { } type && (type.StartsWith("application/x-ndjson", StringComparison.OrdinalIgnoreCase)
                                            || type.StartsWith("application/jsonl", StringComparison.OrdinalIgnoreCase));

    public static bool IsCsv(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase);

    // JSON bodies may omit the content type; anything else that is not JSON is refused.
    public static bool IsJsonOrUnstated(HttpRequest request) =>
        string.IsNullOrEmpty(request.ContentType)
        || request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || request.ContentType.Contains("+json", StringComparison.OrdinalIgnoreCase);
}

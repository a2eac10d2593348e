// The Server-Sent Events wire format (WHATWG HTML §9.2), written by hand because we also need
// comment lines (heartbeats) and a retry hint, which the framework's SSE result does not write.
using System.Text;

namespace Timeline.Feed;

public sealed class SseWriter(HttpResponse response)
{
    public static void Prepare(HttpResponse response)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // let proxies pass events through at once
    }

    public async Task RetryAsync(TimeSpan after, CancellationToken ct)
    {
        await response.WriteAsync($"retry: {(int)after.TotalMilliseconds}\n\n", ct);
        await response.Body.FlushAsync(ct);
    }

    public Task EventAsync(long id, string type, ReadOnlyMemory<byte> data, CancellationToken ct) =>
        EventAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture), type, data, ct);

    public async Task EventAsync(string? id, string type, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var head = new StringBuilder();
        if (id is not null) head.Append("id: ").Append(id).Append('\n');
        head.Append("event: ").Append(type).Append('\n').Append("data: ");
        await response.WriteAsync(head.ToString(), ct);
        await response.Body.WriteAsync(data, ct);
        await response.WriteAsync("\n\n", ct);
    }

    public async Task CommentAsync(string text, CancellationToken ct)
    {
        await response.WriteAsync($": {text}\n\n", ct);
        await response.Body.FlushAsync(ct);
    }

    public Task FlushAsync(CancellationToken ct) => response.Body.FlushAsync(ct);
}

// The Server-Sent Events wire format (WHATWG HTML §9.2), written by hand because we also need
// comment lines (heartbeats) and a retry hint, which the framework's SSE result does not write.
using System.Text;

namespace Timeline.Http;

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

    // An id alone: no event reaches the client, but its Last-Event-ID is set, so a stream that breaks before its first
    // event resumes from where it began rather than from whatever is recorded by the time it reconnects.
    public async Task IdAsync(long id, CancellationToken ct)
    {
        await response.WriteAsync($"id: {id.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n\n", ct);
        await response.Body.FlushAsync(ct);
    }

    public Task EventAsync(long id, string type, ReadOnlyMemory<byte> data, CancellationToken ct) =>
        EventAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture), type, data, ct);

    public async Task EventAsync(string? id, string type, ReadOnlyMemory<byte> data, CancellationToken ct) =>
        await response.Body.WriteAsync(Frame(id, type, data.Span), ct);

    // A frame written before (Frame), as it is.
    public async Task FrameAsync(ReadOnlyMemory<byte> frame, CancellationToken ct) => await response.Body.WriteAsync(frame, ct);

    // "id: …\nevent: …\ndata: …\n\n"; the data must be one line (compact JSON is).
    public static byte[] Frame(string? id, string type, ReadOnlySpan<byte> data)
    {
        var head = Encoding.UTF8.GetBytes($"{(id is null ? "" : $"id: {id}\n")}event: {type}\ndata: ");
        var frame = new byte[head.Length + data.Length + 2];
        head.CopyTo(frame, 0);
        data.CopyTo(frame.AsSpan(head.Length));
        frame[^2] = (byte)'\n';
        frame[^1] = (byte)'\n';
        return frame;
    }

    public async Task CommentAsync(string text, CancellationToken ct)
    {
        await response.WriteAsync($": {text}\n\n", ct);
        await response.Body.FlushAsync(ct);
    }

    public Task FlushAsync(CancellationToken ct) => response.Body.FlushAsync(ct);
}

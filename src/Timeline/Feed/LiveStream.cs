// One /api/subscribe stream without alert conditions: it catches up on its own (the pump's memory,
// else the database), then joins its filter's group and writes what the fan-out queues for it,
// everything queued in one flush. Joining after catching up leaves a gap of what the pump
// published meanwhile: one more read from memory covers it, and the sequence skips what both gave.
using System.Buffers;
using System.Diagnostics;
using Timeline.Http;

namespace Timeline.Feed;

public static class LiveStream
{
    public static async Task ServeAsync(HttpContext http, SseWriter sse, FeedFilter filter, long position, TimeSpan heartbeat,
        FeedPump pump, FeedReader reader, FeedFanOut fanOut, CancellationToken ct)
    {
        position = await CatchUpAsync(sse, filter, position, heartbeat, pump, reader, ct);
        using var member = fanOut.Join(filter, http);
        position = await CatchUpAsync(sse, filter, position, heartbeat, pump, reader, ct);
        member.Wrote();

        var body = http.Response.BodyWriter;
        using var closing = ct.Register(static q => ((SubscriberQueue)q!).Close(), member.Queue);
        while (await member.Queue.WaitAsync())
        {
            var frames = member.Queue.TakeAll();
            foreach (var queued in frames)
            {
                if (queued.IsCatchUp)
                {
                    await body.FlushAsync(ct);
                    position = await CatchUpAsync(sse, filter, position, heartbeat, pump, reader, ct);
                    continue;
                }
                if (queued.Sequence >= 0)
                {
                    if (queued.Sequence <= position) continue; // already written while catching up
                    position = queued.Sequence;
                }
                body.Write(queued.Frame.Span);
            }
            member.Queue.Written(frames.Count);
            await body.FlushAsync(ct);
            member.Wrote();
        }
    }

    // Writes what matches after the position until the pump's latest; returns the last sequence looked at.
    static async Task<long> CatchUpAsync(SseWriter sse, FeedFilter filter, long position, TimeSpan heartbeat,
        FeedPump pump, FeedReader reader, CancellationToken ct)
    {
        var lastWrite = Stopwatch.GetTimestamp();
        while (true)
        {
            var page = pump.TryReadAfter(position, 500) ?? await reader.ReadAfterAsync(position, 500, ct);
            var wrote = false;
            foreach (var e in page.Events)
            {
                if (!e.Matches(filter)) continue;
                await sse.FrameAsync(e.ToSseFrame(), ct);
                wrote = true;
            }
            // A narrow filter reading far back may find nothing for long: keep the stream alive all the same.
            if (!wrote && Stopwatch.GetElapsedTime(lastWrite) >= heartbeat)
            {
                await sse.CommentAsync("heartbeat", ct);
                lastWrite = Stopwatch.GetTimestamp();
            }
            if (wrote)
            {
                await sse.FlushAsync(ct);
                lastWrite = Stopwatch.GetTimestamp();
            }
            if (page.LastScanned <= position) return position;
            position = page.LastScanned;
        }
    }
}

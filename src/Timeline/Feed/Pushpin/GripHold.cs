// The subscribe request as Pushpin sends it (GRIP): this instance answers with the events the
// client missed and tells Pushpin to hold the stream on the filter's channel (Grip-Hold,
// Grip-Channel with the prev-id the channel's next message will carry, Grip-Link to ask again from
// here); Pushpin keeps the connection, and the instance is done with it. A request Pushpin did not
// sign, a filter without a channel, or no publisher yet: the instance holds the stream itself.
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Timeline.Http;

namespace Timeline.Feed.Pushpin;

public sealed class GripHold(FeedPump pump, FeedReader reader, PublishedHeads heads, IOptions<PushpinOptions> options, TimeProvider clock)
{
    static readonly TimeSpan Retry = TimeSpan.FromSeconds(3);
    const int Page = 500;

    // Answers the subscribe request for Pushpin and returns true; false when the instance should hold it itself.
    public async Task<bool> TryAnswerAsync(HttpContext http, FeedFilter filter, long? resumeAfter, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled || GripChannels.Of(filter) is not { } channel || !SignedByPushpin(http.Request.Headers["Grip-Sig"].ToString(), o.SignatureKey!)) return false;
        if (await heads.OfAsync(channel) is not { } published) return false;

        // Pushpin asking again (a message missed, or its periodic check) names the last event it passed on.
        var last = LastId(http.Request.Headers["Grip-Last"], channel);
        var recovering = last is not null;
        var after = last is { } l ? Math.Max(resumeAfter ?? 0, l) : resumeAfter ?? published.Through;

        // What the client missed, up to where the log is published; later events reach it as messages.
        var frames = new List<ReadOnlyMemory<byte>>();
        long? lastSent = null;
        var scanned = after;
        while (scanned < published.Through && scanned - after < o.CatchUpEvents)
        {
            var page = FromMemory(scanned) ?? await reader.ReadAfterAsync(scanned, Page, ct);
            if (page.LastScanned <= scanned) break;
            foreach (var e in page.Events)
            {
                if (e.Sequence > published.Through) break;
                if (!e.Matches(filter)) continue;
                frames.Add(e.ToSseFrame());
                lastSent = e.Sequence;
            }
            scanned = Math.Min(page.LastScanned, published.Through);
        }
        var caughtUp = scanned >= published.Through;
        // The prev-id the channel's next message will carry: the last matching event the client now has.
        // Ahead of this answer's read, the client's own last event; short of it, one no message carries,
        // so the next message (or the one-second link) brings Pushpin back for the rest.
        var prevId = !caughtUp ? $"{scanned}.catching-up"
            : lastSent?.ToString(CultureInfo.InvariantCulture)
              ?? (after > published.Through ? after : published.Head).ToString(CultureInfo.InvariantCulture);
        var from = caughtUp ? Math.Max(after, published.Through) : scanned;
        // The publisher records how far it published after Pushpin took the messages, so Pushpin may
        // already hold this channel's next ones; given a prev-id short of them it drops them and waits
        // for a later message, which may never come (the last of a burst). Anything Pushpin holds was
        // read from the log before this request arrived: with no matching event recorded past `from`
        // the answer is complete, otherwise Pushpin is told to ask again soon.
        var complete = caughtUp && !await MatchRecordedAfterAsync(filter, from, o.CatchUpEvents, ct);
        // Soon: in a second, then 2, 4 … s while it stays incomplete (a publisher down or behind), up to
        // the usual recheck; the wait so far rides in the link Pushpin follows, and a complete answer resets it.
        var waited = Waited(http.Request.Query["recheck"], o.RecheckSeconds);
        var wait = complete ? o.RecheckSeconds : Math.Min(o.RecheckSeconds, waited is 0 ? 1 : waited * 2);

        var response = http.Response;
        SseWriter.Prepare(response);
        response.Headers["Grip-Hold"] = "stream";
        response.Headers["Grip-Channel"] = $"{channel}; prev-id={prevId}";
        response.Headers["Grip-Link"] = $"<{NextLink(http.Request.Path, filter, from, complete ? 0 : wait)}>; rel=next; timeout={wait}";
        response.Headers["Grip-Keep-Alive"] = @":\n\n; format=cstring; timeout=15";
        var body = new MemoryStream();
        if (!recovering) body.Write(Encoding.UTF8.GetBytes($"retry: {(int)Retry.TotalMilliseconds}\n\n"));
        foreach (var f in frames) body.Write(f.Span);
        // The client is caught up through `from`: an id alone sets its Last-Event-ID without an event, so
        // if Pushpin closes the stream (a recovery request that kept failing) it resumes from here, not
        // from whatever is recorded by the time it reconnects.
        if (lastSent is null || from > lastSent) body.Write(Encoding.UTF8.GetBytes($"id: {from}\n\n"));
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), ct);
        return true;
    }

    // Whether an event the filter passes may be recorded after `after`: read from memory only, so that
    // rechecks while the publisher is down cost no database read; what memory cannot tell (this
    // instance's feed behind, or more than `limit` events to look at) counts as maybe.
    async Task<bool> MatchRecordedAfterAsync(FeedFilter filter, long after, int limit, CancellationToken ct)
    {
        var latest = await pump.LatestAsync(ct);
        var scanned = after;
        while (scanned < latest)
        {
            if (scanned - after >= limit || FromMemory(scanned) is not { } page) return true;
            if (page.Events.Any(e => e.Sequence <= latest && e.Matches(filter))) return true;
            scanned = page.LastScanned;
        }
        return false;
    }

    // The events after `after` from this instance's feed, or null when it has not read past `after`
    // or no longer holds them (then only the database knows).
    FeedPage? FromMemory(long after) => pump.TryReadAfter(after, Page) is { } page && page.LastScanned > after ? page : null;

    // The seconds Pushpin waited before this request, as the link it followed says (0: none, or not ours).
    static int Waited(StringValues value, int most) =>
        value.Count == 1 && value[0] is { Length: <= 5 } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? Math.Min(s, most) : 0;

    static string NextLink(PathString path, FeedFilter filter, long after, int waited)
    {
        var query = new List<string>();
        if (filter.Kind is { } k) query.Add("kind=" + Vocabulary.Name(k));
        if (filter.Party is { } p) query.Add("party=" + Uri.EscapeDataString(p));
        if (filter.Measure is { } m) query.Add("measure=" + Vocabulary.Name(m));
        query.Add("after=" + after.ToString(CultureInfo.InvariantCulture));
        if (waited > 0) query.Add("recheck=" + waited.ToString(CultureInfo.InvariantCulture));
        return $"{path}?{string.Join('&', query)}";
    }

    // Grip-Last: "channel; last-id=123" (one header per channel).
    static long? LastId(IEnumerable<string?> headers, string channel)
    {
        foreach (var header in headers)
        {
            if (header is null) continue;
            var parts = header.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length < 2 || parts[0] != channel) continue;
            foreach (var part in parts.Skip(1))
                if (part.StartsWith("last-id=", StringComparison.Ordinal)
                    && long.TryParse(part.AsSpan(8).ToString().Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                    return id;
        }
        return null;
    }

    // Grip-Sig is a JWT (HS256) Pushpin signs with its sig_key; it must verify and not have expired.
    bool SignedByPushpin(string token, string key)
    {
        if (token.Length is 0 or > 2048) return false;
        var parts = token.Split('.');
        if (parts.Length != 3) return false;
        try
        {
            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
            if (!CryptographicOperations.FixedTimeEquals(expected, Base64Url.DecodeFromChars(parts[2]))) return false;
            using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return claims.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                && seconds > clock.GetUtcNow().ToUnixTimeSeconds();
        }
        catch (Exception e) when (e is FormatException or JsonException) { return false; }
    }
}

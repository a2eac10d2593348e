// GET /api/events (the paged catch-up log) and GET /api/subscribe (live Server-Sent Events with
// resume).
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Mvc;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Feed;

public static class FeedEndpoints
{
    static readonly TimeSpan Retry = TimeSpan.FromSeconds(3);

    public sealed record EventsPage(IReadOnlyList<JsonElement> Items, long NextAfter);

    public static async Task<IResult> Events(HttpContext http, long? after, int? limit, string? kind, string? party,
        FeedReader reader, FilteredEvents filtered, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var filter = FeedFilter.Parse(kind, party, null, null, errors);
        var take = Fields.Limit(limit, 100, 1000, errors);
        if (after < 0) errors.Add("after", "must be a sequence of 0 or more");
        if (errors.Any) return Problems.Validation(errors);

        var position = after ?? 0;
        if (http.Request.Accepts("application/x-ndjson"))
        {
            // Stream everything after the position, page by page, as it is read.
            http.Response.ContentType = "application/x-ndjson";
            if (FilteredEvents.Applies(filter!))
            {
                await StreamFilteredAsync(http, filter!, position, reader, filtered, ct);
                return Results.Empty;
            }
            while (true)
            {
                var page = await reader.ReadAfterAsync(position, 500, ct);
                await WriteLinesAsync(http, page.Events, filter!, ct);
                if (page.LastScanned == position) return Results.Empty;
                position = page.LastScanned;
            }
        }

        var items = new List<JsonElement>();
        if (FilteredEvents.Applies(filter!))
        {
            // The same window as below (ten pages' worth of events looked at), chosen in SQL: only the events that
            // meet the filter are read and encoded.
            var (candidates, lastScanned) = await filtered.InWindowAsync(position, take * 10, filter!, ct);
            foreach (var chunk in candidates.Chunk(take))
            foreach (var e in await reader.ReadAtAsync(chunk, ct))
            {
                if (!e.Matches(filter!)) continue;
                items.Add(JsonDocument.Parse(e.ToJson()).RootElement.Clone());
                if (items.Count == take) return TypedResults.Ok(new EventsPage(items, e.Sequence));
            }
            return TypedResults.Ok(new EventsPage(items, lastScanned));
        }
        // Scan a bounded number of events so a narrow filter cannot make one request read the whole log.
        for (var scanned = 0; items.Count < take && scanned < take * 10;)
        {
            var page = await reader.ReadAfterAsync(position, take, ct);
            if (page.LastScanned == position) break;
            foreach (var e in page.Events)
            {
                if (items.Count == take) break;
                position = e.Sequence;
                if (e.Matches(filter!)) items.Add(JsonDocument.Parse(e.ToJson()).RootElement.Clone());
            }
            if (items.Count < take) position = page.LastScanned;
            scanned += take;
        }
        return TypedResults.Ok(new EventsPage(items, position));
    }

    // The filtered stream: from the few statements the filter selects when it selects few, else the log walked in
    // SQL a window at a time, reading and encoding only the events that meet the filter.
    static async Task StreamFilteredAsync(HttpContext http, FeedFilter filter, long position, FeedReader reader, FilteredEvents filtered, CancellationToken ct)
    {
        const int Window = 10_000;
        if (await filtered.OfFewStatementsAsync(position, filter, ct) is { } few)
        {
            foreach (var chunk in few.Chunk(500)) await WriteLinesAsync(http, await reader.ReadAtAsync(chunk, ct), filter, ct);
            return;
        }
        while (true)
        {
            var (candidates, lastScanned) = await filtered.InWindowAsync(position, Window, filter, ct);
            foreach (var chunk in candidates.Chunk(500)) await WriteLinesAsync(http, await reader.ReadAtAsync(chunk, ct), filter, ct);
            if (lastScanned == position) return;
            position = lastScanned;
        }
    }

    // NDJSON: each event that meets the filter as one line, then a flush, so a long stream goes out as it is read.
    static async Task WriteLinesAsync(HttpContext http, IReadOnlyList<FeedEvent> events, FeedFilter filter, CancellationToken ct)
    {
        foreach (var e in events.Where(e => e.Matches(filter)))
        {
            await http.Response.Body.WriteAsync(e.ToJson(), ct);
            await http.Response.Body.WriteAsync("\n"u8.ToArray(), ct);
        }
        await http.Response.Body.FlushAsync(ct);
    }

    // A subscription: which events (kind, party, measure, statedBy), or which estimate changes (series and the alert
    // conditions), from where (after, or the Last-Event-ID header).
    public sealed record SubscribeQuery(
        [FromQuery(Name = "kind")] string? Kind,
        [FromQuery(Name = "party")] string? Party,
        [FromQuery(Name = "measure")] string? Measure,
        [FromQuery(Name = "statedBy")] string? StatedBy,
        [FromQuery(Name = "after")] string? After,
        [FromQuery(Name = "series")] string? Series,
        [FromQuery(Name = "minChange")] double? MinChange,
        [FromQuery(Name = "newHigh")] bool? NewHigh,
        [FromQuery(Name = "newLow")] bool? NewLow,
        [FromQuery(Name = "newSource")] bool? NewSource);

    public static async Task Subscribe(HttpContext http, [AsParameters] SubscribeQuery q,
        FeedPump pump, FeedReader reader, AlertFeed alerts, FeedFanOut fanOut, SseConnections connections, IOptions<FeedOptions> options, IOptions<SseLimits> limits)
    {
        var ct = http.RequestAborted;
        var errors = new FieldErrors();
        var filter = FeedFilter.Parse(q.Kind, q.Party, q.Measure, q.StatedBy, errors);
        var conditions = AlertFeed.Parse(q.Series, q.Party, q.Measure, q.MinChange, q.NewHigh, q.NewLow, q.NewSource, errors);
        var resumeFrom = http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } lastId ? ("Last-Event-ID", lastId) : ("after", q.After);
        long position = -1;
        // An alert's id is "sequence.ordinal": resume after that one of the event's changes.
        var resumeOrdinal = int.MaxValue;
        if (resumeFrom.Item2 is { Length: > 0 } text && !TryParsePosition(text, out position, out resumeOrdinal))
            errors.Add(resumeFrom.Item1, "must be a sequence (the id of the last event received)");
        var resuming = position >= 0;
        // Resuming inside one event's changes: read that event again, and skip those already sent.
        (long Sequence, int Ordinal)? skipThrough = resumeOrdinal != int.MaxValue ? (position, resumeOrdinal) : null;
        if (skipThrough is not null) position -= 1;
        // Every figure event an alert subscription resumes past is derived: how far back it may go is capped.
        if (!errors.Any && conditions is not null && resuming)
        {
            var latest = await pump.LatestAsync(ct);
            var cap = limits.Value.AlertResumeEvents;
            if (latest - position > cap)
                errors.Add(resumeFrom.Item1, $"is {latest - position} events behind the latest ({latest}); an alert subscription resumes at most {cap} events back. " +
                    $"Subscribe without it to hear what comes next, and read what changed meanwhile from /api/changes?knownFrom={position}");
        }
        if (errors.Any)
        {
            await Problems.Validation(errors).ExecuteAsync(http);
            return;
        }
        // Behind Pushpin (Feed/Pushpin): the engine holds the stream; this instance answers the catch-up and is done.
        if (conditions is null && http.RequestServices.GetService<Pushpin.GripHold>() is { } grip
            && await grip.TryAnswerAsync(http, filter!, resuming ? position : null, ct)) return;
        using var slot = connections.TryOpen(ClientAddress.Key(http.Connection.RemoteIpAddress));
        if (slot is null)
        {
            http.Response.Headers.RetryAfter = "10";
            await TypedResults.Problem("Too many live streams are open (from this address, or in all). Close one, or try again later.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many streams").ExecuteAsync(http);
            return;
        }
        // Without a resume point, start from what is recorded now (the shared pump may not have read it yet).
        if (!resuming) position = await pump.LatestAsync(ct);

        using var subscribed = pump.Subscribe();
        SseWriter.Prepare(http.Response);
        var sse = new SseWriter(http.Response);
        try
        {
            await sse.RetryAsync(Retry, ct);
            if (!resuming) await sse.IdAsync(position, ct);
            var heartbeat = options.Value.SseHeartbeat;
            // Plain subscriptions go through the shared fan-out; alert subscriptions derive per event below.
            if (conditions is null)
            {
                await LiveStream.ServeAsync(http, sse, filter!, position, heartbeat, pump, reader, fanOut, ct);
                return;
            }
            var lastWrite = Stopwatch.GetTimestamp();
            while (!ct.IsCancellationRequested)
            {
                // From memory when the shared feed still holds it; from the database when catching up from further back.
                var page = pump.TryReadAfter(position, 500) ?? await reader.ReadAfterAsync(position, 500, ct);
                var wrote = false;
                foreach (var e in page.Events)
                foreach (var change in await alerts.ChangesAsync(e, ct))
                {
                    if (skipThrough is { } skip && e.Sequence == skip.Sequence && change.Ordinal <= skip.Ordinal) continue;
                    if (!conditions.Matches(change)) continue;
                    await sse.FrameAsync(alerts.ToSseFrame(change), ct);
                    wrote = true;
                }
                if (wrote)
                {
                    await sse.FlushAsync(ct);
                    lastWrite = Stopwatch.GetTimestamp();
                }
                // Busy with other subscribers' events, this one may hear nothing for long: keep it alive all the same.
                if (Stopwatch.GetElapsedTime(lastWrite) >= heartbeat)
                {
                    await sse.CommentAsync("heartbeat", ct);
                    lastWrite = Stopwatch.GetTimestamp();
                }
                if (page.LastScanned > position)
                {
                    position = page.LastScanned;
                    continue;
                }
                var idle = heartbeat - Stopwatch.GetElapsedTime(lastWrite);
                await pump.WaitAsync(position, idle > TimeSpan.Zero ? idle : TimeSpan.Zero, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (IOException) when (ct.IsCancellationRequested) { }
    }

    // "123" (after event 123) or "123.1" (after the second change event 123 derived).
    static bool TryParsePosition(string text, out long sequence, out int ordinal)
    {
        ordinal = int.MaxValue;
        var dot = text.IndexOf('.');
        var seq = dot < 0 ? text : text[..dot];
        if (!long.TryParse(seq, NumberStyles.None, CultureInfo.InvariantCulture, out sequence)) return false;
        return dot < 0 || int.TryParse(text[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out ordinal);
    }
}

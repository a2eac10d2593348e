// GET /api/events (the paged catch-up log), GET /api/subscribe (live Server-Sent Events with
// resume) and GET /api/replay (statements in statedOn order, each with its series' estimate).
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Timeline.Estimates;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Feed;

public static class FeedEndpoints
{
    static readonly TimeSpan Retry = TimeSpan.FromSeconds(3);

    public static IServiceCollection AddFeeds(this IServiceCollection services)
    {
        services.AddSingleton<FeedReader>();
        services.AddSingleton<FeedPump>();
        services.AddHostedService(sp => sp.GetRequiredService<FeedPump>());
        return services;
    }

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Feeds");
        api.MapGet("/events", Events)
            .Produces<EventsPage>()
            .Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson")
            .ProducesValidationProblem()
            .WithSummary("Recorded events in global-sequence order as CloudEvents; page with nextAfter, or stream NDJSON");
        api.MapGet("/subscribe", Subscribe)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesValidationProblem()
            .WithSummary("Live Server-Sent Events (CloudEvents data); resume with Last-Event-ID or ?after=");
        api.MapGet("/replay", Replay)
            .Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesValidationProblem()
            .WithSummary("Statements in statedOn order, each with its series' estimate right after it");
        return app;
    }

    public sealed record EventsPage(IReadOnlyList<JsonElement> Items, long NextAfter);

    public static async Task<IResult> Events(HttpContext http, long? after, int? limit, string? kind, string? party,
        FeedReader reader, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var filter = FeedFilter.Parse(kind, party, null, null, errors);
        var take = limit ?? 100;
        if (take is < 1 or > 1000) errors.Add("limit", "must be between 1 and 1000");
        if (after < 0) errors.Add("after", "must be a sequence of 0 or more");
        if (errors.Any) return Problems.Validation(errors.ToDictionary(), "");

        var position = after ?? 0;
        if (Accepts(http, "application/x-ndjson"))
        {
            // Stream everything after the position, page by page, as it is read.
            http.Response.ContentType = "application/x-ndjson";
            while (true)
            {
                var page = await reader.ReadAfterAsync(position, 500, ct);
                foreach (var e in page.Events.Where(e => e.Matches(filter!)))
                {
                    await http.Response.Body.WriteAsync(e.ToJson(), ct);
                    await http.Response.Body.WriteAsync("\n"u8.ToArray(), ct);
                }
                await http.Response.Body.FlushAsync(ct);
                if (page.LastScanned == position) return Results.Empty;
                position = page.LastScanned;
            }
        }

        var items = new List<JsonElement>();
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

    public static async Task Subscribe(HttpContext http, string? kind, string? party, string? measure, string? statedBy, string? after,
        FeedPump pump, FeedReader reader, IOptions<Hosting.TimelineOptions> options)
    {
        var ct = http.RequestAborted;
        var errors = new FieldErrors();
        var filter = FeedFilter.Parse(kind, party, measure, statedBy, errors);
        var resumeFrom = http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } lastId ? ("Last-Event-ID", lastId) : ("after", after);
        long position = -1;
        if (resumeFrom.Item2 is { Length: > 0 } text && !(long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out position)))
            errors.Add(resumeFrom.Item1, "must be a sequence (the id of the last event received)");
        if (errors.Any)
        {
            await Problems.Validation(errors.ToDictionary(), "").ExecuteAsync(http);
            return;
        }
        // Without a resume point, start from what is recorded now (the shared pump may not have read it yet).
        if (position < 0) position = await reader.HighWaterMarkAsync(ct);

        using var subscribed = pump.Subscribe();
        SseWriter.Prepare(http.Response);
        var sse = new SseWriter(http.Response);
        try
        {
            await sse.RetryAsync(Retry, ct);
            var heartbeat = options.Value.SseHeartbeat;
            var lastWrite = Stopwatch.GetTimestamp();
            while (!ct.IsCancellationRequested)
            {
                // From memory when the shared feed still holds it; from the database when catching up from further back.
                var page = pump.TryReadAfter(position, 500) ?? await reader.ReadAfterAsync(position, 500, ct);
                var wrote = false;
                foreach (var e in page.Events.Where(e => e.Matches(filter!)))
                {
                    await sse.FrameAsync(e.ToSseFrame(), ct);
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

    public sealed record ReplayItem(DateOnly StatedOn, string Change, long Sequence, Statement Statement, string? SeriesId, SeriesEstimate? Estimate);

    public static async Task Replay(HttpContext http, string? from, string? to, string? party, string? measure,
        FactStore facts, Marten.IQuerySession session, IOptions<JsonOptions> json)
    {
        var ct = http.RequestAborted;
        var errors = new FieldErrors();
        var anyDay = DateOnly.MaxValue.AddDays(-1);
        var fromDate = StatementValidation.ParseDate(from, "from", anyDay, errors, required: false);
        var toDate = StatementValidation.ParseDate(to, "to", anyDay, errors, required: false);
        if (fromDate > toDate) errors.Add("from", "must not be after to");
        var filter = FeedFilter.Parse(null, party, measure, null, errors);
        if (errors.Any)
        {
            await Problems.Validation(errors.ToDictionary(), "").ExecuteAsync(http);
            return;
        }

        var basis = await facts.CurrentBasisAsync(ct);
        var all = await facts.ForFilterAsync(new SeriesFilter(filter!.Party, null, filter.Measure), basis, ct);
        var statements = (await session.LoadManyAsync<Statement>(ct, all.Select(f => f.StatementId).Distinct().ToArray())).ToDictionary(s => s.Id);
        if (filter.Measure is null)
        {
            // Statements without figures (positions, negotiation days) replay too, unless a measure narrows it to figures.
            var others = await session.Query<Statement>().Where(s => s.Kind != StatementKind.Figure).ToListAsync(ct);
            foreach (var s in others.Where(s => filter.Party is null || s.Parties.Contains(filter.Party))) statements[s.Id] = s;
        }

        // Every change in statedOn order (ties: recording order); a figure's carries its series' estimate just after it.
        var changes = all.Select(f => (f.StatedOn, f.Seq, Fact: (Fact?)f, f.StatementId, Change: Vocabulary.Name(f.Change)))
            .Concat(statements.Values.Where(s => s.Kind != StatementKind.Figure)
                .Select(s => (s.StatedOn, Seq: s.Sequence, Fact: (Fact?)null, StatementId: s.Id, Change: "reported")))
            .OrderBy(c => c.StatedOn).ThenBy(c => c.Seq)
            .ToList();

        var sse = Accepts(http, "text/event-stream");
        if (sse) SseWriter.Prepare(http.Response); else http.Response.ContentType = "application/x-ndjson";
        var writer = new SseWriter(http.Response);
        var factsSoFar = new Dictionary<Guid, List<Fact>>();        // per statement, in replay order
        var seriesMembers = new Dictionary<string, HashSet<Guid>>(); // statements that were ever in a series
        var seriesOf = new Dictionary<Guid, string>();               // the series a statement's latest figure is in
        foreach (var change in changes)
        {
            SeriesEstimate? estimate = null;
            string? seriesId = null;
            if (change.Fact is { } fact)
            {
                if (!factsSoFar.TryGetValue(fact.StatementId, out var own)) factsSoFar[fact.StatementId] = own = [];
                own.Add(fact);
                if (fact.Series is { } series)
                {
                    seriesOf[fact.StatementId] = series.Id;
                    if (!seriesMembers.TryGetValue(series.Id, out var members)) seriesMembers[series.Id] = members = [];
                    members.Add(fact.StatementId);
                }
                if (seriesOf.TryGetValue(fact.StatementId, out var affected))
                {
                    seriesId = affected;
                    estimate = EstimateCalculator.Estimates(seriesMembers[affected].SelectMany(id => factsSoFar[id]), change.StatedOn, long.MaxValue)
                        .FirstOrDefault(e => e.Id == affected);
                }
            }
            if ((fromDate is not null && change.StatedOn < fromDate) || (toDate is not null && change.StatedOn > toDate)) continue;
            if (filter.Measure is not null && change.Fact?.Series is { } s && s.Measure != filter.Measure) continue;
            if (!statements.TryGetValue(change.StatementId, out var statement)) continue;
            var item = JsonSerializer.SerializeToUtf8Bytes(new ReplayItem(change.StatedOn, change.Change, change.Seq, statement, seriesId, estimate), json.Value.SerializerOptions);
            if (sse) await writer.EventAsync(change.Seq, "replay", item, ct);
            else
            {
                await http.Response.Body.WriteAsync(item, ct);
                await http.Response.Body.WriteAsync("\n"u8.ToArray(), ct);
            }
        }
        await http.Response.Body.FlushAsync(ct);
    }

    static bool Accepts(HttpContext http, string mediaType) =>
        http.Request.Headers.Accept.Any(a => a is not null && a.Contains(mediaType, StringComparison.OrdinalIgnoreCase));
}

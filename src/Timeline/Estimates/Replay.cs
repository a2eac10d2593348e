// GET /api/replay: the war's statements played back in the order they were made (statedOn), each
// figure followed by its series' estimate right after it. Answered a page at a time (limit ≤
// 1000, a cursor that carries the basis, so every page is of the same log): a page reads its own
// changes, and the figures standing in the series it touches at its start (ReplayState), then
// moves them forward change by change — a page costs its own changes, however long the log before it.
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Estimates;

public sealed record ReplayItem(DateOnly StatedOn, string Change, long Sequence, Statement Statement, string? SeriesId, SeriesEstimate? Estimate);

public static class Replay
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 1000;
    // Where a page ends, and the basis every page of the replay is read at.
    const string List = "replay";

    public static async Task Play(HttpContext http, string? from, string? to, string? party, string? measure, string? cursor, int? limit,
        [FromKeyedServices(ReadsFromReplica.Key)] FactStore facts, IQuerySession session, IOptions<JsonOptions> json)
    {
        var ct = http.RequestAborted;
        var errors = new FieldErrors();
        var (fromDate, toDate) = Fields.DateRange(from, to, errors);
        if (party is { Length: > 40 }) errors.Add("party", "must be at most 40 characters");
        var filter = new SeriesFilter(string.IsNullOrWhiteSpace(party) ? null : party.Trim().ToLowerInvariant(), null,
            Fields.Enum<Measure>(measure, "measure", errors));
        var take = Fields.Limit(limit, DefaultLimit, MaxLimit, errors);
        var position = PageCursor.Read<StatedPlace>(cursor, List, errors, withBasis: true);
        if (errors.Any)
        {
            await Problems.Validation(errors).ExecuteAsync(http);
            return;
        }

        var basis = position?.Basis ?? await facts.CurrentBasisAsync(ct);
        // After the cursor's place; else from the first statement of `from` on; else from the start.
        var after = position is { After: var at } ? (at.StatedOn, at.Sequence)
            : fromDate is { } first ? (first.AddDays(-1), long.MaxValue)
            : (DateOnly.MinValue, 0L);

        // The page: figure facts and (unless a measure narrows it to figures) the other statements, merged in statedOn order.
        var figureFacts = await facts.ReplayPageAsync(filter, basis, after, toDate, take + 1, ct);
        var others = filter.Measure is not null ? [] : await OtherKinds.AfterAsync(session, filter.Party, basis, after, toDate, take + 1, ct);
        var changes = figureFacts.Select(f => (f.StatedOn, f.Seq, Fact: (Fact?)f, f.StatementId, Change: Vocabulary.Name(f.Change)))
            .Concat(others.Select(s => (s.StatedOn, Seq: s.Sequence, Fact: (Fact?)null, StatementId: s.Id, Change: "reported")))
            .OrderBy(c => c.StatedOn).ThenBy(c => c.Seq)
            .ToList();
        var more = changes.Count > take;
        if (more) changes = changes.Take(take).ToList();

        var estimates = await EstimatesAsync(changes.Where(c => c.Fact is not null).Select(c => c.Fact!).ToList(), facts, basis, after, ct);
        var statements = (await session.LoadManyAsync<Statement>(ct, changes.Select(c => c.StatementId).Distinct().ToArray())).ToDictionary(s => s.Id);
        foreach (var s in others) statements.TryAdd(s.Id, s);

        if (more)
        {
            var next = PageCursor.Encode(List, basis, new StatedPlace(changes[^1].StatedOn, changes[^1].Seq));
            http.Response.Headers["X-Next-Cursor"] = next;
            var query = QueryString.Create(http.Request.Query.Where(q => q.Key != "cursor").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v))))
                .Add("cursor", next);
            http.Response.Headers.Link = $"<{http.Request.Path}{query}>; rel=\"next\"";
        }
        var sse = http.Request.Accepts("text/event-stream");
        if (sse) SseWriter.Prepare(http.Response); else http.Response.ContentType = "application/x-ndjson";
        var writer = new SseWriter(http.Response);
        foreach (var change in changes)
        {
            if (!statements.TryGetValue(change.StatementId, out var statement)) continue;
            var (seriesId, estimate) = change.Fact is { } f && estimates.TryGetValue(f.EventId, out var e) ? e : (null, null);
            if (filter.Measure is not null && change.Fact?.Series is { } s && s.Measure != filter.Measure) continue;
            var item = JsonSerializer.SerializeToUtf8Bytes(new ReplayItem(change.StatedOn, change.Change, change.Seq, statement, seriesId, estimate), json.Value.SerializerOptions);
            if (sse) await writer.EventAsync(change.Seq, "replay", item, ct);
            else
            {
                await http.Response.Body.WriteAsync(item, ct);
                await http.Response.Body.WriteAsync("\n"u8.ToArray(), ct);
            }
        }
        if (sse && more) await writer.EventAsync((string?)null, "next", JsonSerializer.SerializeToUtf8Bytes(new { cursor = http.Response.Headers["X-Next-Cursor"].ToString() }), ct);
        await http.Response.Body.FlushAsync(ct);
    }

    // For each figure fact of the page, the series it bears on and that series' estimate just after it: the
    // series the page touches are taken as they stand at the page's start and moved forward fact by fact.
    static async Task<Dictionary<Guid, (string SeriesId, SeriesEstimate? Estimate)>> EstimatesAsync(
        List<Fact> page, FactStore facts, long basis, (DateOnly, long) after, CancellationToken ct)
    {
        var answers = new Dictionary<Guid, (string, SeriesEstimate?)>();
        if (page.Count == 0) return answers;
        // The facts of the page's retracted statements, all in one query (it was one per retraction): a retraction carries
        // no series, and bears on the one its statement's figure was in just before it.
        var revisions = page.Where(f => f.Series is null).ToList();
        var history = revisions.Count == 0 ? [] : await facts.ForStatementsAsync(revisions.Select(f => f.StatementId).Distinct().ToArray(), basis, ct);
        var ofStatement = history.ToLookup(f => f.StatementId);
        // The series a statement's figure was in just before a fact of it.
        string? SeriesBefore(Fact r) => ofStatement[r.StatementId]
            .Where(f => f.Series is not null && (f.StatedOn, f.Seq).CompareTo((r.StatedOn, r.Seq)) < 0)
            .MaxBy(f => (f.StatedOn, f.Seq))?.Series?.Id;
        var wasIn = new Dictionary<Guid, string>();
        foreach (var retraction in revisions)
            if (SeriesBefore(retraction) is { } was) wasIn[retraction.EventId] = was;

        var state = await ReplayState.StartAsync(facts, page.Where(f => f.Series is not null).Select(f => f.Series!.Id).Concat(wasIn.Values), basis, after, ct);
        foreach (var fact in page)
        {
            await state.ApplyAsync(fact, ct);
            if ((fact.Series?.Id ?? wasIn.GetValueOrDefault(fact.EventId)) is { } seriesId)
                answers[fact.EventId] = (seriesId, state.Estimate(seriesId));
        }
        return answers;
    }
}

// GET /api/replay: the war's statements played back in the order they were made (statedOn),
// each figure followed by its series' estimate right after it.
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Estimates;

public static class Replay
{
    public sealed record ReplayItem(DateOnly StatedOn, string Change, long Sequence, Statement Statement, string? SeriesId, SeriesEstimate? Estimate);

    public static async Task Play(HttpContext http, string? from, string? to, string? party, string? measure,
        FactStore facts, Marten.IQuerySession session, IOptions<JsonOptions> json)
    {
        var ct = http.RequestAborted;
        var errors = new FieldErrors();
        var (fromDate, toDate) = Fields.DateRange(from, to, errors);
        if (party is { Length: > 40 }) errors.Add("party", "must be at most 40 characters");
        var filter = new SeriesFilter(string.IsNullOrWhiteSpace(party) ? null : party.Trim().ToLowerInvariant(), null,
            Fields.Enum<Measure>(measure, "measure", errors));
        if (errors.Any)
        {
            await Problems.Validation(errors.ToDictionary(), "").ExecuteAsync(http);
            return;
        }

        var basis = await facts.CurrentBasisAsync(ct);
        var all = await facts.ForFilterAsync(filter, basis, ct);
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

        var sse = http.Request.Accepts("text/event-stream");
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

}

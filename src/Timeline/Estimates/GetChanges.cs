// GET /api/changes, /api/changes.csv and /api/estimates/{seriesId}/changes: what changed between
// two dates and because of whom. For each series whose estimate differs between `from` and `to`
// (statedOn dates, as known at one basis): the estimate at each end, the difference, and the
// statements that moved it, each with what it did. Or, with knownFrom/knownTo, what Timeline
// learned between two moments: the same comparison on the other time axis.
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Estimates;

public sealed record ChangedStatement(
    Guid StatementId, DateOnly StatedOn, string StatedBy, Change Change, Effect Effect, string Explanation,
    string Quote, Source Source, long Sequence,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] FigureEntry? Before,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] FigureEntry? After);

public sealed record SourceChange(
    string StatedBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] FigureEntry? Before,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] FigureEntry? After,
    AmountChange? Change);

public sealed record SeriesChange(
    string Id, string Label, string Party, Group Group, Measure Measure, SeriesPeriod Period, bool Changed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] SeriesEstimate? Before,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] SeriesEstimate? After,
    AmountChange? Latest, RangeChange? Range, IReadOnlyList<SourceChange> BySource,
    IReadOnlyList<ChangedStatement> Statements,
    /// <summary>Where the rest of the statements are, when more moved the series than the answer lists.</summary>
    string? More);

public sealed record ChangesAnswer(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? From,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? To,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? AsOf,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? KnownFrom,
    long Basis,
    IReadOnlyList<SeriesChange> Series);

public static class GetChanges
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static async Task<Results<Ok<ChangesAnswer>, ValidationProblem>> All(string? from, string? to, string? knownAt, string? knownFrom, string? knownTo,
        string? asOf, string? series, string? party, string? group, string? measure, bool? all, int? limit, [FromKeyedServices(ReadsFromReplica.Key)] FactStore facts, TimeProvider clock, CancellationToken ct)
    {
        var (answer, problem) = await AnswerAsync(from, to, knownAt, knownFrom, knownTo, asOf, series, party, group, measure, all ?? false, limit, facts, clock, ct);
        return problem is not null ? problem : TypedResults.Ok(answer!);
    }

    public static async Task<Results<Ok<ChangesAnswer>, ValidationProblem, ProblemHttpResult>> OneSeries(string seriesId, string? from, string? to, string? knownAt,
        string? knownFrom, string? knownTo, string? asOf, int? limit, [FromKeyedServices(ReadsFromReplica.Key)] FactStore facts, TimeProvider clock, CancellationToken ct)
    {
        if (!await facts.SeriesExistsAsync(seriesId, ct)) return Problems.NotFound($"There is no series '{seriesId}'. GET /api/estimates lists them.");
        var (answer, problem) = await AnswerAsync(from, to, knownAt, knownFrom, knownTo, asOf, seriesId, null, null, null, all: true, limit, facts, clock, ct);
        return problem is not null ? problem : TypedResults.Ok(answer!);
    }

    public static async Task<Results<ContentHttpResult, ValidationProblem>> Csv(string? from, string? to, string? knownAt, string? knownFrom, string? knownTo,
        string? asOf, string? series, string? party, string? group, string? measure, bool? all, int? limit, [FromKeyedServices(ReadsFromReplica.Key)] FactStore facts, TimeProvider clock, CancellationToken ct)
    {
        var (answer, problem) = await AnswerAsync(from, to, knownAt, knownFrom, knownTo, asOf, series, party, group, measure, all ?? false, limit, facts, clock, ct);
        if (problem is not null) return problem;
        var csv = new StringBuilder();
        csv.AppendLine(CsvField.Header("basis,series_id,series_label,row,stated_by,before,after,absolute,relative,effect,explanation,stated_on,statement_id,quote,source_title,source_url"));
        var basis = answer!.Basis.ToString(CultureInfo.InvariantCulture);
        foreach (var s in answer.Series)
        {
            csv.AppendLine(Row(basis, s.Id, s.Label, "latest", s.After?.Latest.StatedBy ?? s.Before?.Latest.StatedBy ?? "",
                s.Before?.Latest, s.After?.Latest, s.Latest, "", "", null));
            foreach (var source in s.BySource.Where(b => b.Before != b.After))
                csv.AppendLine(Row(basis, s.Id, s.Label, "source", source.StatedBy, source.Before, source.After, source.Change, "", "", null));
            foreach (var st in s.Statements)
                csv.AppendLine(Row(basis, s.Id, s.Label, "statement", st.StatedBy, st.Before, st.After, ChangeExplanation.Compare(st.Before, st.After),
                    Vocabulary.Name(st.Effect), st.Explanation, st));
        }
        return TypedResults.Text(csv.ToString(), "text/csv; charset=utf-8");
    }

    static string Row(string basis, string id, string label, string row, string statedBy, FigureEntry? before, FigureEntry? after, AmountChange? change,
        string effect, string explanation, ChangedStatement? st)
    {
        var delta = change?.Value ?? change?.High;
        return string.Join(',', new[]
        {
            basis, id, label, row, statedBy, before is null ? "" : ChangeExplanation.Describe(before), after is null ? "" : ChangeExplanation.Describe(after),
            delta?.Absolute.ToString(CultureInfo.InvariantCulture) ?? "", delta?.Relative?.ToString(CultureInfo.InvariantCulture) ?? "",
            effect, explanation, st?.StatedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", st?.StatementId.ToString() ?? "",
            st?.Quote ?? "", st?.Source.Title ?? "", st?.Source.Url ?? "",
        }.Select(CsvField.Escape));
    }

    static async Task<(ChangesAnswer? Answer, ValidationProblem? Problem)> AnswerAsync(string? from, string? to, string? knownAt, string? knownFrom, string? knownTo,
        string? asOf, string? series, string? party, string? group, string? measure, bool all, int? limit, FactStore facts, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var take = Fields.Limit(limit, DefaultLimit, MaxLimit, errors);
        var filter = GetEstimates.Filter(party, group, measure, errors);
        var wanted = GetEstimates.SeriesIds(series, errors);
        var learned = knownFrom is not null || knownTo is not null;
        if (learned && (from is not null || to is not null)) errors.Add("knownFrom", "compare two dates (from, to) or two moments (knownFrom, knownTo), not both");
        if (learned && knownAt is not null) errors.Add("knownAt", "with knownFrom and knownTo, the moments compared are those two");
        if (!learned && asOf is not null) errors.Add("asOf", "asOf goes with knownFrom and knownTo; between two dates, use from and to");
        if (errors.Any) return (null, Problems.Validation(errors.ToDictionary(), ""));

        if (learned) return await LearnedAsync(knownFrom, knownTo, asOf, wanted, filter!, all, take, facts, clock, ct);

        var fromDate = Fields.Date(from, "from", errors, required: true);
        var toDate = to is null ? clock.Today() : Fields.Date(to, "to", errors, required: true);
        if (fromDate > toDate) errors.Add("from", "must be on or before to");
        var axes = await GetEstimates.ResolveAsync(null, knownAt, facts, clock, errors, ct);
        if (errors.Any) return (null, Problems.Validation(errors.ToDictionary(), ""));
        var basis = axes!.Basis!.Value;

        var ids = await IdsAsync(wanted, filter!, facts, ct);
        if (ids is null) return (null, Problems.Validation("series", "names a series there is none of; GET /api/estimates lists them"));
        var before = Index(await facts.StandingAsync(ids, fromDate!.Value, basis, ct));
        var after = Index(await facts.StandingAsync(ids, toDate!.Value, basis, ct));

        var changes = new List<SeriesChange>();
        foreach (var id in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var (b, a) = (before.GetValueOrDefault(id), after.GetValueOrDefault(id));
            var changed = !EstimateCalculator.SameEstimate(b, a);
            if (!changed && !all) continue;
            var (statements, more) = changed
                ? await StatementsAsync(facts, id, basis, fromDate.Value, toDate.Value, take, ct)
                : ([], false);
            changes.Add(Describe(id, b, a, changed, statements,
                more ? $"/api/estimates/{Uri.EscapeDataString(id)}/history?from={fromDate.Value.AddDays(1):yyyy-MM-dd}&to={toDate:yyyy-MM-dd}&knownAt={basis}" : null));
        }
        return (new ChangesAnswer(fromDate, toDate, null, null, basis, changes), null);
    }

    /// <summary>What was learned between two moments: the estimates as of one date, known at each, and the facts recorded in between.</summary>
    static async Task<(ChangesAnswer? Answer, ValidationProblem? Problem)> LearnedAsync(string? knownFrom, string? knownTo, string? asOf,
        string[]? wanted, SeriesFilter filter, bool all, int take, FactStore facts, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (knownFrom is null) errors.Add("knownFrom", "is required with knownTo: an RFC 3339 instant or a basis");
        var start = knownFrom is null ? null : await ResolveAsync("knownFrom", asOf, knownFrom, errors, facts, clock, ct);
        var end = await ResolveAsync("knownTo", asOf, knownTo, errors, facts, clock, ct);
        if (start?.Basis > end?.Basis) errors.Add("knownFrom", "must be at or before knownTo");
        if (errors.Any) return (null, Problems.Validation(errors.ToDictionary(), ""));
        var (basisFrom, basisTo) = (start!.Basis!.Value, end!.Basis!.Value);

        var ids = await IdsAsync(wanted, filter, facts, ct);
        if (ids is null) return (null, Problems.Validation("series", "names a series there is none of; GET /api/estimates lists them"));
        var before = Index(await facts.StandingAsync(ids, end.AsOf, basisFrom, ct));
        var after = Index(await facts.StandingAsync(ids, end.AsOf, basisTo, ct));
        var changes = new List<SeriesChange>();
        foreach (var id in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var (b, a) = (before.GetValueOrDefault(id), after.GetValueOrDefault(id));
            var changed = !EstimateCalculator.SameEstimate(b, a);
            if (!changed && !all) continue;
            var recorded = await facts.LearnedAsync(id, basisFrom, basisTo, end.AsOf, take + 1, ct);
            var listed = recorded.Take(take).Select(f => Learned(f, id, b, a)).ToList();
            changes.Add(Describe(id, b, a, changed, listed,
                recorded.Count > take ? $"/api/changes?series={Uri.EscapeDataString(id)}&asOf={end.AsOf:yyyy-MM-dd}&knownFrom={recorded[take - 1].Seq}&knownTo={basisTo}&all=true" : null));
        }
        return (new ChangesAnswer(null, null, end.AsOf, basisFrom, basisTo, changes), null);
    }

    /// <summary>A moment (instant or basis) read by the rules of knownAt, its errors named by its own field.</summary>
    static async Task<Axes?> ResolveAsync(string field, string? asOf, string? known, FieldErrors errors, FactStore facts, TimeProvider clock, CancellationToken ct)
    {
        var own = new FieldErrors();
        var axes = await GetEstimates.ResolveAsync(asOf, known, facts, clock, own, ct);
        foreach (var (key, messages) in own.ToDictionary())
            if (!errors.ToDictionary().ContainsKey(key == "knownAt" ? field : key))
                foreach (var m in messages) errors.Add(key == "knownAt" ? field : key, m);
        return axes;
    }

    /// <summary>A fact learned between two moments, with its source's figure as known before and after them.</summary>
    static ChangedStatement Learned(Fact f, string seriesId, SeriesEstimate? before, SeriesEstimate? after)
    {
        var was = before?.BySource.FirstOrDefault(e => e.SourceKey == f.SourceKey);
        var now = after?.BySource.FirstOrDefault(e => e.SourceKey == f.SourceKey);
        var (effect, explanation) = ChangeExplanation.Explain(f, seriesId, was, now);
        return new ChangedStatement(f.StatementId, f.StatedOn, f.StatedBy, f.Change, effect, explanation, f.Quote, f.Source, f.Seq, was, now);
    }

    static async Task<string[]?> IdsAsync(string[]? wanted, SeriesFilter filter, FactStore facts, CancellationToken ct)
    {
        var catalog = await facts.SeriesAsync(wanted, ct);
        if (wanted is not null && wanted.Except(catalog.Select(k => k.SeriesId)).Any()) return null;
        return catalog.Where(k => k.Matches(filter)).Select(k => k.SeriesId).ToArray();
    }

    static Dictionary<string, SeriesEstimate> Index((long Basis, IReadOnlyList<(Fact Fact, long ReportSeq)> Standing) standing) =>
        EstimateCalculator.Estimates(standing.Standing).ToDictionary(e => e.Id);

    /// <summary>
    /// The facts stated after `from` through `to` that moved the series' estimate, each with its
    /// source's figure just before and after it: replayed from the figures standing at `from`.
    /// </summary>
    static async Task<(List<ChangedStatement> Listed, bool More)> StatementsAsync(FactStore facts, string id, long basis, DateOnly from, DateOnly to,
        int take, CancellationToken ct)
    {
        var at = (from, long.MaxValue);
        var state = await ReplayState.StartAsync(facts, [id], basis, at, ct);
        var listed = new List<ChangedStatement>();
        while (true)
        {
            var (_, page) = await facts.HistoryPageAsync(id, basis, at, to, GetEstimates.HistoryPage, ct);
            foreach (var f in page)
            {
                var estimateBefore = state.Estimate(id);
                var was = state.SourceFigure(id, f.SourceKey);
                await state.ApplyAsync(f, ct);
                if (EstimateCalculator.SameEstimate(estimateBefore, state.Estimate(id))) continue;
                if (listed.Count == take) return (listed, true);
                var now = state.SourceFigure(id, f.SourceKey);
                var (effect, explanation) = ChangeExplanation.Explain(f, id, was, now);
                listed.Add(new ChangedStatement(f.StatementId, f.StatedOn, f.StatedBy, f.Change, effect, explanation, f.Quote, f.Source, f.Seq, was, now));
            }
            if (page.Count < GetEstimates.HistoryPage) return (listed, false);
            at = (page[^1].StatedOn, page[^1].Seq);
        }
    }

    static SeriesChange Describe(string id, SeriesEstimate? before, SeriesEstimate? after, bool changed, IReadOnlyList<ChangedStatement> statements, string? more)
    {
        var any = (after ?? before)!;
        var sources = (before?.BySource ?? []).Select(e => e.SourceKey).Union((after?.BySource ?? []).Select(e => e.SourceKey))
            .Select(key => (Before: before?.BySource.FirstOrDefault(e => e.SourceKey == key), After: after?.BySource.FirstOrDefault(e => e.SourceKey == key)))
            .Select(p => new SourceChange((p.After ?? p.Before)!.StatedBy, p.Before, p.After, ChangeExplanation.Compare(p.Before, p.After)))
            .OrderBy(s => s.StatedBy, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.StatedBy, StringComparer.Ordinal)
            .ToList();
        return new SeriesChange(any.Id, any.Label, any.Party, any.Group, any.Measure, any.Period, changed, before, after,
            ChangeExplanation.Compare(before?.Latest, after?.Latest), ChangeExplanation.Compare(before?.Range, after?.Range), sources, statements, more);
    }
}

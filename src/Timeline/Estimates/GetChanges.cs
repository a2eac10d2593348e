// GET /api/changes, /api/changes.csv and /api/estimates/{seriesId}/changes: what changed between
// two dates and because of whom. For each series whose estimate differs between `from` and `to`
// (statedOn dates, as known at one basis): the estimate at each end, the difference, and the
// statements that moved it, each with what it did. Or, with knownFrom/knownTo, what Timeline
// learned between two moments: the same comparison on the other time axis.
using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Estimates;

public sealed record ChangedStatement(
    Guid StatementId, DateOnly StatedOn, string StatedBy, Change Change, Effect Effect, string Explanation,
    string Quote, Source Source, long Sequence,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] FigureEntry? Before,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] FigureEntry? After)
{
    // A fact that moved a series' estimate, explained by its source's figure there before and after it.
    public static ChangedStatement Of(Fact f, string seriesId, FigureEntry? was, FigureEntry? now)
    {
        var (effect, explanation) = ChangeExplanation.Explain(f, seriesId, was, now);
        return new ChangedStatement(f.StatementId, f.StatedOn, f.StatedBy, f.Change, effect, explanation, f.Quote, f.Source, f.Seq, was, now);
    }
}

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
    // Where the rest of the statements are, when more moved the series than the answer lists.
    string? More);

public sealed record ChangesAnswer(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? From,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? To,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? AsOf,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? KnownFrom,
    long Basis,
    IReadOnlyList<SeriesChange> Series)
{
    // Where the next page of series starts (send it as `cursor`); absent on the last page.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NextCursor { get; init; }
}

// The query of /api/changes and /api/changes.csv: two dates (from, to) at one knownAt, or two moments
// (knownFrom, knownTo) as of one date; the series by id or filter, all of them or only those that changed.
// Named in camelCase as the query writes them (and OpenAPI shows them).
public sealed record ChangesQuery(
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "knownAt")] string? KnownAt,
    [FromQuery(Name = "knownFrom")] string? KnownFrom,
    [FromQuery(Name = "knownTo")] string? KnownTo,
    [FromQuery(Name = "asOf")] string? AsOf,
    [FromQuery(Name = "series")] string? Series,
    [FromQuery(Name = "party")] string? Party,
    [FromQuery(Name = "group")] string? Group,
    [FromQuery(Name = "measure")] string? Measure,
    [FromQuery(Name = "all")] bool? All,
    [FromQuery(Name = "limit")] int? Limit,
    [FromQuery(Name = "cursor")] string? Cursor);

public static class GetChanges
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    // What one page may list: at most this many series, and no more series than keep the statements listed
    // (limit per series) within StatementBudget. limit=100: 100 series; limit=1000: 10.
    public const int MaxSeriesPerPage = 100;
    public const int StatementBudget = 10_000;
    // How many series a page may look at to find changed ones: past it, a short page with a cursor.
    public const int MaxSeriesExamined = 2_000;

    const string List = "changes";

    public static int SeriesPerPage(int limit) => Math.Clamp(StatementBudget / limit, 1, MaxSeriesPerPage);

    public static async Task<Results<Ok<ChangesAnswer>, ValidationProblem>> All([AsParameters] ChangesQuery query,
        [FromKeyedServices(ReadsFromReplica.Key)] FactStore facts, TimeProvider clock, CancellationToken ct)
    {
        var (page, problem) = await PageAsync(query, facts, clock, ct);
        if (problem is not null) return problem;
        var changes = new List<SeriesChange>();
        await foreach (var change in page!.ChangesAsync(ct)) changes.Add(change);
        return TypedResults.Ok(page.Answer(changes));
    }

    public static async Task<Results<Ok<ChangesAnswer>, ValidationProblem, ProblemHttpResult>> OneSeries(string seriesId, string? from, string? to, string? knownAt,
        string? knownFrom, string? knownTo, string? asOf, int? limit, [FromKeyedServices(ReadsFromReplica.Key)] FactStore facts, TimeProvider clock, CancellationToken ct)
    {
        if (!await facts.SeriesExistsAsync(seriesId, ct)) return Problems.NotFound($"There is no series '{seriesId}'. GET /api/estimates lists them.");
        var (page, problem) = await PageAsync(new ChangesQuery(from, to, knownAt, knownFrom, knownTo, asOf, seriesId, null, null, null, All: true, limit, null), facts, clock, ct);
        if (problem is not null) return problem;
        var changes = new List<SeriesChange>();
        await foreach (var change in page!.ChangesAsync(ct)) changes.Add(change);
        return TypedResults.Ok(page.Answer(changes));
    }

    public static async Task<Results<CsvRows, ValidationProblem>> Csv(HttpContext http, [AsParameters] ChangesQuery query,
        [FromKeyedServices(ReadsFromReplica.Key)] FactStore facts, TimeProvider clock, CancellationToken ct)
    {
        var (page, problem) = await PageAsync(query, facts, clock, ct);
        if (problem is not null) return problem;
        // The page's series are known before its statements are worked out: the next page can be named up front.
        if (page!.NextCursor is { } next) http.Response.Headers.Link = CsvRows.NextLink(http.Request, next);
        return new CsvRows("basis,series_id,series_label,row,stated_by,before,after,absolute,relative,effect,explanation,stated_on,statement_id,quote,source_title,source_url",
            Rows(page, ct));
    }

    // Each series' rows as soon as its statements are worked out: the answer is never held whole.
    static async IAsyncEnumerable<string> Rows(ChangesPage page, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var basis = page.Basis.ToString(CultureInfo.InvariantCulture);
        await foreach (var s in page.ChangesAsync(ct))
        {
            yield return Row(basis, s.Id, s.Label, "latest", s.After?.Latest.StatedBy ?? s.Before?.Latest.StatedBy ?? "",
                s.Before?.Latest, s.After?.Latest, s.Latest, "", "", null);
            foreach (var source in s.BySource.Where(b => b.Before != b.After))
                yield return Row(basis, s.Id, s.Label, "source", source.StatedBy, source.Before, source.After, source.Change, "", "", null);
            foreach (var st in s.Statements)
                yield return Row(basis, s.Id, s.Label, "statement", st.StatedBy, st.Before, st.After, ChangeExplanation.Compare(st.Before, st.After),
                    Vocabulary.Name(st.Effect), st.Explanation, st);
        }
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

    // The series a page lists, with each one's estimate at both ends; their statements are read as the page is written.
    sealed record ChangesPage(ChangesAnswer Header, IReadOnlyList<(string Id, SeriesEstimate? Before, SeriesEstimate? After, bool Changed)> Series,
        string? NextCursor, Func<IReadOnlyList<(string Id, SeriesEstimate? Before, SeriesEstimate? After, bool Changed)>, CancellationToken, IAsyncEnumerable<SeriesChange>> Describe)
    {
        public long Basis => Header.Basis;
        public IAsyncEnumerable<SeriesChange> ChangesAsync(CancellationToken ct) => Describe(Series, ct);
        public ChangesAnswer Answer(IReadOnlyList<SeriesChange> changes) => Header with { Series = changes, NextCursor = NextCursor };
    }

    static async Task<(ChangesPage? Page, ValidationProblem? Problem)> PageAsync(ChangesQuery query, FactStore facts, TimeProvider clock, CancellationToken ct)
    {
        var (from, to, knownAt, knownFrom, knownTo, asOf, series, party, group, measure, _, limit, cursor) = query;
        var all = query.All ?? false;
        var errors = new FieldErrors();
        var take = Fields.Limit(limit, DefaultLimit, MaxLimit, errors);
        var filter = GetEstimates.Filter(party, group, measure, errors);
        var wanted = GetEstimates.SeriesIds(series, errors);
        // A page of series' place: the basis every page is read at, and the last series id listed (or looked at).
        var position = PageCursor.Read<string>(cursor, List, errors, after => after.Length > 0, withBasis: true) is { } read
            ? (read.Basis!.Value, read.After) : ((long Basis, string After)?)null;
        var learned = knownFrom is not null || knownTo is not null;
        if (learned && (from is not null || to is not null)) errors.Add("knownFrom", "compare two dates (from, to) or two moments (knownFrom, knownTo), not both");
        if (learned && knownAt is not null) errors.Add("knownAt", "with knownFrom and knownTo, the moments compared are those two");
        if (!learned && asOf is not null) errors.Add("asOf", "asOf goes with knownFrom and knownTo; between two dates, use from and to");
        if (errors.Any) return (null, Problems.Validation(errors));

        if (learned) return await LearnedAsync(knownFrom, knownTo, asOf, wanted, filter!, all, take, position, facts, clock, ct);

        var fromDate = Fields.Date(from, "from", errors, required: true);
        var toDate = to is null ? clock.Today() : Fields.Date(to, "to", errors, required: true);
        if (fromDate > toDate) errors.Add("from", "must be on or before to");
        // A cursor's pages are all of the first page's basis.
        var axes = await GetEstimates.ResolveAsync(null, position is { } at ? at.Basis.ToString(CultureInfo.InvariantCulture) : knownAt, facts, clock, errors, ct);
        if (errors.Any) return (null, Problems.Validation(errors));
        var basis = axes!.Basis!.Value;

        var ids = await IdsAsync(wanted, filter!, facts, ct);
        if (ids is null) return (null, Problems.Validation("series", "names a series there is none of; GET /api/estimates lists them"));
        var (listed, next) = await SeriesPageAsync(ids, position?.After, all, SeriesPerPage(take), basis,
            async (chunk, c) => (await facts.StandingAsync(chunk, fromDate!.Value, basis, c), await facts.StandingAsync(chunk, toDate!.Value, basis, c)), ct);
        var header = new ChangesAnswer(fromDate, toDate, null, null, basis, []);
        return (new ChangesPage(header, listed, next, (page, c) => DatesAsync(page, facts, basis, fromDate!.Value, toDate!.Value, take, c)), null);
    }

    // The page's series between two dates; a changed one's statements replayed from its figures at
    // `from` (a few queries per changed series, none per unchanged one).
    static async IAsyncEnumerable<SeriesChange> DatesAsync(IReadOnlyList<(string Id, SeriesEstimate? Before, SeriesEstimate? After, bool Changed)> page,
        FactStore facts, long basis, DateOnly from, DateOnly to, int take, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var (id, b, a, changed) in page)
        {
            var (statements, more) = changed ? await StatementsAsync(facts, id, basis, from, to, take, ct) : ([], false);
            yield return Describe(id, b, a, changed, statements,
                more ? $"/api/estimates/{Uri.EscapeDataString(id)}/history?from={from.AddDays(1):yyyy-MM-dd}&to={to:yyyy-MM-dd}&knownAt={basis}" : null);
        }
    }

    // The next series after the cursor's, in id order, that the page lists (each changed one, or
    // every one with all=true), with their estimates at both ends, read a chunk of series at a
    // time; and where the next page starts, if anything is left.
    static async Task<(List<(string Id, SeriesEstimate? Before, SeriesEstimate? After, bool Changed)> Listed, string? Next)> SeriesPageAsync(
        string[] ids, string? after, bool all, int size, long basis,
        Func<string[], CancellationToken, Task<((long, IReadOnlyList<(Fact, long)>) Before, (long, IReadOnlyList<(Fact, long)>) After)>> standing, CancellationToken ct)
    {
        var rest = ids.Where(id => after is null || string.CompareOrdinal(id, after) > 0).Order(StringComparer.Ordinal).ToArray();
        var listed = new List<(string, SeriesEstimate?, SeriesEstimate?, bool)>();
        var examined = 0;
        // The first chunk as large as a default page, each next one twice the last: a page of 10 series that
        // looks at 2,000 to find them reads them in 5 chunks (10 queries), not 200.
        var chunkSize = Math.Max(size, MaxSeriesPerPage);
        while (examined < rest.Length)
        {
            if (examined >= MaxSeriesExamined) return (listed, PageCursor.Encode(List, basis, rest[examined - 1]));
            var chunk = rest.Skip(examined).Take(Math.Min(chunkSize, MaxSeriesExamined - examined)).ToArray();
            chunkSize *= 2;
            var (b, a) = await standing(chunk, ct);
            var (before, after2) = (Index(b), Index(a));
            foreach (var id in chunk)
            {
                examined++;
                if (!before.ContainsKey(id) && !after2.ContainsKey(id)) continue;
                var (was, now) = (before.GetValueOrDefault(id), after2.GetValueOrDefault(id));
                var changed = !EstimateCalculator.SameEstimate(was, now);
                if (!changed && !all) continue;
                listed.Add((id, was, now, changed));
                if (listed.Count == size) return (listed, examined < rest.Length ? PageCursor.Encode(List, basis, id) : null);
            }
        }
        return (listed, null);
    }

    // What was learned between two moments: the estimates as of one date, known at each, and the facts recorded in between.
    static async Task<(ChangesPage? Page, ValidationProblem? Problem)> LearnedAsync(string? knownFrom, string? knownTo, string? asOf,
        string[]? wanted, SeriesFilter filter, bool all, int take, (long Basis, string After)? position, FactStore facts, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (knownFrom is null) errors.Add("knownFrom", "is required with knownTo: an RFC 3339 instant or a basis");
        var start = knownFrom is null ? null : await ResolveAsync("knownFrom", asOf, knownFrom, errors, facts, clock, ct);
        // A cursor's pages are all of the first page's knownTo.
        var end = await ResolveAsync("knownTo", asOf, position is { } at ? at.Basis.ToString(CultureInfo.InvariantCulture) : knownTo, errors, facts, clock, ct);
        if (start?.Basis > end?.Basis) errors.Add("knownFrom", "must be at or before knownTo");
        if (errors.Any) return (null, Problems.Validation(errors));
        var (basisFrom, basisTo) = (start!.Basis!.Value, end!.Basis!.Value);

        var ids = await IdsAsync(wanted, filter, facts, ct);
        if (ids is null) return (null, Problems.Validation("series", "names a series there is none of; GET /api/estimates lists them"));
        var (listed, next) = await SeriesPageAsync(ids, position?.After, all, SeriesPerPage(take), basisTo,
            async (chunk, c) => (await facts.StandingAsync(chunk, end.AsOf, basisFrom, c), await facts.StandingAsync(chunk, end.AsOf, basisTo, c)), ct);
        var header = new ChangesAnswer(null, null, end.AsOf, basisFrom, basisTo, []);
        return (new ChangesPage(header, listed, next, (page, c) => LearnedAsync(page, facts, basisFrom, basisTo, end.AsOf, take, c)), null);
    }

    // The page's series with what was recorded between the moments: one query for the whole page.
    static async IAsyncEnumerable<SeriesChange> LearnedAsync(IReadOnlyList<(string Id, SeriesEstimate? Before, SeriesEstimate? After, bool Changed)> page,
        FactStore facts, long basisFrom, long basisTo, DateOnly asOf, int take, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var recorded = page.Count == 0 ? new Dictionary<string, List<Fact>>()
            : await facts.LearnedAsync(page.Select(s => s.Id).ToArray(), basisFrom, basisTo, asOf, take + 1, ct);
        foreach (var (id, b, a, changed) in page)
        {
            var facts_ = recorded.GetValueOrDefault(id) ?? [];
            var listed = facts_.Take(take).Select(f => Learned(f, id, b, a)).ToList();
            yield return Describe(id, b, a, changed, listed,
                facts_.Count > take ? $"/api/changes?series={Uri.EscapeDataString(id)}&asOf={asOf:yyyy-MM-dd}&knownFrom={facts_[take - 1].Seq}&knownTo={basisTo}&all=true" : null);
        }
    }

    // A moment (instant or basis) read by the rules of knownAt, its errors named by its own field (asOf's named once).
    static async Task<Axes?> ResolveAsync(string field, string? asOf, string? known, FieldErrors errors, FactStore facts, TimeProvider clock, CancellationToken ct)
    {
        var own = new FieldErrors();
        var axes = await GetEstimates.ResolveAsync(asOf, known, facts, clock, own, ct, field: field);
        foreach (var (key, messages) in own.ToDictionary())
            if (!errors.ToDictionary().ContainsKey(key))
                foreach (var m in messages) errors.Add(key, m);
        return axes;
    }

    // A fact learned between two moments, with its source's figure as known before and after them.
    static ChangedStatement Learned(Fact f, string seriesId, SeriesEstimate? before, SeriesEstimate? after)
    {
        var was = before?.BySource.FirstOrDefault(e => e.SourceKey == f.SourceKey);
        var now = after?.BySource.FirstOrDefault(e => e.SourceKey == f.SourceKey);
        return ChangedStatement.Of(f, seriesId, was, now);
    }

    static async Task<string[]?> IdsAsync(string[]? wanted, SeriesFilter filter, FactStore facts, CancellationToken ct)
    {
        var catalog = await facts.SeriesAsync(wanted, ct);
        if (wanted is not null && wanted.Except(catalog.Select(k => k.SeriesId)).Any()) return null;
        return catalog.Where(k => k.Matches(filter)).Select(k => k.SeriesId).ToArray();
    }

    static Dictionary<string, SeriesEstimate> Index((long Basis, IReadOnlyList<(Fact Fact, long ReportSeq)> Standing) standing) =>
        EstimateCalculator.Estimates(standing.Standing).ToDictionary(e => e.Id);

    // The facts stated after `from` through `to` that moved the series' estimate, each with its source's
    // figure just before and after it: replayed from the figures standing at `from`.
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
                listed.Add(ChangedStatement.Of(f, id, was, state.SourceFigure(id, f.SourceKey)));
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

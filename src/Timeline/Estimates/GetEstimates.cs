// GET /api/estimates, /api/estimates.csv and /api/estimates/{seriesId}/history: what each source
// said, as of a date (valid time), as known at an instant or basis (system time).
using System.Globalization;
using System.Text.Json.Serialization;
using Timeline.Http;
using Timeline.Statements;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Timeline.Estimates;

public sealed record EstimatesAnswer(
    DateOnly AsOf,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? KnownAt,
    long Basis,
    IReadOnlyList<SeriesEstimate> Series)
{
    // Where the next page of series starts (send it as `cursor`); absent on the last page.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NextCursor { get; init; }
}

public sealed record HistoryAnswer(Series Series, long Basis, IReadOnlyList<HistoryEntry> Entries,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor);

// The two time axes of a question, parsed and resolved to a basis (null: as known now, fixed by the query).

public static class GetEstimates
{
    public static async Task<Results<Ok<EstimatesAnswer>, ValidationProblem>> Current(string? asOf, string? knownAt, string? series, string? party, string? group, string? measure,
        string? cursor, int? limit, [FromKeyedServices(ReadsFromReplica.Key)] FactStore facts, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var (answer, problem) = await AnswerAsync(asOf, knownAt, series, party, group, measure, cursor, limit, facts, clock, ct);
        if (problem is not null) return problem;
        http.ReportBasis(answer!.Basis);
        return TypedResults.Ok(answer);
    }

    // The same page as CSV, written row by row; the next page is named in the Link header.
    public static async Task<Results<CsvRows, ValidationProblem>> Csv(string? asOf, string? knownAt, string? series, string? party, string? group, string? measure,
        string? cursor, int? limit, [FromKeyedServices(ReadsFromReplica.Key)] FactStore facts, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var (answer, problem) = await AnswerAsync(asOf, knownAt, series, party, group, measure, cursor, limit, facts, clock, ct);
        if (problem is not null) return problem;
        http.ReportBasis(answer!.Basis);
        if (answer.NextCursor is { } next) http.Response.Headers.Link = CsvRows.NextLink(http.Request, next);
        return new CsvRows("as_of,basis,series_id,series_label,party,group,measure,period_from,period_to,stated_by,stated_on,corrected_on," +
                           "value,low,high,qualifier,qualitative,attribution,is_latest,statement_id,quote,source_title,source_url", CsvRowsOf(answer).ToAsyncEnumerable());
    }

    static IEnumerable<string> CsvRowsOf(EstimatesAnswer axes)
    {
        foreach (var s in axes.Series)
        foreach (var e in s.BySource)
            yield return string.Join(',', new[]
            {
                Iso(axes.AsOf), axes.Basis.ToString(CultureInfo.InvariantCulture), s.Id, s.Label, s.Party, Vocabulary.Name(s.Group), Vocabulary.Name(s.Measure),
                Iso(s.Period.From), s.Period.To is { } to ? Iso(to) : "", e.StatedBy, Iso(e.StatedOn), e.CorrectedOn is { } c ? Iso(c) : "",
                Num(e.Value), Num(e.Low), Num(e.High), e.Qualifier is { } q ? Vocabulary.Name(q) : "", e.Qualitative ?? "",
                e.Attribution is { } a ? Vocabulary.Name(a) : "", (e == s.Latest) ? "true" : "false",
                e.StatementId.ToString(), e.Quote, e.Source.Title, e.Source.Url ?? "",
            }.Select(CsvField.Escape));
    }

    public const int HistoryPage = 1000;
    public const int MaxHistoryPage = 5000;
    const string HistoryList = "history";

    // A page of the history (limit ≤ 5000); the cursor carries the basis and where the page ends, so
    // following it pages through one and the same history however much is recorded meanwhile.
    public static async Task<Results<HistoryJson, ValidationProblem, ProblemHttpResult>> History(string seriesId, string? from, string? to, string? knownAt,
        string? cursor, int? limit, [FromKeyedServices(ReadsFromReplica.Key)] FactStore facts, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (fromDate, toDate) = Fields.DateRange(from, to, errors);
        var take = Fields.Limit(limit, HistoryPage, MaxHistoryPage, errors);
        var position = PageCursor.Read<StatedPlace>(cursor, HistoryList, errors, withBasis: true);
        // Without a cursor or knownAt, the page reads the latest basis itself (resolveNow: false).
        var axes = position is null ? await ResolveAsync(null, knownAt, facts, clock, errors, ct, resolveNow: false) : null;
        if (errors.Any) return Problems.Validation(errors);
        // After the cursor's place; else from the first fact stated on `from`; else from the start.
        var after = position is { After: var p } ? (p.StatedOn, p.Sequence)
            : fromDate is { } first ? (first.AddDays(-1), long.MaxValue)
            : (DateOnly.MinValue, 0L);
        var (basis, page) = await facts.HistoryPageAsync(seriesId, position?.Basis ?? axes!.Basis, after, toDate, take + 1, ct);
        var more = page.Count > take;
        if (more) page = page.Take(take).ToList();
        // The series as known at the basis: from the page when it lists one of its facts; only when it
        // does not, asked for, and the catalog says which 404 it is (two queries fewer per page).
        if ((page.FirstOrDefault(f => f.Series?.Id == seriesId)?.Series ?? await facts.SeriesAtAsync(seriesId, basis, ct)) is not { } series)
            return await facts.SeriesExistsAsync(seriesId, ct)
                ? Problems.NotFound($"The series '{seriesId}' had no figures yet as known at basis {basis}.")
                : Problems.NotFound($"There is no series '{seriesId}'. GET /api/estimates lists them.");

        // Each listed change with the source's figure just before and just after it, from the figures standing at the
        // page's start; from the series' start, the page itself holds everything they come from (no query).
        var state = after == (DateOnly.MinValue, 0L)
            ? ReplayState.FromStart(facts, [seriesId], basis)
            : await ReplayState.StartAsync(facts, [seriesId], basis, after, ct);
        var entries = new List<HistoryJson.Entry>(page.Count);
        foreach (var f in page)
        {
            var listed = f.Series?.Id == seriesId || f.Change == Change.Retracted;
            var previous = listed ? state.SourceStanding(seriesId, f.SourceKey) : null;
            await state.ApplyAsync(f, ct);
            if (listed) entries.Add(new HistoryJson.Entry(f, previous, state.SourceStanding(seriesId, f.SourceKey)));
        }
        http.ReportBasis(basis);
        var next = more ? PageCursor.Encode(HistoryList, basis, new StatedPlace(page[^1].StatedOn, page[^1].Seq)) : null;
        return new HistoryJson(series, basis, entries, next);
    }

    // A page of series (limit ≤ 500, default 200): every series, or those the filters name, in id order.
    // What one page costs follows its series, never the whole catalog's standing figures. A page at a basis
    // looks only at series known at it, so a fixed-basis answer stays the same however the catalog grows. The
    // cursor carries the first page's basis, asOf and filters (hashed): every page answers the same question.
    public const int SeriesPage = 200;
    public const int MaxSeriesPage = 500;
    const string List = "estimates";

    // Where a page of series ends, and the question its pages answer.
    public sealed record SeriesPlace(string Id, DateOnly AsOf, string Question);

    static string NoSeries(string id) => $"there is no series '{id}'; GET /api/estimates lists them";

    static async Task<(EstimatesAnswer? Answer, ValidationProblem? Problem)> AnswerAsync(string? asOf, string? knownAt, string? series, string? party,
        string? group, string? measure, string? cursor, int? limit, FactStore facts, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var filter = Filter(party, group, measure, errors);
        var wanted = SeriesIds(series, errors);
        var take = Fields.Limit(limit, SeriesPage, MaxSeriesPage, errors);
        var position = PageCursor.Read<SeriesPlace>(cursor, List, errors, p => p is { Id.Length: > 0, Question.Length: > 0 }, withBasis: true);
        // Named series that fit one page need no catalog lookup unless a filter narrows them (or one of them is missing below).
        var named = position is null && wanted is not null && wanted.Length <= take && filter is { Party: null, Group: null, Measure: null };
        var axes = position is { Basis: { } at, After: var place }
            ? await CursorAxesAsync(place, at, asOf, knownAt, Question(filter, wanted), facts, clock, errors, ct)
            : await ResolveAsync(asOf, knownAt, facts, clock, errors, ct, resolveNow: false);
        if (errors.Any) return (null, Problems.Validation(errors));

        string[] ids;
        string? next = null;
        if (named) ids = wanted!;
        else
        {
            if (wanted is not null && wanted.Except((await facts.SeriesAsync(wanted, ct)).Select(k => k.SeriesId)).FirstOrDefault() is { } missing)
                return (null, Problems.Validation("series", NoSeries(missing)));
            var rest = await facts.SeriesPageAsync(wanted, filter!, position?.After.Id, axes!.Basis, take + 1, ct);
            if (rest.Length > take && axes.Basis is null)
            {
                // The first of several pages about the present: its basis is fixed before the catalog is read (again), so
                // the catalog holds every series with a figure known at it and no later page can miss one.
                axes = axes with { Basis = await facts.CurrentBasisAsync(ct) };
                rest = await facts.SeriesPageAsync(wanted, filter!, null, axes.Basis, take + 1, ct);
            }
            ids = rest.Take(take).ToArray();
            if (rest.Length > take) next = PageCursor.Encode(List, axes.Basis!.Value, new SeriesPlace(ids[^1], axes.AsOf, Question(filter, wanted)));
        }
        var (basis, standing) = await facts.StandingAsync(ids, axes!.AsOf, axes.Basis, ct);
        var estimates = EstimateCalculator.Estimates(standing);
        if (named && wanted!.Except(estimates.Select(e => e.Id)).ToArray() is { Length: > 0 } absent)
        {
            // Absent from the answer: a series with nothing standing yet, or no series at all.
            var exist = (await facts.SeriesAsync(absent, ct)).Select(k => k.SeriesId);
            if (absent.Except(exist).FirstOrDefault() is { } unknown)
                return (null, Problems.Validation("series", NoSeries(unknown)));
        }
        return (new EstimatesAnswer(axes.AsOf, axes.KnownAt, basis, estimates) { NextCursor = next }, null);
    }

    // A later page's axes: the cursor's basis and asOf (a basis beyond the latest is a forged cursor). An asOf,
    // knownAt or filter sent with it must be the first page's, else the cursor answers another question.
    static async Task<Axes?> CursorAxesAsync(SeriesPlace place, long basis, string? asOf, string? knownAt, string question, FactStore facts,
        TimeProvider clock, FieldErrors errors, CancellationToken ct)
    {
        var axes = await ResolveAsync(asOf ?? Iso(place.AsOf), basis.ToString(CultureInfo.InvariantCulture), facts, clock, errors, ct, field: PageCursor.Field);
        if (axes is not null && axes.AsOf != place.AsOf) errors.Add(PageCursor.Field, $"was given for asOf={Iso(place.AsOf)}; send that asOf, or none, with it");
        if (question != place.Question) errors.Add(PageCursor.Field, "was given for other series, party, group or measure; send its first page's with it");
        if (knownAt is not null && await ResolveAsync(null, knownAt, facts, clock, errors, ct) is { } known)
        {
            if (known.Basis != basis) errors.Add(PageCursor.Field, $"was given for basis {basis}; send that knownAt, or none, with it");
            else if (axes is not null) axes = axes with { KnownAt = known.KnownAt };
        }
        return axes;
    }

    // The filters a page answers, hashed: a cursor names its question without carrying the series ids asked for.
    internal static string Question(SeriesFilter? filter, string[]? wanted)
    {
        var text = string.Join('\n', filter?.Party ?? "", filter?.Group?.ToString() ?? "", filter?.Measure?.ToString() ?? "",
            wanted is null ? "*" : string.Join(',', wanted.Order(StringComparer.Ordinal)));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)).AsSpan(0, 12));
    }

    const int MaxSeriesIds = 200;

    // series=id1,id2: a comma-separated list of series ids, or null for every series.
    internal static string[]? SeriesIds(string? series, FieldErrors errors)
    {
        if (series is null) return null;
        var ids = series.Split(',', StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Any(id => id.Length == 0)) errors.Add("series", "must be one or more series ids separated by commas");
        else if (ids.Length > MaxSeriesIds) errors.Add("series", $"must name at most {MaxSeriesIds} series");
        return ids;
    }

    // The two axes (KnownAt.AxesAsync), read from the facts' own database.
    public static Task<Axes?> ResolveAsync(string? asOf, string? knownAt, FactStore facts, TimeProvider clock, FieldErrors errors,
        CancellationToken ct, bool resolveNow = true, string field = "knownAt") =>
        KnownAt.AxesAsync(asOf, knownAt, clock, facts.CurrentBasisAsync, facts.BasisAtAsync, errors, ct, field, resolveNow);

    internal static SeriesFilter? Filter(string? party, string? group, string? measure, FieldErrors errors)
    {
        var g = Fields.Enum<Group>(group, "group", errors);
        var m = Fields.Enum<Measure>(measure, "measure", errors);
        return new SeriesFilter(party?.Trim().ToLowerInvariant(), g, m);
    }

    static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    static string Num(long? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";

}

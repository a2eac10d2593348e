// GET /api/negotiations and /api/negotiations/{talksId}: each set of talks with its days in
// order, who assessed them how, and the issues still open, as they stood on asOf. Several
// statements about one day (the same talks and day number, or date) are that one day, with each
// speaker's assessment, quote and source. Paged by day (limit, cursor): a page reads a bounded
// number of statements whatever the log holds; what a talks sums up is summed over the page's days.
using System.Globalization;
using System.Text.RegularExpressions;
using Marten;
using Timeline.Http;
using Timeline.Statements;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Timeline.Negotiations;

// One statement about a day of talks: who said it, when, in which words, where published.
public sealed record DayStatement(Guid StatementId, string StatedBy, DateOnly StatedOn, string Quote, Source Source);

// An assessment of a day ("productive"), with the statement that carries it.
public sealed record DayAssessment(string By, string Said, Guid StatementId, string StatedBy, DateOnly StatedOn, string Quote, Source Source);

// An issue still open, and who named it.
public sealed record OpenIssue(string Issue, IReadOnlyList<string> NamedBy, IReadOnlyList<Guid> Statements);

public sealed record NegotiationDayView(
    int? Day, DateOnly? HeldOn, DateOnly StatedOn, IReadOnlyList<string> Venues,
    IReadOnlyList<Negotiator> Delegates, IReadOnlyList<DayAssessment> Assessments, IReadOnlyList<OpenIssue> OpenIssues,
    IReadOnlyList<DayStatement> Statements);

public sealed record Talks(
    string Id, string Name, IReadOnlyList<string> Venues, IReadOnlyList<string> Parties,
    IReadOnlyList<NegotiationDayView> Days, IReadOnlyList<DayAssessment> Assessments,
    // The issues the latest day on the page that named any left open.
    IReadOnlyList<OpenIssue> OpenIssues)
{
    // The global sequence the answer was read at (on the answer for one set of talks).
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public long? Basis { get; init; }

    // Where the talks' later days are (send it as `cursor`); absent on the last page (on the answer for one set of talks).
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? NextCursor { get; init; }
}

public sealed record NegotiationsAnswer(
    DateOnly AsOf,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] DateTimeOffset? KnownAt,
    long Basis, IReadOnlyList<Talks> Talks,
    // Where the next page of days starts (send it as `cursor`); null on the last page.
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] string? NextCursor);

public static partial class GetNegotiations
{
    const string List = "negotiations";
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static async Task<Results<Ok<NegotiationsAnswer>, ValidationProblem>> All(HttpContext http, string? asOf, string? knownAt, int? limit, string? cursor,
        [FromKeyedServices(ReadsFromReplica.Key)] IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var (page, problem) = await PageAsync(null, asOf, knownAt, limit, cursor, session, clock, ct);
        if (problem is not null) return problem;
        http.ReportBasis(page!.Basis);
        return TypedResults.Ok(new NegotiationsAnswer(page!.AsOf, page.KnownAt, page.Basis, page.Talks, page.Next));
    }

    public static async Task<Results<Ok<Talks>, ValidationProblem, ProblemHttpResult>> One(HttpContext http, string talksId, string? asOf, string? knownAt, int? limit, string? cursor,
        [FromKeyedServices(ReadsFromReplica.Key)] IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var (page, problem) = await PageAsync(talksId, asOf, knownAt, limit, cursor, session, clock, ct);
        if (problem is not null) return problem;
        http.ReportBasis(page!.Basis);
        var talks = page.Talks.FirstOrDefault(t => t.Id == talksId);
        return talks is null
            ? Problems.NotFound($"No talks '{talksId}' had been recorded as of {page.AsOf:yyyy-MM-dd}.")
            : TypedResults.Ok(talks with { Basis = page.Basis, NextCursor = page.Next });
    }

    sealed record Page(DateOnly AsOf, DateTimeOffset? KnownAt, long Basis, IReadOnlyList<Talks> Talks, string? Next);

    // At most `limit` days (and NegotiationDays.MaxRows statements), in order, after the cursor's place:
    // three queries at most (the basis, the page, the statements revised after the basis).
    static async Task<(Page? Page, ValidationProblem? Problem)> PageAsync(string? talksId, string? asOf, string? knownAt, int? limit, string? cursor,
        IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var take = Fields.Limit(limit, DefaultLimit, MaxLimit, errors);
        var read = PageCursor.Read<DaysPlace>(cursor, List, errors, p => p.After is { TalksId.Length: > 0 }, withBasis: true);
        (long Basis, DateOnly AsOf, DayPlace After)? position = read is { Basis: { } b } ? (b, read.After.AsOf, read.After.After) : null;
        // A cursor's pages are all of the first page's basis and date.
        var axes = await KnownAt.AxesAsync(position is { } at ? at.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : asOf,
            position is { } from ? from.Basis.ToString(CultureInfo.InvariantCulture) : knownAt, clock, session, errors, ct);
        if (errors.Any || axes is not { Basis: { } basis }) return (null, Problems.Validation(errors));
        var date = axes.AsOf;
        var axis = (Basis: basis, Instant: axes.KnownAt);

        var rows = await NegotiationDays.AfterAsync(session, talksId, date, axis.Basis, position?.After, NegotiationDays.MaxRows + 1, ct);
        var full = rows.Count > NegotiationDays.MaxRows;
        var days = rows.Take(NegotiationDays.MaxRows).ChunkBy(s => (TalksId(s.Negotiation!.Talks), DayKey(s))).ToList();
        // A full read may have stopped inside its last day: that day starts the next page, unless it is the only one.
        var more = days.Count > take || full;
        if (days.Count > take) days = days[..take];
        else if (full && days.Count > 1) days = days[..^1];
        var next = more ? PageCursor.Encode(List, axis.Basis, new DaysPlace(date, NegotiationDays.PlaceOf(days[^1][^1]))) : null;

        var listed = await AsKnown.AtAsync(session, [.. days.SelectMany(d => d)], axis.Basis, ct);
        return (new Page(date, axis.Instant, axis.Basis, Fold(listed, date), next), null);
    }

    // The page's statements as talks and days, in the order they were read.
    static IReadOnlyList<Talks> Fold(IReadOnlyList<Statement> statements, DateOnly asOf) =>
        statements
            .Where(s => !s.Revisions.Any(r => r.Change == Change.Retracted && r.StatedOn <= asOf))
            .ChunkBy(s => TalksId(s.Negotiation!.Talks))
            .Select(g =>
            {
                var days = g.ChunkBy(DayKey).Select(Day).ToList();
                var first = g.OrderBy(s => s.Sequence).First().Negotiation!;
                return new Talks(TalksId(first.Talks), first.Talks,
                    days.SelectMany(d => d.Venues).Distinct().ToList(),
                    g.OrderBy(s => s.Sequence).SelectMany(s => s.Negotiation!.Parties).Distinct().ToList(),
                    days,
                    days.SelectMany(d => d.Assessments).ToList(),
                    days.LastOrDefault(d => d.OpenIssues.Count > 0)?.OpenIssues ?? []);
            })
            .ToList();

    // Runs of neighbours with one key, in order: the index gives a day's statements (and a talks' days) side by side.
    static IEnumerable<List<T>> ChunkBy<T, TKey>(this IEnumerable<T> items, Func<T, TKey> key)
    {
        List<T>? run = null;
        var current = default(TKey);
        foreach (var item in items)
        {
            var k = key(item);
            if (run is not null && EqualityComparer<TKey>.Default.Equals(k, current)) { run.Add(item); continue; }
            if (run is not null) yield return run;
            (run, current) = ([item], k);
        }
        if (run is not null) yield return run;
    }

    // Which day of the talks a statement is about: its day number, else its date, else a day of its own.
    static string DayKey(Statement s) =>
        s.Negotiation!.Day is { } n ? $"day {n}" : s.Negotiation.HeldOn is { } on ? $"on {on:yyyy-MM-dd}" : $"statement {s.Id}";

    // The statements about one day, as that day: every speaker's assessment, the union of what they name.
    static NegotiationDayView Day(IEnumerable<Statement> about)
    {
        var statements = about.OrderBy(s => s.StatedOn).ThenBy(s => s.Sequence).ToList();
        var issues = statements
            .SelectMany(s => s.Negotiation!.OpenIssues.Select(issue => (Issue: issue, Statement: s)))
            .GroupBy(x => StatementIdentity.Normalise(x.Issue))
            .Select(g => new OpenIssue(g.First().Issue, g.Select(x => x.Statement.StatedBy).Distinct().ToList(), g.Select(x => x.Statement.Id).Distinct().ToList()))
            .ToList();
        return new NegotiationDayView(
            statements.Select(s => s.Negotiation!.Day).FirstOrDefault(d => d is not null),
            statements.Select(s => s.Negotiation!.HeldOn).FirstOrDefault(d => d is not null),
            statements[0].StatedOn,
            statements.Select(s => s.Negotiation!.Venue).OfType<string>().Distinct().ToList(),
            statements.SelectMany(s => s.Negotiation!.Delegates).Distinct().ToList(),
            [.. statements.SelectMany(s => s.Negotiation!.Assessments.Select(a => new DayAssessment(a.By, a.Said, s.Id, s.StatedBy, s.StatedOn, s.Quote, s.Source)))],
            issues,
            [.. statements.Select(s => new DayStatement(s.Id, s.StatedBy, s.StatedOn, s.Quote, s.Source))]);
    }

    // A URL-safe id from the talks' name: "Abu Dhabi ceasefire talks" → "abu-dhabi-ceasefire-talks".
    public static string TalksId(string name) => NonSlug().Replace(StatementIdentity.Normalise(name), "-").Trim('-');

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.NonBacktracking)]
    private static partial Regex NonSlug();
}

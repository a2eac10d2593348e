// GET /api/negotiations and /api/negotiations/{talksId}: each set of talks with its days in
// order, who assessed them how, and the issues still open, as they stood on asOf. Several
// statements about one day (the same talks and day number, or date) are that one day, with each
// speaker's assessment, quote and source.
using System.Text.RegularExpressions;
using Marten;
using Timeline.Http;
using Timeline.Statements;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Timeline.Negotiations;

/// <summary>One statement about a day of talks: who said it, when, in which words, where published.</summary>
public sealed record DayStatement(Guid StatementId, string StatedBy, DateOnly StatedOn, string Quote, Source Source);

/// <summary>An assessment of a day ("productive"), with the statement that carries it.</summary>
public sealed record DayAssessment(string By, string Said, Guid StatementId, string StatedBy, DateOnly StatedOn, string Quote, Source Source);

/// <summary>An issue still open, and who named it.</summary>
public sealed record OpenIssue(string Issue, IReadOnlyList<string> NamedBy, IReadOnlyList<Guid> Statements);

public sealed record NegotiationDayView(
    int? Day, DateOnly? HeldOn, DateOnly StatedOn, IReadOnlyList<string> Venues,
    IReadOnlyList<Negotiator> Delegates, IReadOnlyList<DayAssessment> Assessments, IReadOnlyList<OpenIssue> OpenIssues,
    IReadOnlyList<DayStatement> Statements);

public sealed record Talks(
    string Id, string Name, IReadOnlyList<string> Venues, IReadOnlyList<string> Parties,
    IReadOnlyList<NegotiationDayView> Days, IReadOnlyList<DayAssessment> Assessments,
    /// <summary>The issues the latest day that named any left open.</summary>
    IReadOnlyList<OpenIssue> OpenIssues)
{
    /// <summary>The global sequence the answer was read at (on the answer for one set of talks).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public long? Basis { get; init; }
}

public sealed record NegotiationsAnswer(
    DateOnly AsOf,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] DateTimeOffset? KnownAt,
    long Basis, IReadOnlyList<Talks> Talks);

public static partial class GetNegotiations
{
    public static async Task<Results<Ok<NegotiationsAnswer>, ValidationProblem>> All(string? asOf, string? knownAt, [FromKeyedServices(ReadsFromReplica.Key)] IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (await KnownAt.AxesAsync(asOf, knownAt, clock, session, errors, ct) is not { Basis: { } basis } axes) return Problems.Validation(errors);
        var date = axes.AsOf;
        return TypedResults.Ok(new NegotiationsAnswer(date, axes.KnownAt, basis, await TalksAsOf(session, date, basis, ct)));
    }

    public static async Task<Results<Ok<Talks>, ValidationProblem, ProblemHttpResult>> One(string talksId, string? asOf, string? knownAt, [FromKeyedServices(ReadsFromReplica.Key)] IQuerySession session,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (await KnownAt.AxesAsync(asOf, knownAt, clock, session, errors, ct) is not { Basis: { } basis } axes) return Problems.Validation(errors);
        var date = axes.AsOf;
        var talks = (await TalksAsOf(session, date, basis, ct)).FirstOrDefault(t => t.Id == talksId);
        return talks is null
            ? Problems.NotFound($"No talks '{talksId}' had been recorded as of {date:yyyy-MM-dd}.")
            : TypedResults.Ok(talks with { Basis = basis });
    }

    static async Task<IReadOnlyList<Talks>> TalksAsOf(IQuerySession session, DateOnly asOf, long basis, CancellationToken ct)
    {
        var recorded = await session.Query<Statement>()
            .Where(s => s.Kind == StatementKind.NegotiationDay && s.StatedOn <= asOf && s.Sequence <= basis)
            .ToListAsync(ct);
        var days = await AsKnown.AtAsync(session, recorded, basis, ct);
        return days
            .Where(s => !s.Revisions.Any(r => r.Change == Change.Retracted && r.StatedOn <= asOf))
            .GroupBy(s => TalksId(s.Negotiation!.Talks))
            .Select(g =>
            {
                var days = g.GroupBy(DayKey).Select(Day)
                    .OrderBy(d => d.Day ?? int.MaxValue).ThenBy(d => d.HeldOn ?? d.StatedOn).ThenBy(d => d.Statements[0].StatementId)
                    .ToList();
                var first = g.OrderBy(s => s.Sequence).First().Negotiation!;
                return new Talks(g.Key, first.Talks,
                    days.SelectMany(d => d.Venues).Distinct().ToList(),
                    g.OrderBy(s => s.Sequence).SelectMany(s => s.Negotiation!.Parties).Distinct().ToList(),
                    days,
                    days.SelectMany(d => d.Assessments).ToList(),
                    days.LastOrDefault(d => d.OpenIssues.Count > 0)?.OpenIssues ?? []);
            })
            .OrderBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Which day of the talks a statement is about: its day number, else its date, else a day of its own.</summary>
    static string DayKey(Statement s) =>
        s.Negotiation!.Day is { } n ? $"day {n}" : s.Negotiation.HeldOn is { } on ? $"on {on:yyyy-MM-dd}" : $"statement {s.Id}";

    /// <summary>The statements about one day, as that day: every speaker's assessment, the union of what they name.</summary>
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

    /// <summary>A URL-safe id from the talks' name: "Abu Dhabi ceasefire talks" → "abu-dhabi-ceasefire-talks".</summary>
    public static string TalksId(string name) => NonSlug().Replace(StatementIdentity.Normalise(name), "-").Trim('-');

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.NonBacktracking)]
    private static partial Regex NonSlug();
}

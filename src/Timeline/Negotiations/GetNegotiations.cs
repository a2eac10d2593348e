// GET /api/negotiations and /api/negotiations/{talksId}: each set of talks with its days in
// order, who assessed them how, and the issues still open, as they stood on asOf.
using System.Text.RegularExpressions;
using Marten;
using Timeline.Http;
using Timeline.Statements;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Timeline.Negotiations;

public sealed record NegotiationDayView(
    Guid StatementId, int? Day, DateOnly? HeldOn, DateOnly StatedOn, string StatedBy, string Venue,
    IReadOnlyList<Negotiator> Delegates, IReadOnlyList<Assessment> Assessments, IReadOnlyList<string> OpenIssues,
    string Quote, Source Source);

public sealed record Talks(
    string Id, string Name, IReadOnlyList<string> Venues, IReadOnlyList<string> Parties,
    IReadOnlyList<NegotiationDayView> Days, IReadOnlyList<Assessment> Assessments, IReadOnlyList<string> OpenIssues);

public sealed record NegotiationsAnswer(DateOnly AsOf, IReadOnlyList<Talks> Talks);

public static partial class GetNegotiations
{
    public static async Task<Results<Ok<NegotiationsAnswer>, ValidationProblem>> All(string? asOf, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var date = AsOf(asOf, clock, errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary(), "");
        return TypedResults.Ok(new NegotiationsAnswer(date, await TalksAsOf(session, date, ct)));
    }

    public static async Task<Results<Ok<Talks>, ValidationProblem, ProblemHttpResult>> One(string talksId, string? asOf, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var date = AsOf(asOf, clock, errors);
        if (errors.Any) return Problems.Validation(errors.ToDictionary(), "");
        var talks = (await TalksAsOf(session, date, ct)).FirstOrDefault(t => t.Id == talksId);
        return talks is null
            ? Problems.NotFound($"No talks '{talksId}' had been recorded as of {date:yyyy-MM-dd}.")
            : TypedResults.Ok(talks);
    }

    static async Task<IReadOnlyList<Talks>> TalksAsOf(IQuerySession session, DateOnly asOf, CancellationToken ct)
    {
        var days = await session.Query<Statement>()
            .Where(s => s.Kind == StatementKind.NegotiationDay && s.StatedOn <= asOf)
            .ToListAsync(ct);
        return days
            .Where(s => !s.Revisions.Any(r => r.Change == Change.Retracted && r.StatedOn <= asOf))
            .GroupBy(s => TalksId(s.Negotiation!.Talks))
            .Select(g =>
            {
                var ordered = g.OrderBy(s => s.Negotiation!.Day ?? int.MaxValue)
                    .ThenBy(s => s.Negotiation!.HeldOn ?? s.StatedOn).ThenBy(s => s.Sequence)
                    .Select(s => new NegotiationDayView(s.Id, s.Negotiation!.Day, s.Negotiation.HeldOn, s.StatedOn, s.StatedBy,
                        s.Negotiation.Venue, s.Negotiation.Delegates, s.Negotiation.Assessments, s.Negotiation.OpenIssues, s.Quote, s.Source))
                    .ToList();
                var first = g.OrderBy(s => s.Sequence).First().Negotiation!;
                return new Talks(g.Key, first.Talks,
                    ordered.Select(d => d.Venue).Distinct().ToList(),
                    g.SelectMany(s => s.Negotiation!.Parties).Distinct().ToList(),
                    ordered,
                    ordered.SelectMany(d => d.Assessments).ToList(),
                    ordered[^1].OpenIssues);
            })
            .OrderBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A URL-safe id from the talks' name: "Abu Dhabi ceasefire talks" → "abu-dhabi-ceasefire-talks".</summary>
    public static string TalksId(string name) => NonSlug().Replace(StatementIdentity.Normalise(name), "-").Trim('-');

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();

    static DateOnly AsOf(string? asOf, TimeProvider clock, FieldErrors errors) =>
        asOf is null
            ? clock.Today()
            : Fields.Date(asOf, "asOf", errors, required: true) ?? default;
}

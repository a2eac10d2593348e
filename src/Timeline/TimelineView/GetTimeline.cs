// GET /api/timeline: every statement in the order it was made (statedOn), not recorded.
using System.Text.Json.Serialization;
using Marten;
using Marten.Linq.MatchesSql;
using Timeline.Http;
using Timeline.Statements;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Timeline.TimelineView;

public sealed record TimelinePage(
    IReadOnlyList<Statement> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor,
    // The global sequence the page was read at; following the cursor keeps it.
    long Basis,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? KnownAt);

public static class GetTimeline
{
    public static async Task<Results<Ok<TimelinePage>, ValidationProblem>> Page(string? from, string? to, string? kind, string? party, string? statedBy,
        string? knownAt, string? cursor, int? limit, [FromKeyedServices(ReadsFromReplica.Key)] IQuerySession session, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (fromDate, toDate) = Fields.DateRange(from, to, errors);
        var k = Fields.Enum<StatementKind>(kind, "kind", errors);
        var take = Fields.Limit(limit, 50, 500, errors);
        var after = PageCursor.Read<StatedPlace>(cursor, List, errors);
        if (errors.Any) return Problems.Validation(errors);
        // A cursor carries the basis of the first page, so the pages are of one and the same log.
        var known = after is { Basis: { } carried } ? (carried, null) : await KnownAt.ResolveAsync(knownAt, session, errors, ct);
        if (known is not { } axis) return Problems.Validation(errors);

        var basis = axis.Basis;
        var p = Party(party);
        // A document names every party any revision gave it, later corrections included: a statement is on the
        // page only if it named the party as known at the basis, so an answer at a basis never changes.
        var page = new List<Statement>(take + 1);
        var resume = after?.After;
        string? next = null;
        for (var round = 1; ; round++)
        {
            var query = Matching(session, fromDate, toDate, k, p, statedBy, basis);
            if (resume is { } place) query = query.Where(s => s.StatedOn > place.StatedOn || (s.StatedOn == place.StatedOn && s.Sequence > place.Sequence));
            var read = await query.OrderBy(s => s.StatedOn).ThenBy(s => s.Sequence).Take(take + 1).ToListAsync(ct);
            var then = await AsKnown.AtAsync(session, read, basis, ct);
            page.AddRange(p is null ? then : then.Where(s => s.Parties.Contains(p)));
            // Another round only when statements a later correction tied to the party left the page short.
            if (read.Count <= take || page.Count > take) break;
            resume = new StatedPlace(read[^1].StatedOn, read[^1].Sequence);
            // One request reads at most this many rounds: past them, a short page and a cursor to go on from where it stopped.
            if (round == MaxRounds) { next = Encode(read[^1], basis); break; }
        }
        next ??= page.Count > take ? Encode(page[take - 1], basis) : null;
        return TypedResults.Ok(new TimelinePage(page.Take(take).ToList(), next, basis, axis.Instant));
    }

    // The statement documents the filters select, recorded up to the basis (in no order yet).
    internal static IQueryable<Statement> Matching(IQuerySession session, DateOnly? from, DateOnly? to, StatementKind? kind, string? party,
        string? statedBy, long basis)
    {
        var query = session.Query<Statement>().Where(s => s.Sequence <= basis);
        if (from is { } f) query = query.Where(s => s.StatedOn >= f);
        if (to is { } t) query = query.Where(s => s.StatedOn <= t);
        if (kind is { } k) query = query.Where(s => s.Kind == k);
        // By the parties index: containment, not Marten's rendering of List.Contains.
        if (Party(party) is { } p) query = query.Where(s => s.MatchesSql(StatementParties.Names, p));
        if (!string.IsNullOrWhiteSpace(statedBy)) { var key = StatementIdentity.Normalise(statedBy); query = query.Where(s => s.StatedByKey == key); }
        return query;
    }

    const int MaxRounds = 10;

    static string? Party(string? party) => string.IsNullOrWhiteSpace(party) ? null : party.Trim().ToLowerInvariant();

    const string List = "timeline";

    static string Encode(Statement s, long basis) => PageCursor.Encode(List, basis, new StatedPlace(s.StatedOn, s.Sequence));
}

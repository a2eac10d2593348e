// Statements as they were known at a basis: the documents hold what is known now, so a statement
// revised after the basis is folded again from its events up to it (the projection's own rules);
// one first recorded after it was not known at all. Revised-later statements are rare, and only
// those on the page are refolded.
using Marten;

namespace Timeline.Statements;

public static class AsKnown
{
    static readonly StatementProjection Projection = new();

    public static async Task<IReadOnlyList<Statement>> AtAsync(IQuerySession session, IReadOnlyList<Statement> statements, long basis, CancellationToken ct)
    {
        var known = new List<Statement>(statements.Count);
        foreach (var s in statements)
        {
            if (s.Sequence > basis) continue;
            if (s.Revisions.All(r => r.Sequence <= basis)) { known.Add(s); continue; }
            var version = s.Revisions.Where(r => r.Sequence <= basis).Max(r => r.Version);
            var events = await session.Events.FetchStreamAsync(s.Id, version, token: ct);
            if (events.Aggregate((Statement?)null, (doc, e) => Projection.Evolve(doc, s.Id, e)) is { } then) known.Add(then);
        }
        return known;
    }
}

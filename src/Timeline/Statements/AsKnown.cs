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
        // Every statement to fold again is read in one query, however many the page holds.
        var stale = statements.Where(s => s.Sequence <= basis && s.Revisions.Any(r => r.Sequence > basis)).Select(s => s.Id).ToArray();
        var events = (stale.Length == 0 ? [] : await session.Events.QueryAllRawEvents()
                .Where(e => stale.Contains(e.StreamId) && e.Sequence <= basis)
                .OrderBy(e => e.Sequence).ToListAsync(ct))
            .ToLookup(e => e.StreamId);
        var known = new List<Statement>(statements.Count);
        foreach (var s in statements)
        {
            if (s.Sequence > basis) continue;
            if (s.Revisions.All(r => r.Sequence <= basis)) { known.Add(s); continue; }
            if (events[s.Id].Aggregate((Statement?)null, (doc, e) => Projection.Evolve(doc, s.Id, e)) is { } then) known.Add(then);
        }
        return known;
    }
}

// Rebuilds the decision documents from their events, in sequence order. Each decision replaces the
// one before it whole, so a document is its stream's latest event: no stream needs reading apart.
using Marten;
using Timeline.EventLog;

namespace Timeline.Review;

public sealed class CandidateDecisionsRebuild(IDocumentStore store) : IProjectionRebuild
{
    const int Batch = 1000;
    static readonly CandidateDecisionProjection Projection = new();

    public ProjectionDescription Description { get; } = new("CandidateDecision", "inline", "GET /api/review (the state of each candidate), /api/review/live");

    string[] Names => store.Options.Events.AllKnownEventTypes()
        .Where(t => t.EventType == typeof(CandidateDismissed) || t.EventType == typeof(CandidateRecorded)).Select(t => t.EventTypeName).ToArray();

    public async Task<long> CountWorkAsync(CancellationToken ct)
    {
        var names = Names;
        await using var query = store.QuerySession();
        return await query.Events.QueryAllRawEvents().Where(e => names.Contains(e.EventTypeName)).LongCountAsync(ct);
    }

    public async Task RebuildAsync(RebuildProgress progress, CancellationToken ct)
    {
        var names = Names;
        progress.Phase("candidate decisions");
        var (after, processed) = (0L, 0L);
        while (true)
        {
            await using var session = store.LightweightSession();
            var batch = await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > after && names.Contains(e.EventTypeName))
                .OrderBy(e => e.Sequence).Take(Batch).ToListAsync(ct);
            if (batch.Count == 0) return;
            // Within a batch, the latest event of each stream is the one that stands.
            foreach (var e in batch.GroupBy(e => e.StreamId).Select(g => g.Last()))
                if (Projection.Evolve(null, e.StreamId, e) is { } decision) session.Store(decision);
            await session.SaveChangesAsync(ct);
            after = batch[^1].Sequence;
            progress.Processed(processed += batch.Count);
        }
    }
}

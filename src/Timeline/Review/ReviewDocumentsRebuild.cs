// Rebuilds the desk's documents: the queued articles from the article documents (rebuilt before
// this, with the extractor then deployed), and the decisions from their events in sequence order.
// Each decision replaces the one before it whole, so a decision document is its stream's latest
// event: no stream needs reading apart.
using Marten;
using Timeline.Articles;
using Timeline.EventLog;

namespace Timeline.Review;

public sealed class ReviewDocumentsRebuild(IDocumentStore store) : IProjectionRebuild
{
    const int Batch = 1000;
    const int ArticleBatch = 50; // articles carry their text: a few at a time
    static readonly CandidateDecisionProjection Projection = new();

    public ProjectionDescription Description { get; } =
        new("QueuedArticle, CandidateDecision", "inline", "GET /api/review (the queue, each candidate's state, the counts), /api/review/live");

    string[] Names => store.Options.Events.AllKnownEventTypes()
        .Where(t => t.EventType == typeof(CandidateDismissed) || t.EventType == typeof(CandidateRecorded)).Select(t => t.EventTypeName).ToArray();

    public async Task<long> CountWorkAsync(CancellationToken ct)
    {
        var names = Names;
        await using var query = store.QuerySession();
        return await query.Events.QueryAllRawEvents().Where(e => names.Contains(e.EventTypeName)).LongCountAsync(ct)
            + await query.Query<Article>().LongCountAsync(ct);
    }

    public async Task RebuildAsync(RebuildProgress progress, CancellationToken ct)
    {
        var processed = 0L;
        progress.Phase("queued articles");
        for (var after = 0L; ;)
        {
            await using var session = store.LightweightSession();
            var from = after;
            var articles = await session.Query<Article>().Where(a => a.Sequence > from).OrderBy(a => a.Sequence).Take(ArticleBatch).ToListAsync(ct);
            if (articles.Count == 0) break;
            foreach (var a in articles) session.Store(QueuedArticle.Of(a));
            await session.SaveChangesAsync(ct);
            after = articles[^1].Sequence;
            progress.Processed(processed += articles.Count);
        }

        var names = Names;
        progress.Phase("candidate decisions");
        for (var after = 0L; ;)
        {
            await using var session = store.LightweightSession();
            var from = after;
            var batch = await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > from && names.Contains(e.EventTypeName))
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

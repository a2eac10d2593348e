// Rebuilds the article documents from their ArticleArchived events, which re-runs the extractor
// over every archived text: how a better extractor reaches the articles archived before it. An
// article's stream holds that one event and is never appended to, so no pass needs repeating.
using JasperFx.Events;
using Marten;
using Timeline.EventLog;

namespace Timeline.Articles;

public sealed class ArticleDocumentsRebuild(IDocumentStore store) : IProjectionRebuild
{
    // Articles are up to 200,000 characters: a few at a time keeps the memory of a pass small.
    const int Batch = 50;

    public ProjectionDescription Description { get; } =
        new("Article", "inline", "GET /api/articles, /api/articles/{id} (and its candidates, re-extracted)");

    string Archived => store.Options.Events.AllKnownEventTypes().Single(t => t.EventType == typeof(ArticleArchived)).EventTypeName;

    public async Task<long> CountWorkAsync(CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var archived = Archived;
        return await query.Events.QueryAllRawEvents().Where(e => e.EventTypeName == archived).LongCountAsync(ct);
    }

    public async Task RebuildAsync(RebuildProgress progress, CancellationToken ct)
    {
        var archived = Archived;
        progress.Phase("articles");
        var after = 0L;
        var processed = 0L;
        while (true)
        {
            await using var session = store.LightweightSession();
            var batch = await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > after && e.EventTypeName == archived)
                .OrderBy(e => e.Sequence).Take(Batch).ToListAsync(ct);
            if (batch.Count == 0) return;
            foreach (var e in batch)
                session.Store(ArticleProjection.Archived(e.StreamId, (ArticleArchived)e.Data, e.Sequence, Timeline.Statements.StatementProjection.Recorded(e), ct));
            await session.SaveChangesAsync(ct);
            after = batch[^1].Sequence;
            progress.Processed(processed += batch.Count);
        }
    }
}

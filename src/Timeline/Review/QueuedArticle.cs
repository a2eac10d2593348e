// An archived article as the desk needs it to count and to page: its place in the log, its source
// and its candidates' spans, without its text (up to 200,000 characters). Kept inline from
// ArticleArchived, so counting what waits and scanning the queue read small rows, not articles.
using JasperFx.Events;
using Marten.Events.Aggregation;
using Timeline.Articles;
using Timeline.Statements;

namespace Timeline.Review;

public sealed record CandidateSpan(int Start, int End);

public sealed class QueuedArticle
{
    public Guid Id { get; set; }
    public long Sequence { get; set; }
    public Source Source { get; set; } = new("", null, null, null);
    public DateTimeOffset ArchivedAt { get; set; }
    public int Candidates { get; set; }
    public List<CandidateSpan> Spans { get; set; } = [];

    public static QueuedArticle Of(Article a) => new()
    {
        Id = a.Id, Sequence = a.Sequence, Source = a.Source, ArchivedAt = a.ArchivedAt,
        Candidates = a.Candidates.Count, Spans = [.. a.Candidates.Select(c => new CandidateSpan(c.Start, c.End))],
    };
}

public sealed class QueuedArticleProjection : SingleStreamProjection<QueuedArticle, Guid>
{
    public QueuedArticleProjection() => IncludeType<ArticleArchived>();

    // Inline, the archiving request's extraction travels with the event; elsewhere (Marten's own rebuild) the text is read again.
    public override QueuedArticle? Evolve(QueuedArticle? snapshot, Guid id, IEvent e) => e.Data switch
    {
        ArticleArchived a => QueuedArticle.Of(ArticleProjection.Archived(id, a, e.Sequence, StatementProjection.Recorded(e))),
        _ => snapshot,
    };
}

// GET /api/review?state=pending: the candidates across articles in one state, newest article
// first (then in text order), with each candidate's paragraph so a reviewer reads it in place, and
// the counts of every state. Paged by (article sequence, index); one page reads at most
// MaxArticles articles, then answers short with a cursor from where it stopped, so a state that
// few candidates are in cannot make one request read the whole archive.
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Timeline.Articles;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Review;

public sealed record ReviewCounts(long Pending, long Recorded, long Dismissed);

// The candidate's paragraph (cut to a window around the quote when very long), and where the quote stands in it.
public sealed record ReviewParagraph(string Text, int Start, int QuoteStart, int QuoteEnd);

public sealed record ReviewItem(Guid ArticleId, int Index, CandidateState State, CandidateView Candidate, Source Source,
    DateTimeOffset ArchivedAt, ReviewParagraph Paragraph, Guid? StatementId, DismissReason? Reason, string? Note, string? DecidedBy, DateTimeOffset? DecidedAt);

public sealed record ReviewPage(IReadOnlyList<ReviewItem> Items, ReviewCounts Counts, string? NextCursor);

public static class GetReview
{
    const int MaxArticles = 200;
    const int Batch = 20;
    const int Window = 600;

    public static async Task<Results<Ok<ReviewPage>, ValidationProblem>> Page(string? state, string? cursor, int? limit,
        [FromKeyedServices(ReadsFromReplica.Key)] IQuerySession session, IDocumentStore store, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var wanted = Fields.Enum<CandidateState>(state, "state", errors) ?? CandidateState.Pending;
        var take = Fields.Limit(limit, 20, 50, errors);
        var (beforeSequence, afterIndex) = PageCursor.Read<ReviewPlace>(cursor, List, errors, p => p.Sequence >= 0 && p.Index >= -1) is { After: var at }
            ? (at.Sequence, at.Index) : (long.MaxValue, -1);
        if (errors.Any) return Problems.Validation(errors);

        var shown = new List<(Guid Article, int Index, CandidateDecision? Decision)>();
        string? next = null;
        var read = 0;
        while (next is null)
        {
            var upTo = beforeSequence;
            var queued = await session.Query<QueuedArticle>()
                .Where(a => a.Sequence <= upTo && a.Candidates > 0)
                .OrderByDescending(a => a.Sequence).Take(Batch).ToListAsync(ct);
            read += queued.Count;
            var ids = queued.Select(a => a.Id).ToArray();
            var decisions = ids.Length == 0 ? [] : (await session.Query<CandidateDecision>().Where(d => ids.Contains(d.ArticleId)).ToListAsync(ct))
                .ToDictionary(d => (d.ArticleId, d.Index));
            foreach (var article in queued)
            {
                var from = article.Sequence == beforeSequence ? afterIndex + 1 : 0;
                for (var i = from; i < article.Spans.Count && shown.Count < take; i++)
                    if (Standing(decisions.GetValueOrDefault((article.Id, i)), article.Spans[i]) is var d && (d?.State ?? CandidateState.Pending) == wanted)
                        shown.Add((article.Id, i, d));
                if (shown.Count == take)
                {
                    next = Cursor(article.Sequence, shown[^1].Index);
                    break;
                }
                (beforeSequence, afterIndex) = (article.Sequence - 1, -1);
            }
            if (next is not null || queued.Count < Batch) break;
            // Read enough for one request: the rest from here, on the next page.
            if (read >= MaxArticles) next = Cursor(beforeSequence, afterIndex);
        }
        // The texts are read only for the articles shown, all at once, and their candidates' outcomes in two queries.
        var articles = (await session.LoadManyAsync<Article>(ct, shown.Select(x => x.Article).Distinct().ToArray())).ToDictionary(a => a.Id);
        var order = articles.Values.ToList();
        var views = (await Candidates.ViewAsync(store, order, ct)).Select((v, n) => (order[n].Id, v)).ToDictionary(x => x.Id, x => x.v);
        var items = shown.Where(x => articles.ContainsKey(x.Article) && x.Index < views[x.Article].Count)
            .Select(x => Item(articles[x.Article], views[x.Article][x.Index], x.Decision)).ToList();
        return TypedResults.Ok(new ReviewPage(items, await CountsAsync(session, ct), next));
    }

    // A decision holds only for the candidate it was made on (a rebuild's re-extraction may move an index).
    static CandidateDecision? Standing(CandidateDecision? d, CandidateSpan span) =>
        d is not null && ReviewDecision.Same(d, span.Start, span.End) ? d : null;

    static ReviewItem Item(Article a, CandidateView c, CandidateDecision? d) => new(
        a.Id, c.Index, d?.State ?? CandidateState.Pending, c, a.Source, a.ArchivedAt, Paragraph(a.Text, c.Start, c.End),
        d?.StatementId, d?.Reason, d?.Note, d?.DecidedBy, d?.DecidedAt);

    // The lines the quote stands in; a very long one cut to a window either side of the quote.
    public static ReviewParagraph Paragraph(string text, int start, int end)
    {
        var from = start == 0 ? 0 : text.LastIndexOf('\n', start - 1) + 1;
        var to = text.IndexOf('\n', end) is var n and >= 0 ? n : text.Length;
        from = Math.Max(from, start - Window);
        to = Math.Min(to, end + Window);
        return new ReviewParagraph(text[from..to], from, start - from, end - from);
    }

    // How many candidates wait, and how many were decided each way (decisions whose candidate a rebuild moved count as made).
    public static async Task<ReviewCounts> CountsAsync(IQuerySession session, CancellationToken ct)
    {
        var found = (long)await session.Query<QueuedArticle>().SumAsync(a => a.Candidates, ct);
        var recorded = await session.Query<CandidateDecision>().CountAsync(d => d.State == CandidateState.Recorded, ct);
        var dismissed = await session.Query<CandidateDecision>().CountAsync(d => d.State == CandidateState.Dismissed, ct);
        return new ReviewCounts(Math.Max(0, found - recorded - dismissed), recorded, dismissed);
    }

    // Newest article first: the article's sequence, and the last candidate index shown in it (-1: none yet).
    readonly record struct ReviewPlace(long Sequence, int Index);

    const string List = "review";

    static string Cursor(long sequence, int index) => PageCursor.Encode(List, null, new ReviewPlace(sequence, index));
}

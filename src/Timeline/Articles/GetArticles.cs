// GET /api/articles (paged, newest archive last) and GET /api/articles/{id}: the archived text,
// its source, and its candidates with what became of each.
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Articles;

public sealed record ArticleView(Guid Id, string Sha256, Source Source, DateTimeOffset ArchivedAt, long Sequence, string Text, IReadOnlyList<CandidateView> Candidates, bool Truncated, double Threshold, FeedItemOrigin? FromFeed = null)
{
    public string Language { get; init; } = Timeline.Http.Languages.English;
}

public sealed record ArticleSummary(Guid Id, string Sha256, Source Source, DateTimeOffset ArchivedAt, long Sequence, int Length);

public sealed record ArticlePage(IReadOnlyList<ArticleSummary> Items, string? NextCursor);

public static class GetArticles
{
    public static async Task<Results<Ok<ArticleView>, ProblemHttpResult>> One(Guid id, IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        if (await session.LoadAsync<Article>(id, ct) is not { } a) return Problems.NotFound($"There is no archived article '{id}'.");
        return TypedResults.Ok(new ArticleView(a.Id, a.Sha256, a.Source, a.ArchivedAt, a.Sequence, a.Text, await Candidates.ViewAsync(store, a, ct), a.Truncated, Candidates.PageThreshold, a.FromFeed) { Language = a.Language });
    }

    public static async Task<Results<Ok<ArticlePage>, ValidationProblem>> Page(string? cursor, int? limit, [FromKeyedServices(ReadsFromReplica.Key)] IQuerySession session, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var take = Fields.Limit(limit, 50, 200, errors);
        var after = PageCursor.Read<long>(cursor, "articles", errors, sequence => sequence >= 0)?.After ?? 0;
        if (errors.Any) return Problems.Validation(errors);
        var page = await session.Query<Article>().Where(a => a.Sequence > after).OrderBy(a => a.Sequence).Take(take + 1).ToListAsync(ct);
        var items = page.Take(take).Select(a => new ArticleSummary(a.Id, a.Sha256, a.Source, a.ArchivedAt, a.Sequence, a.Text.Length)).ToList();
        return TypedResults.Ok(new ArticlePage(items, page.Count > take ? PageCursor.Encode("articles", null, items[^1].Sequence) : null));
    }
}

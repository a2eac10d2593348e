// POST /api/articles/{id}/candidates/{index}/record: record a candidate as it stands or with a
// reviewer's edits (statedBy, statedOn, the figure, negotiation or position, or another span of the
// text as article.start/end). The quote is always the archived text at the span, the source the
// article's; recording is idempotent like every statement, and a candidate someone recorded from
// elsewhere adds this article as an appearance.
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Timeline.Http;
using Timeline.Statements;
using Timeline.Statements.Recording;

namespace Timeline.Articles;

public static class RecordCandidate
{
    public static async Task<Results<Created<RecordedStatement>, Ok<RecordedStatement>, ValidationProblem, ProblemHttpResult>> Post(
        Guid id, int index, HttpContext http, IDocumentStore store, StatementRecorder recorder, IArchivedArticles articles,
        TimeProvider clock, IOptions<StatementOptions> options, IReviewedCandidates review, CancellationToken ct)
    {
        StatementRequest? edits = null;
        byte[] body = [];
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            (edits, body, var problem) = await JsonBody.ReadAsync<StatementRequest>(http.Request, options.Value.MaxStatementBytes, ct);
            if (problem is ValidationProblem invalid) return invalid;
            if (problem is ProblemHttpResult refused) return refused;
        }
        await using var session = store.QuerySession();
        if (await session.LoadAsync<Article>(id, ct) is not { } article) return Problems.NotFound($"There is no archived article '{id}'.");
        var candidates = article.Candidates;
        if (index < 0 || index >= candidates.Count)
            return Problems.NotFound($"The article has {candidates.Count} candidates, numbered from 0; there is no candidate {index}.");

        var request = Candidates.ToRequest(candidates[index], article);
        if (edits is not null) Apply(edits, request, article.Text);

        var errors = new FieldErrors();
        var statement = StatementValidation.Validate(request, clock.Today(), errors) is { } valid
            ? await ArticleQuotes.ResolveAsync(request, valid with { RecordedBy = http.User.Identity?.Name }, articles, errors, ct)
            : null;
        if (statement is null) return Problems.Validation(errors.ToDictionary());

        // The desk's note after the statement's own commit: a lost note is made again by recording once more (a duplicate, 200).
        return await RecordStatement.RecordOneAsync(statement, http, body, recorder, ct,
            then: item => review.RecordedAsync(article, index, item.Id, http.User.Identity?.Name, ct));
    }

    // The reviewer's edits over the candidate: what they send replaces what was found; the quote follows the span.
    static void Apply(StatementRequest edits, StatementRequest request, string text)
    {
        if (edits.Kind is not null) request.Kind = edits.Kind;
        if (edits.StatedBy is not null) request.StatedBy = edits.StatedBy;
        if (edits.StatedOn is not null) request.StatedOn = edits.StatedOn;
        if (edits.Figure is not null) request.Figure = edits.Figure;
        if (edits.Negotiation is not null) request.Negotiation = edits.Negotiation;
        if (edits.Position is not null) request.Position = edits.Position;
        if (edits.Quote is not null) request.Quote = edits.Quote;
        if (edits.Article is { } span)
        {
            request.Article!.Start = span.Start ?? request.Article.Start;
            request.Article.End = span.End ?? request.Article.End;
            // A new span brings its own quote, unless the edit states one (which must then match it).
            if (edits.Quote is null && request.Article.Start is int s && request.Article.End is int e && s >= 0 && e > s && e <= text.Length)
                request.Quote = text[s..e];
        }
    }
}

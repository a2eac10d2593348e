// POST /api/articles: archive an article (its text, or HTML reduced to its main text) as an
// immutable event, and answer with the statements it appears to carry. The same text again is
// the same article: 200 with its id, nothing new recorded.
using System.Text.RegularExpressions;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Timeline.Articles.Extraction;
using Timeline.EventLog;
using Timeline.Http;
using Timeline.Statements;
using Timeline.Statements.Recording;

namespace Timeline.Articles;

public sealed class ArticleRequest
{
    public string? Text { get; set; }
    public string? Html { get; set; }
    public SourceRequest? Source { get; set; }
    // en, uk, ru or und; detected from the text when not given.
    public string? Language { get; set; }
}

public sealed record ArchivedArticle(Guid Id, string Sha256, bool Duplicate, IReadOnlyList<CandidateView> Candidates, bool Truncated, double Threshold)
{
    public string Language { get; init; } = Languages.English;
}

public static partial class ArchiveArticle
{
    public const int MaxText = 200_000;
    const int MaxBody = 2 * 1024 * 1024;

    public static async Task<Results<Created<ArchivedArticle>, Ok<ArchivedArticle>, ValidationProblem, ProblemHttpResult>> Post(
        HttpContext http, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        var (request, _, problem) = await JsonBody.ReadAsync<ArticleRequest>(http.Request, MaxBody, ct);
        if (problem is ValidationProblem invalid) return invalid;
        if (problem is ProblemHttpResult refused) return refused;

        var errors = new FieldErrors();
        var today = clock.Today();
        var source = StatementValidation.ValidateSource(request!.Source, "source", today, errors, required: true);
        var text = TextOf(request, errors);
        if (request.Language is { } asked && !Languages.Known(asked)) errors.Add("language", $"must be one of {string.Join(", ", Languages.All)}");
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        var (article, duplicate) = await ArchiveAsync(store, clock, text!, source!, http.User.Identity?.Name, ct, request.Language);
        var answer = new ArchivedArticle(article.Id, article.Sha256, duplicate, await Candidates.ViewAsync(store, article, ct), article.Truncated, Candidates.PageThreshold)
            { Language = article.Language };
        return duplicate ? TypedResults.Ok(answer) : TypedResults.Created($"/api/articles/{article.Id}", answer);
    }

    // Archives the text (or finds it archived): the stream id comes from its hash, so a race records it once.
    public static async Task<(Article Article, bool Duplicate)> ArchiveAsync(IDocumentStore store, TimeProvider clock, string text, Source source, string? recordedBy, CancellationToken ct,
        string? language = null, FeedItemOrigin? fromFeed = null)
    {
        var sha = Article.Hash(text);
        var id = Article.IdFor(sha);
        await using (var query = store.QuerySession())
            if (await query.LoadAsync<Article>(id, ct) is { } existing) return (existing, true);
        // Read before the write, on the request's time: the transaction never waits on the extractor.
        language ??= Languages.Detect(text);
        var extracted = ArticleProjection.Extract(text, source, clock.Today(), ct, language);
        var duplicate = false;
        try
        {
            await using var session = store.LightweightSession();
            // Every append takes its turn (AppendOrder), so that appends commit in sequence order.
            await session.BeginAppendAsync(ct);
            session.Events.StartStream<Article>(id, new ArticleArchived(id, text, sha, source, recordedBy) { Extracted = extracted, Language = language, FromFeed = fromFeed });
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is Marten.Exceptions.ExistingStreamIdCollisionException || e.InnerException is Marten.Exceptions.ExistingStreamIdCollisionException)
        {
            duplicate = true; // archived by a concurrent request a moment ago
        }
        await using var read = store.QuerySession();
        var stored = await read.LoadAsync<Article>(id, ct) ?? throw new InvalidOperationException($"article {id} was archived but cannot be read");
        return (stored, duplicate);
    }

    // The text to archive: the text as sent (line breaks made \n), or the main text of the HTML.
    static string? TextOf(ArticleRequest r, FieldErrors errors)
    {
        if ((r.Text is null) == (r.Html is null)) { errors.Add("text", "give the article as text or as html, one of the two"); return null; }
        var field = r.Text is not null ? "text" : "html";
        var raw = r.Text ?? r.Html!;
        if (raw.Length > 10 * MaxText) { errors.Add(field, $"must be at most {10 * MaxText:N0} characters"); return null; }
        var text = r.Text ?? MainText(r.Html!);
        text = LineBreaksMadePlain(text);
        if (text.Length == 0) { errors.Add(field, r.Html is null ? "must not be empty" : "holds no article text"); return null; }
        if (text.Length > MaxText) { errors.Add(field, $"must be at most {MaxText:N0} characters of text"); return null; }
        if (Fields.HasControlCharacters(text, allowLineBreaks: true)) { errors.Add(field, "must not contain control characters"); return null; }
        return text;
    }

    // The text as it is archived: every line break a \n, no surrounding white space.
    public static string LineBreaksMadePlain(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n').Trim();

    // HTML reduced to the article's main text by SmartReader (Readability's rules), a paragraph to a line.
    public static string MainText(string html)
    {
        // Short pages count too (a wire item may be a few paragraphs); GetArticle reads only the string given, it fetches nothing.
        var reader = new SmartReader.Reader("https://archive.invalid/", html) { CharThreshold = 100, ContinueIfNotReadable = true };
        var text = reader.GetArticle().TextContent ?? "";
        var lines = text.Split('\n').Select(l => Spaces().Replace(l, " ").Trim()).Where(l => l.Length > 0);
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"[ \t\u00a0]+", RegexOptions.NonBacktracking)]
    private static partial Regex Spaces();
}

// A statement recorded from an archived article: its quote must be the archived text between the
// offsets it names, and its source is the article's. Checked against the archive before anything
// is written; a mismatch names the field.
using Timeline.Http;

namespace Timeline.Statements.Recording;

public static class ArticleQuotes
{
    const int Context = 32;

    // The statement tied to the article its request names (unchanged when it names none), or null with errors.
    public static async Task<NewStatement?> ResolveAsync(StatementRequest request, NewStatement statement, IArchivedArticles articles,
        FieldErrors errors, CancellationToken ct, string prefix = "")
    {
        if (request.Article is not { } a) return statement;
        if (a.Id is not { } id) { errors.Add(prefix + "article.id", "is required"); return null; }
        if (await articles.FindAsync(id, ct) is not { } article) { errors.Add(prefix + "article.id", $"there is no archived article '{id}'"); return null; }
        if (a.Start is not { } start || start < 0 || start > article.Text.Length) { errors.Add(prefix + "article.start", $"must be an offset in the article's text, 0 to {article.Text.Length}"); return null; }
        if (a.End is not { } end || end <= start || end > article.Text.Length) { errors.Add(prefix + "article.end", $"must be an offset after start, at most {article.Text.Length}"); return null; }
        var exact = article.Text[start..end];
        if (exact != statement.Quote) { errors.Add(prefix + "quote", $"must be the article's text between offsets {start} and {end} exactly"); return null; }
        return statement with { Source = article.Source, Article = Quote(id, article.Text, start, end) };
    }

    // The quote's place in the text, with the words around it.
    public static ArticleQuote Quote(Guid id, string text, int start, int end) =>
        new(id, start, end, text[Math.Max(0, start - Context)..start], text[end..Math.Min(text.Length, end + Context)]) { Exact = text[start..end] };
}

// Goes through the seed article at start the way a person would: archives it, then records the
// statements a reviewer accepted from it (statements.json), each tied to where its quote stands in
// the archived text. Safe on every start: archiving and recording are idempotent.
using System.Text.Json;
using Marten;
using Microsoft.Extensions.Options;
using Timeline.Articles;
using Timeline.Hosting;
using Timeline.Statements;
using Timeline.Statements.Recording;
using Timeline.Http;

namespace Timeline.Seed;

public sealed class SeedLoader(IDocumentStore store, StatementRecorder recorder, IReviewedCandidates review, TimeProvider clock, IOptions<TimelineOptions> options,
    ILogger<SeedLoader> logger)
    : IHostedService
{
    public static string StatementsFile => Path.Combine(AppContext.BaseDirectory, "Seed", "statements.json");
    public static string ArticleFile => Path.Combine(AppContext.BaseDirectory, "Seed", "article.txt");

    public async Task StartAsync(CancellationToken ct)
    {
        if (!options.Value.Seed) return;
        var statements = Read(clock.Today());
        var (article, known) = await ArchiveArticle.ArchiveAsync(store, clock, ArticleText(), statements[0].Source, "seed", ct);
        var fromArticle = statements.Select(s => FromArticle(s, article)).ToList();
        var result = await recorder.RecordAsync(fromArticle, null, ct);
        // What the reviewer accepted is no longer waiting on the review desk: each candidate the seed recorded is decided so.
        for (var i = 0; i < fromArticle.Count; i++)
            if (CandidateOf(article, fromArticle[i]) is { } index) await review.RecordedAsync(article, index, result.Items[i].Id, "seed", ct);
        logger.LogInformation("Seed: article {Article} {Archived}, {Count} statements accepted from it, {New} newly recorded",
            article.Id, known ? "already archived" : "archived", statements.Count, result.Items.Count(i => !i.Duplicate));
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public static string ArticleText() => ArchiveArticle.LineBreaksMadePlain(File.ReadAllText(ArticleFile));

    // A seed statement as recorded from the archived article: its quote's first place in the text, the article's source.
    public static NewStatement FromArticle(NewStatement s, Article article)
    {
        var start = article.Text.IndexOf(s.Quote, StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException($"The seed quote \"{s.Quote}\" is not in the seed article.");
        return s with { Source = article.Source, RecordedBy = "seed", Article = ArticleQuotes.Quote(article.Id, article.Text, start, start + s.Quote.Length) };
    }

    // The one candidate the extractor found for a seed statement: same kind and amount, its quote overlapping the statement's.
    static int? CandidateOf(Article article, NewStatement s)
    {
        var matches = article.Candidates.Select((c, i) => (c, i)).Where(x => x.c.Kind == s.Kind && s.Article is { } q && x.c.Start < q.End && q.Start < x.c.End
            && (s.Figure is null || x.c.Figure is { } f && (f.Value, f.Low, f.High) == (s.Figure.Value, s.Figure.Low, s.Figure.High))).ToList();
        return matches.Count == 1 ? matches[0].i : null;
    }

    // The seed statements, validated exactly as the API validates them.
    public static IReadOnlyList<NewStatement> Read(DateOnly today)
    {
        var requests = JsonSerializer.Deserialize<List<StatementRequest>>(File.ReadAllBytes(StatementsFile), JsonBody.Options) ?? [];
        var errors = new FieldErrors();
        var statements = requests.Select((r, i) => StatementValidation.Validate(r, today, errors, $"items[{i}].")).ToList();
        if (errors.Any)
            throw new InvalidOperationException("The seed file is invalid: " + JsonSerializer.Serialize(errors.ToDictionary()));
        if (statements.Count == 0 || statements.Any(s => !Statement.SameSource(s!.Source, statements[0]!.Source)))
            throw new InvalidOperationException("The seed statements must all cite the seed article, one source.");
        return statements.Select(s => s!).ToList();
    }
}

// The candidates of an archived article (kept with it by its projection), each with what has become
// of it — recorded from this article, or already recorded from elsewhere.
using Marten;
using Timeline.Articles.Extraction;
using Timeline.Http;
using Timeline.Statements;
using Timeline.Statements.Recording;

namespace Timeline.Articles;

public sealed record CandidateView(
    int Index, StatementKind Kind, string StatedBy, DateOnly StatedOn, string Quote, int Start, int End, double Confidence,
    Figure? Figure, NegotiationDay? Negotiation, Position? Position,
    // A statement with the same content recorded from elsewhere.
    Guid? DuplicateOf,
    // The statement recorded from this candidate (or from this article with the same content).
    Guid? RecordedAs);

public static class Candidates
{
    // The confidence from which the page accepts a candidate by default: the highest that keeps 95 % of the
    // right figures of the tuning corpus (ExtractionQuality measures it and fails when this drifts from it).
    public const double PageThreshold = 0.80;

    public static async Task<IReadOnlyList<CandidateView>> ViewAsync(IDocumentStore store, Article article, CancellationToken ct) =>
        (await ViewAsync(store, [article], ct))[0];

    // Several articles' candidates in two queries, whatever their number (a review page spans many articles).
    public static async Task<IReadOnlyList<IReadOnlyList<CandidateView>>> ViewAsync(IDocumentStore store, IReadOnlyList<Article> articles, CancellationToken ct)
    {
        var ids = articles.Select(a => a.Candidates.Select(c => StatementIdentity.Of(ToStatement(c, a))).ToList()).ToList();
        var all = ids.SelectMany(x => x).Distinct().ToArray();
        var articleIds = articles.Select(a => a.Id).ToArray();
        await using var session = store.QuerySession();
        var known = all.Length == 0 ? [] : (await session.LoadManyAsync<Statement>(ct, all)).ToDictionary(s => s.Id);
        // Recorded from these articles, perhaps edited: the same place in the text.
        var fromHere = (articleIds.Length == 0 ? [] : await session.Query<Statement>().Where(s => articleIds.Contains(s.Article!.Id)).ToListAsync(ct))
            .ToLookup(s => s.Article!.Id);
        return articles.Select((article, n) => (IReadOnlyList<CandidateView>)article.Candidates.Select((c, i) =>
        {
            var same = known.GetValueOrDefault(ids[n][i]);
            var here = same is not null && (same.Article?.Id == article.Id || same.Revisions.Any(r => r.Article?.Id == article.Id)) ? same
                : fromHere[article.Id].FirstOrDefault(s => s.Article!.Start == c.Start && s.Article.End == c.End);
            return new CandidateView(i, c.Kind, c.StatedBy, c.StatedOn, c.Quote, c.Start, c.End, c.Confidence, c.Figure, c.Negotiation, c.Position,
                here is null ? same?.Id : null, here?.Id);
        }).ToList()).ToList();
    }

    // A candidate as a statement of this article (its content decides its id).
    public static NewStatement ToStatement(Candidate c, Article article) =>
        new(Guid.Empty, c.Kind, c.StatedBy, c.StatedOn, c.Quote, article.Source, c.Figure, c.Negotiation, c.Position);

    // A candidate in the wire form of POST /api/statements, tied to its place in the article.
    public static StatementRequest ToRequest(Candidate c, Article article) => new()
    {
        Source = new SourceRequest
        {
            Title = article.Source.Title, Url = article.Source.Url, Publisher = article.Source.Publisher,
            PublishedOn = article.Source.PublishedOn is { } published ? Iso(published) : null,
        },
        Kind = Vocabulary.Name(c.Kind),
        StatedBy = c.StatedBy,
        StatedOn = Iso(c.StatedOn),
        Quote = c.Quote,
        Figure = c.Figure is { } f ? new FigureRequest
        {
            Party = f.Party, Group = Vocabulary.Name(f.Group), Measure = Vocabulary.Name(f.Measure), Value = f.Value, Low = f.Low, High = f.High,
            Qualifier = f.Qualifier is { } q ? Vocabulary.Name(q) : null, Attribution = Vocabulary.Name(f.Attribution), Qualitative = f.Qualitative,
            Period = new PeriodRequest { From = Iso(f.Period.From), To = f.Period.To is { } to ? Iso(to) : null },
        } : null,
        Negotiation = c.Negotiation is { } n ? new NegotiationRequest
        {
            Talks = n.Talks, Venue = n.Venue, HeldOn = n.HeldOn is { } h ? Iso(h) : null, Day = n.Day, Parties = [.. n.Parties],
            Delegates = [.. n.Delegates.Select(d => new DelegateRequest { Name = d.Name, Party = d.Party, Role = d.Role })],
            Assessments = [.. n.Assessments.Select(a => new AssessmentRequest { By = a.By, Said = a.Said })],
            OpenIssues = [.. n.OpenIssues],
        } : null,
        Position = c.Position is { } p ? new PositionRequest { Party = p.Party, Summary = p.Summary } : null,
        Article = new ArticleQuoteRequest { Id = article.Id, Start = c.Start, End = c.End },
    };

    static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

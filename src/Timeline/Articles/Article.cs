// An archived article: the text exactly as archived (its SHA-256 names it), immutable. One stream
// per article whose id is derived from the hash, so the same text archived twice is refused by the
// database's primary key and answered with the first archive. Its candidate statements are part of
// the projection: stable between rebuilds (a candidate's index means the same thing tomorrow), and
// re-extracted for every archived article when a better extractor is deployed and the projections
// are rebuilt.
using System.Security.Cryptography;
using System.Text;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Timeline.Articles.Extraction;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Articles;

public sealed record ArticleArchived(Guid ArticleId, string Text, string Sha256, Source Source, string? RecordedBy = null)
{
    // The language the text was archived as (detected, or as the request said); null on events from before languages were read.
    public string? Language { get; init; }

    // The candidates, when the archiving request read them before its write (within its budget and
    // cancellation): never stored with the event, so a rebuild reads the text again with the extractor it
    // runs.
    [System.Text.Json.Serialization.JsonIgnore] public Findings? Extracted { get; init; }

    // The feed item it was archived from, when a watched feed brought it (null when a person sent it).
    public FeedItemOrigin? FromFeed { get; init; }
}

// Which registered feed, and which of its items (its guid, else its link), an article came from.
public sealed record FeedItemOrigin(Guid FeedId, string ItemId);

public sealed class Article
{
    public Guid Id { get; set; }
    public string Text { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public Source Source { get; set; } = new("", null, null, null);
    public long Sequence { get; set; }
    public DateTimeOffset ArchivedAt { get; set; }
    public string? RecordedBy { get; set; }
    // en, uk, ru or und: which rules read it.
    public string Language { get; set; } = Languages.English;
    public FeedItemOrigin? FromFeed { get; set; }
    // The statements the extractor found in the text when the projection was last built.
    public List<Candidate> Candidates { get; set; } = [];
    // The extractor stopped before the text's end (a limit of time or size): the later text has no candidates.
    public bool Truncated { get; set; }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static Guid IdFor(string sha256) => StatementIdentity.NameBased($"article/{sha256}");
}

public sealed class ArticleProjection : SingleStreamProjection<Article, Guid>
{
    public override Article? Evolve(Article? snapshot, Guid id, IEvent e) => e.Data switch
    {
        ArticleArchived a => Archived(id, a, e.Sequence, StatementProjection.Recorded(e)),
        _ => snapshot,
    };

    public static Article Archived(Guid id, ArticleArchived a, long sequence, DateTimeOffset archivedAt, CancellationToken ct = default)
    {
        var language = a.Language ?? Languages.Detect(a.Text);
        var extraction = a.Extracted ?? Extract(a.Text, a.Source, DateOnly.FromDateTime(archivedAt.UtcDateTime), ct, language);
        return new()
        {
            Id = id, Text = a.Text, Sha256 = a.Sha256, Source = a.Source, Sequence = sequence, ArchivedAt = archivedAt, RecordedBy = a.RecordedBy, Language = language, FromFeed = a.FromFeed,
            Candidates = [.. extraction.Candidates], Truncated = extraction.Truncated,
        };
    }

    // A statement in an article is dated by the article, else by the day it is archived; unattributed words are the outlet's.
    public static Findings Extract(string text, Source source, DateOnly archivedOn, CancellationToken ct, string? language = null) =>
        Extractor.Run(text, source.PublishedOn ?? archivedOn, source.Publisher ?? source.Title, language ?? Languages.Detect(text), ct: ct);
}

// The archive as the statements capability asks it: an article's text and source.
public sealed class ArchivedArticles(IDocumentStore store) : IArchivedArticles
{
    public async Task<(string Text, Source Source)?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<Article>(id, ct) is { } a ? (a.Text, a.Source) : null;
    }
}

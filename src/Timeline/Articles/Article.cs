// An archived article: the text exactly as archived (its SHA-256 names it), immutable. One stream
// per article whose id is derived from the hash, so the same text archived twice is refused by the
// database's primary key and answered with the first archive.
using System.Security.Cryptography;
using System.Text;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Timeline.Statements;

namespace Timeline.Articles;

public sealed record ArticleArchived(Guid ArticleId, string Text, string Sha256, Source Source, string? RecordedBy = null);

public sealed class Article
{
    public Guid Id { get; set; }
    public string Text { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public Source Source { get; set; } = new("", null, null, null);
    public long Sequence { get; set; }
    public DateTimeOffset ArchivedAt { get; set; }
    public string? RecordedBy { get; set; }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static Guid IdFor(string sha256) => StatementIdentity.NameBased($"article/{sha256}");
}

public sealed class ArticleProjection : SingleStreamProjection<Article, Guid>
{
    public override Article? Evolve(Article? snapshot, Guid id, IEvent e) => e.Data switch
    {
        ArticleArchived a => new Article
        {
            Id = id, Text = a.Text, Sha256 = a.Sha256, Source = a.Source, Sequence = e.Sequence,
            ArchivedAt = StatementProjection.Recorded(e), RecordedBy = a.RecordedBy,
        },
        _ => snapshot,
    };
}

/// <summary>The archive as the statements capability asks it: an article's text and source.</summary>
public sealed class ArchivedArticles(IDocumentStore store) : IArchivedArticles
{
    public async Task<(string Text, Source Source)?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<Article>(id, ct) is { } a ? (a.Text, a.Source) : null;
    }
}

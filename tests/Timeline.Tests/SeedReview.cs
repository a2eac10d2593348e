// The seed goes through intake as a reviewer would: what it records from its article is decided on
// the review desk too, so a newcomer's queue does not ask again about statements already recorded.
using System.Net;
using Timeline.Articles;
using Timeline.Seed;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class SeededApp : AppFixture;

public sealed class SeedReview(SeededApp app) : IClassFixture<SeededApp>
{
    [Fact]
    public async Task the_seed_articles_recorded_candidates_are_recorded_on_the_desk_and_only_the_rest_wait()
    {
        var seed = Article.IdFor(Article.Hash(SeedLoader.ArticleText()));
        var recordedAs = (await app.Host.Article(seed)).Candidates.Where(c => c.RecordedAs is not null)
            .Select(c => (c.Index, Statement: c.RecordedAs!.Value)).ToList();
        Assert.NotEmpty(recordedAs);

        var recorded = await app.Host.Read<Wire.ReviewPage>("/api/review?state=recorded&limit=50");
        var onDesk = recorded.Items.Where(i => i.ArticleId == seed).Select(i => (i.Index, Statement: i.StatementId!.Value)).ToList();
        Assert.Equal(recordedAs.OrderBy(r => r.Index), onDesk.OrderBy(r => r.Index));
        var pending = await app.Host.Read<Wire.ReviewPage>("/api/review?state=pending&limit=50");
        Assert.DoesNotContain(pending.Items, i => i.ArticleId == seed && recordedAs.Any(r => r.Index == i.Index));
        Assert.Equal(recordedAs.Count, recorded.Counts.Recorded);
    }
}

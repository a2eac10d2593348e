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
        var (status, article) = await app.Host.GetAsync($"/api/articles/{seed}");
        Assert.True(status == HttpStatusCode.OK, article.ToString());
        var recordedAs = article.GetProperty("candidates").EnumerateArray()
            .Where(c => c.TryGetProperty("recordedAs", out var r) && r.ValueKind != System.Text.Json.JsonValueKind.Null)
            .Select(c => (Index: c.GetProperty("index").GetInt32(), Statement: c.GetProperty("recordedAs").GetGuid())).ToList();
        Assert.NotEmpty(recordedAs);

        var (_, recorded) = await app.Host.GetAsync("/api/review?state=recorded&limit=50");
        var onDesk = recorded.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("articleId").GetGuid() == seed)
            .Select(i => (Index: i.GetProperty("index").GetInt32(), Statement: i.GetProperty("statementId").GetGuid())).ToList();
        Assert.Equal(recordedAs.OrderBy(r => r.Index), onDesk.OrderBy(r => r.Index));
        var (_, pending) = await app.Host.GetAsync("/api/review?state=pending&limit=50");
        Assert.DoesNotContain(pending.GetProperty("items").EnumerateArray(),
            i => i.GetProperty("articleId").GetGuid() == seed && recordedAs.Any(r => r.Index == i.GetProperty("index").GetInt32()));
        Assert.Equal(recordedAs.Count, recorded.GetProperty("counts").GetProperty("recorded").GetInt64());
    }
}

// Articles in, statements out: archive an article, see its candidates with quotes that are the
// archived text, record them as found or edited, and tie statements to their place in the text.
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class ArticleIntake(SharedApp app)
{
    // Each test archives its own text (a unique party name in it). The party found is Russia's, so a
    // test that records a candidate gives its own count to keep that statement its own.
    static string ArticleText(string party, string extra = "", int killed = 12_345) =>
        $"The {party} ministry said on Monday that {killed.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} Russian soldiers had been killed in the {party} sector since January.{extra}\n" +
        $"Some 4,000 Russian soldiers were wounded over the same period, the ministry said.";

    static JsonObject Archive(string text, string title = "Wire report") => new()
    {
        ["text"] = text,
        ["source"] = new JsonObject { ["title"] = title, ["publisher"] = "Test Wire", ["publishedOn"] = "2026-03-10" },
    };

    [Fact]
    public async Task an_archived_article_answers_its_candidates_and_the_same_text_again_is_the_same_article()
    {
        var text = ArticleText(Api.UniqueParty());
        var first = await app.Host.Archive(Archive(text));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), first.Sha256);
        Assert.Equal(2, first.Candidates.Count);
        foreach (var c in first.Candidates)
            Assert.Equal(text[c.Start..c.End], c.Quote);
        Assert.Equal([12_345L, 4_000L], first.Candidates.Select(c => c.Figure!.Value));

        var (again, second, _) = await app.Host.PostAsync("/api/articles", Archive(text, "Another title"));
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(first.Id, second.As<Wire.Archived>().Id);

        var article = await app.Host.Article(first.Id);
        Assert.Equal(text, article.Text);
        Assert.Equal("Wire report", article.Source.Title);
    }

    [Fact]
    public async Task a_candidate_is_recorded_as_found_then_again_as_a_duplicate_and_with_edits_as_its_own_statement()
    {
        var text = ArticleText(Api.UniqueParty(), killed: Random.Shared.Next(100_000, 999_999));
        var (_, archivedBody, _) = await app.Host.PostAsync("/api/articles", Archive(text));
        var id = archivedBody.As<Wire.Archived>().Id;

        var (status, recorded, _) = await app.Host.PostAsync($"/api/articles/{id}/candidates/0/record", "");
        Assert.True(status == HttpStatusCode.Created, recorded.ToString());
        var statementId = recorded.As<Wire.Recorded>().Id;
        var statement = await app.Host.Statement(statementId);
        var quote = statement.Article!;
        Assert.Equal(id, quote.Id);
        var (start, end) = (quote.Start, quote.End);
        Assert.Equal(text[start..end], statement.Quote);
        Assert.Equal(text[Math.Max(0, start - 32)..start], quote.Prefix);
        Assert.Equal(text[end..Math.Min(text.Length, end + 32)], quote.Suffix);
        Assert.Equal(text[start..end], quote.Exact);
        Assert.Equal("Wire report", statement.Source.Title);

        var (repeat, repeated, _) = await app.Host.PostAsync($"/api/articles/{id}/candidates/0/record", "");
        Assert.Equal(HttpStatusCode.OK, repeat);
        Assert.Equal(statementId, repeated.As<Wire.Recorded>().Id);

        // The candidate's figure as the service wrote it, one number changed.
        var edited = archivedBody.GetProperty("candidates")[1].GetProperty("figure").Deserialize<JsonObject>()!;
        edited["value"] = 4_100;
        var (editedStatus, editedBody, _) = await app.Host.PostAsync($"/api/articles/{id}/candidates/1/record", new JsonObject { ["figure"] = edited });
        Assert.True(editedStatus == HttpStatusCode.Created, editedBody.ToString());
        var editedId = editedBody.As<Wire.Recorded>().Id;
        Assert.Equal(4_100, (await app.Host.Statement(editedId)).Figure!.Value);

        var article = await app.Host.Article(id);
        Assert.Equal(statementId, article.Candidates[0].RecordedAs);
        Assert.Equal(editedId, article.Candidates[1].RecordedAs);
    }

    [Fact]
    public async Task a_statement_tied_to_an_article_must_quote_the_archived_text_between_its_offsets()
    {
        var party = Api.UniqueParty();
        var text = ArticleText(party);
        var id = (await app.Host.Archive(Archive(text))).Id;
        var statement = Api.Figure("Test ministry", 777, "2026-03-10", party: party);
        var at = text.IndexOf("12,345", StringComparison.Ordinal);
        statement["article"] = new JsonObject { ["id"] = id, ["start"] = at, ["end"] = at + 6 };

        statement["quote"] = "12,346";
        var (refused, problem, _) = await app.Host.PostAsync("/api/statements", statement);
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        problem.NamesField("quote");

        statement["quote"] = "12,345";
        var (created, body, _) = await app.Host.PostAsync("/api/statements", statement);
        Assert.Equal(HttpStatusCode.Created, created);
        var stored = await app.Host.Statement(body.As<Wire.Recorded>().Id);
        Assert.Equal("Wire report", stored.Source.Title);
        Assert.Equal(at, stored.Article!.Start);

        statement["article"]!["id"] = Guid.NewGuid();
        var (unknown, unknownProblem, _) = await app.Host.PostAsync("/api/statements", statement);
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        unknownProblem.NamesField("article.id");
    }

    [Fact]
    public async Task html_is_archived_as_its_main_text_without_scripts_or_navigation()
    {
        var party = Api.UniqueParty();
        var paragraphs = string.Concat(Enumerable.Range(0, 4).Select(i =>
            $"<p>Paragraph {i} of the {party} report on the front describes the fighting at length, with the names of the villages and the units involved in it.</p>"));
        var html = $"<html><head><title>Report</title><script>var secret = 'do-not-archive';</script></head><body>" +
                   $"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Report</h1>{paragraphs}" +
                   $"<p>The {party} ministry said 2,500 Russian soldiers had been killed there.</p></article></body></html>";
        var archived = await app.Host.Archive(new JsonObject
        {
            ["html"] = html,
            ["source"] = new JsonObject { ["title"] = "HTML report", ["publishedOn"] = "2026-03-10" },
        });
        var text = (await app.Host.Article(archived.Id)).Text;
        Assert.Contains($"Paragraph 3 of the {party} report", text);
        Assert.DoesNotContain("do-not-archive", text);
        Assert.DoesNotContain("<p>", text);
        Assert.Contains(archived.Candidates, c => c.Figure?.Value == 2_500);
    }

    [Theory]
    [InlineData("{\"source\":{\"title\":\"t\"}}", "text")]
    [InlineData("{\"text\":\"a\",\"html\":\"<p>a</p>\",\"source\":{\"title\":\"t\"}}", "text")]
    [InlineData("{\"text\":\"Some text.\"}", "source")]
    [InlineData("{\"text\":\"   \",\"source\":{\"title\":\"t\"}}", "text")]
    public async Task bad_articles_are_refused_naming_the_field(string body, string field)
    {
        var (status, problem, _) = await app.Host.PostAsync("/api/articles", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        problem.NamesField(field);
    }

    [Fact]
    public async Task archiving_needs_a_write_key()
    {
        var (status, _, _) = await app.Host.PostAsync("/api/articles", Archive(ArticleText(Api.UniqueParty())), key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task the_same_article_posted_at_once_many_times_is_archived_once()
    {
        var text = ArticleText(Api.UniqueParty());

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.Host.PostAsync("/api/articles", Archive(text))));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.OK, a.Body.ToString()));
        Assert.Single(answers.Select(a => a.Body.As<Wire.Archived>().Id).Distinct());
        // The whole archive, page by page: other tests archive too, so it may run past one page.
        var archived = new List<string?>();
        for (string? cursor = null; ;)
        {
            var page = await app.Host.Read<Wire.ArticlePage>($"/api/articles?limit=200{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
            archived.AddRange(page.Items.Select(a => a.Sha256));
            if ((cursor = page.NextCursor) is null) break;
        }
        Assert.Single(archived, sha => sha == answers[0].Body.As<Wire.Archived>().Sha256);
    }

    [Fact]
    public async Task a_statement_found_in_a_second_article_is_recorded_once_with_the_second_article_as_an_appearance()
    {
        // The party found is Russia's, as in the other tests: a count of its own keeps this statement this test's.
        var party = Api.UniqueParty();
        var count = Random.Shared.Next(20_000, 99_999).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        var sentence = $"The {party} ministry said on Monday that {count} Russian soldiers had been killed in the {party} sector since January.";
        var firstId = (await app.Host.Archive(Archive(sentence + "\nThe front was quiet on Sunday.", "First wire"))).Id;
        var secondId = (await app.Host.Archive(Archive("Fighting went on.\n" + sentence, "Second wire"))).Id;

        var (_, recordedBody, _) = await app.Host.PostAsync($"/api/articles/{firstId}/candidates/0/record", "");
        var recorded = recordedBody.As<Wire.Recorded>().Id;
        var candidate = (await app.Host.Article(secondId)).Candidates.Single(c => c.Quote.Contains(count));
        Assert.Equal(recorded, candidate.DuplicateOf);

        var (status, again, _) = await app.Host.PostAsync($"/api/articles/{secondId}/candidates/{candidate.Index}/record", "");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(recorded, again.As<Wire.Recorded>().Id);
        Assert.True(again.As<Wire.Recorded>().SourceAdded);
        var statement = await app.Host.Statement(recorded);
        Assert.Equal(["First wire", "Second wire"], statement.Appearances.Select(a => a.Title));
        Assert.Equal(firstId, statement.Article!.Id);
        Assert.Equal(recorded, (await app.Host.Article(secondId)).Candidates[candidate.Index].RecordedAs);
    }

    [Fact]
    public async Task recording_a_candidate_repeated_with_its_idempotency_key_gets_the_first_answer_and_the_key_is_refused_for_another_candidate()
    {
        var text = ArticleText(Api.UniqueParty(), killed: Random.Shared.Next(100_000, 999_999));
        var (_, archived, _) = await app.Host.PostAsync("/api/articles", Archive(text));
        var id = archived.GetProperty("id").GetGuid();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };

        var (first, firstBody, _) = await app.Host.PostAsync($"/api/articles/{id}/candidates/0/record", "", headers: key);
        var (again, againBody, response) = await app.Host.PostAsync($"/api/articles/{id}/candidates/0/record", "", headers: key);
        var (other, _, _) = await app.Host.PostAsync($"/api/articles/{id}/candidates/1/record", "", headers: key);

        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal(HttpStatusCode.Created, again); // the first answer, not a duplicate's 200
        Assert.Equal(firstBody.GetRawText(), againBody.GetRawText());
        Assert.Equal("true", response.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other);
        var (_, article) = await app.Host.GetAsync($"/api/articles/{id}");
        Assert.False(article.GetProperty("candidates")[1].TryGetProperty("recordedAs", out var recordedAs) && recordedAs.ValueKind != JsonValueKind.Null);
    }
}

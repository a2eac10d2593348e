using System.Net;
using System.Text.Json.Nodes;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class Duplicates(SharedApp app)
{
    [Fact]
    public async Task the_same_statement_posted_twice_is_recorded_once()
    {
        var statement = Api.Figure(Api.Unique());
        var id = await app.Host.RecordedAsync(statement);

        var (status, body, _) = await app.Host.PostAsync("/api/statements", statement);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.As<Wire.Recorded>().Duplicate);
        Assert.Equal(id, body.As<Wire.Recorded>().Id);
        Assert.Equal(1, await app.StreamEventCountAsync(id));
    }

    [Fact]
    public async Task key_order_spacing_and_letter_case_of_names_do_not_make_a_new_statement()
    {
        var name = Api.Unique("Volodymyr Zelenskyy");
        var id = await app.Host.RecordedAsync(Api.Figure(name));
        var f = Api.Figure(name)["figure"]!.AsObject();
        // Same content, keys in another order, the name shouted and spaced out.
        var reordered = new JsonObject
        {
            ["figure"] = f.Clone(),
            ["source"] = Api.Figure(name)["source"]!.DeepClone(),
            ["quote"] = "about 1000 were killed",
            ["statedBy"] = "  " + name.ToUpperInvariant().Replace(" ", "   ") + " ",
            ["statedOn"] = "2025-06-01",
            ["kind"] = "figure",
        };

        var (status, body, _) = await app.Host.PostAsync("/api/statements", reordered);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, body.As<Wire.Recorded>().Id);
        Assert.Equal(1, await app.StreamEventCountAsync(id));
    }

    [Fact]
    public async Task a_different_figure_from_the_same_speaker_is_a_new_statement()
    {
        var name = Api.Unique();
        var first = await app.Host.RecordedAsync(Api.Figure(name, 1000));
        var second = await app.Host.RecordedAsync(Api.Figure(name, 1001));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task the_same_statement_from_another_outlet_adds_an_appearance()
    {
        var name = Api.Unique();
        var id = await app.Host.RecordedAsync(Api.Figure(name));
        var republished = Api.Figure(name);
        republished["source"] = new JsonObject { ["title"] = "Another outlet", ["url"] = "https://example.net/b", ["publishedOn"] = "2025-06-02" };

        var (status, body, _) = await app.Host.PostAsync("/api/statements", republished);
        var again = await app.Host.PostAsync("/api/statements", republished);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.As<Wire.Recorded>().SourceAdded);
        Assert.False(again.Body.As<Wire.Recorded>().SourceAdded);
        var s = await app.Host.Statement(id);
        Assert.Equal(["https://example.org/a", "https://example.net/b"], s.Appearances.Select(a => a.Url));
        Assert.Equal("https://example.org/a", s.Source.Url);
        Assert.Equal(2, await app.StreamEventCountAsync(id));
    }

    [Fact]
    public async Task concurrent_identical_posts_record_exactly_one_event()
    {
        var statement = Api.Figure(Api.Unique()).ToJsonString();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => app.Host.PostAsync("/api/statements", statement))));

        Assert.Single(results, r => r.Status == HttpStatusCode.Created);
        Assert.Equal(15, results.Count(r => r.Status == HttpStatusCode.OK && r.Body.As<Wire.Recorded>().Duplicate));
        var id = Assert.Single(results.Select(r => r.Body.As<Wire.Recorded>().Id).Distinct());
        Assert.Equal(1, await app.StreamEventCountAsync(id));
    }

    [Fact]
    public async Task concurrent_posts_from_new_outlets_keep_every_appearance_once()
    {
        var name = Api.Unique();
        var id = await app.Host.RecordedAsync(Api.Figure(name));
        var outlets = Enumerable.Range(0, 6).Select(i =>
        {
            var s = Api.Figure(name);
            s["source"] = new JsonObject { ["title"] = $"Outlet {i}", ["url"] = $"https://example.com/{i}" };
            return s.ToJsonString();
        }).ToList();

        // Every outlet posts twice, all at once.
        await Task.WhenAll(outlets.Concat(outlets).Select(s => Task.Run(() => app.Host.PostAsync("/api/statements", s))));

        Assert.Equal(7, (await app.Host.Statement(id)).Appearances.Count);
        Assert.Equal(7, await app.StreamEventCountAsync(id));
    }

    [Fact]
    public async Task a_batch_repeating_a_statement_records_it_once()
    {
        var statement = Api.Figure(Api.Unique());
        var batch = new JsonArray(statement.Clone(), statement.Clone(), statement.Clone());

        var (status, body, _) = await app.Host.PostAsync("/api/statements/batch", batch);

        Assert.Equal(HttpStatusCode.OK, status);
        var answer = body.As<Wire.Batch>();
        Assert.Equal((1, 2), (answer.Recorded, answer.Duplicates));
        var ids = answer.Items.Select(i => i.Id).Distinct().ToList();
        Assert.Single(ids);
        Assert.Equal(1, await app.StreamEventCountAsync(ids[0]));
    }

    [Fact]
    public async Task a_retried_request_with_an_idempotency_key_gets_the_first_answer_again()
    {
        var statement = Api.Figure(Api.Unique());
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };

        var first = await app.Host.PostAsync("/api/statements", statement, headers: key);
        var retry = await app.Host.PostAsync("/api/statements", statement, headers: key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, retry.Status);
        var (answer, again) = (first.Body.As<Wire.Recorded>(), retry.Body.As<Wire.Recorded>());
        Assert.Equal((answer.Id, answer.Sequence), (again.Id, again.Sequence));
        Assert.True(retry.Response.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await app.StreamEventCountAsync(answer.Id));
    }

    [Fact]
    public async Task an_idempotency_key_reused_for_another_body_is_refused()
    {
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        await app.Host.PostAsync("/api/statements", Api.Figure(Api.Unique()), headers: key);

        var other = Api.Figure(Api.Unique());
        var (status, body, _) = await app.Host.PostAsync("/api/statements", other, headers: key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(422, body.As<Wire.Problem>().Status);
        await using var session = app.Store.QuerySession();
        var statedBy = other["statedBy"]!.GetValue<string>();
        Assert.Equal(0, await Marten.QueryableExtensions.CountAsync(session.Query<Timeline.Statements.Statement>().Where(s => s.StatedBy == statedBy), TestContext.Current.CancellationToken));
    }
}

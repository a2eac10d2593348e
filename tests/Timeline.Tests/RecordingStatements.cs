using System.Net;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class RecordingStatements(SharedApp app)
{
    [Fact]
    public async Task a_figure_is_recorded_with_its_id_sequence_and_location()
    {
        var (status, body, response) = await app.Host.PostAsync("/api/statements", Api.Figure(Api.Unique(), 55000));

        Assert.Equal(HttpStatusCode.Created, status);
        var id = body.GetProperty("id").GetGuid();
        Assert.True(body.GetProperty("sequence").GetInt64() > 0);
        Assert.False(body.GetProperty("duplicate").GetBoolean());
        Assert.Equal($"/api/statements/{id}", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task statements_posted_at_once_share_commits_yet_each_gets_its_own_answer()
    {
        var source = Api.Unique();
        var posts = Enumerable.Range(0, 40).Select(i => app.Host.PostAsync("/api/statements", Api.Figure(source, 1000 + i % 20))).ToList();

        var answers = await Task.WhenAll(posts);

        // 20 different figures, each posted twice: one recorded, one its duplicate, whichever came first.
        Assert.Equal(20, answers.Count(a => a.Status == HttpStatusCode.Created));
        Assert.Equal(20, answers.Count(a => a.Status == HttpStatusCode.OK && a.Body.GetProperty("duplicate").GetBoolean()));
        foreach (var group in answers.GroupBy(a => a.Body.GetProperty("id").GetGuid()))
        {
            Assert.Equal(2, group.Count());
            Assert.Single(group.Select(a => a.Body.GetProperty("sequence").GetInt64()).Distinct());
            var (_, stored) = await app.Host.GetAsync($"/api/statements/{group.Key}");
            Assert.Equal(group.First().Body.GetProperty("sequence").GetInt64(), stored.GetProperty("sequence").GetInt64());
        }
        Assert.Equal(20, answers.Select(a => a.Body.GetProperty("sequence").GetInt64()).Distinct().Count());
    }

    [Fact]
    public async Task a_recorded_figure_reads_back_as_it_was_stated()
    {
        var statedBy = Api.Unique("Volodymyr Zelenskyy");
        var id = await app.Host.RecordedAsync(Api.Figure(statedBy, 55000));

        var (status, s) = await app.Host.GetAsync($"/api/statements/{id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("figure", s.GetProperty("kind").GetString());
        Assert.Equal(statedBy, s.GetProperty("statedBy").GetString());
        Assert.Equal("2025-06-01", s.GetProperty("statedOn").GetString());
        Assert.Equal("about 55000 were killed", s.GetProperty("quote").GetString());
        Assert.Equal("https://example.org/a", s.GetProperty("source").GetProperty("url").GetString());
        var figure = s.GetProperty("figure");
        Assert.Equal(55000, figure.GetProperty("value").GetInt64());
        Assert.Equal("approximately", figure.GetProperty("qualifier").GetString());
        Assert.Equal("own-side", figure.GetProperty("attribution").GetString());
        Assert.Equal("2022-02-24", figure.GetProperty("period").GetProperty("from").GetString());
        Assert.Equal("standing", s.GetProperty("status").GetString());
        Assert.Single(s.GetProperty("revisions").EnumerateArray());
    }

    [Fact]
    public async Task a_period_defaults_to_the_start_of_the_full_scale_invasion()
    {
        var figure = Api.Figure(Api.Unique());
        figure["figure"]!.AsObject().Remove("period");

        var id = await app.Host.RecordedAsync(figure);

        var (_, s) = await app.Host.GetAsync($"/api/statements/{id}");
        Assert.Equal("2022-02-24", s.GetProperty("figure").GetProperty("period").GetProperty("from").GetString());
    }

    [Fact]
    public async Task a_range_and_a_bounded_period_are_kept()
    {
        var figure = Api.Figure(Api.Unique(), measure: "killed-or-wounded");
        var f = figure["figure"]!.AsObject();
        f.Remove("value");
        f.Remove("qualifier");
        f["low"] = 400000;
        f["high"] = 440000;
        f["period"] = new System.Text.Json.Nodes.JsonObject { ["from"] = "2025-01-01", ["to"] = "2025-12-31" };

        var id = await app.Host.RecordedAsync(figure);

        var (_, s) = await app.Host.GetAsync($"/api/statements/{id}");
        var stored = s.GetProperty("figure");
        Assert.Equal(400000, stored.GetProperty("low").GetInt64());
        Assert.Equal(440000, stored.GetProperty("high").GetInt64());
        Assert.False(stored.TryGetProperty("value", out _));
        Assert.Equal("2025-12-31", stored.GetProperty("period").GetProperty("to").GetString());
    }

    [Fact]
    public async Task a_qualitative_figure_keeps_its_words_without_a_number()
    {
        var figure = Api.Figure(Api.Unique(), measure: "missing");
        var f = figure["figure"]!.AsObject();
        f.Remove("value");
        f.Remove("qualifier");
        f["qualitative"] = "a large number";

        var id = await app.Host.RecordedAsync(figure);

        var (_, s) = await app.Host.GetAsync($"/api/statements/{id}");
        Assert.Equal("a large number", s.GetProperty("figure").GetProperty("qualitative").GetString());
    }

    [Fact]
    public async Task a_negotiation_day_is_recorded_with_its_assessments_and_open_issues()
    {
        var id = await app.Host.RecordedAsync(Api.NegotiationDay(Api.Unique("Rustem Umerov")));

        var (_, s) = await app.Host.GetAsync($"/api/statements/{id}");

        Assert.Equal("negotiation-day", s.GetProperty("kind").GetString());
        var day = s.GetProperty("negotiation");
        Assert.Equal("Abu Dhabi", day.GetProperty("venue").GetString());
        Assert.Equal(1, day.GetProperty("day").GetInt32());
        Assert.Equal("productive", day.GetProperty("assessments")[0].GetProperty("said").GetString());
        Assert.Equal(2, day.GetProperty("openIssues").GetArrayLength());
        Assert.Equal("lead negotiator", day.GetProperty("delegates")[0].GetProperty("role").GetString());
    }

    [Fact]
    public async Task a_position_is_recorded_with_its_quote_and_summary()
    {
        var id = await app.Host.RecordedAsync(Api.Position(Api.Unique("Dmitry Peskov")));

        var (_, s) = await app.Host.GetAsync($"/api/statements/{id}");

        Assert.Equal("position", s.GetProperty("kind").GetString());
        Assert.Equal("russia", s.GetProperty("position").GetProperty("party").GetString());
        Assert.Contains("necessary \"decisions\"", s.GetProperty("quote").GetString());
    }

    [Fact]
    public async Task an_unknown_statement_is_a_404_problem()
    {
        var (status, body) = await app.Host.GetAsync($"/api/statements/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task a_batch_records_all_statements_with_a_result_each()
    {
        var statedBy = Api.Unique();
        var batch = new System.Text.Json.Nodes.JsonArray(Api.Figure(statedBy, 1), Api.Figure(statedBy, 2), Api.Position(statedBy));

        var (status, body, _) = await app.Host.PostAsync("/api/statements/batch", batch);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, body.GetProperty("recorded").GetInt32());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], items.Select(i => i.GetProperty("index").GetInt32()));
        Assert.All(items, i => Assert.False(i.GetProperty("duplicate").GetBoolean()));
        foreach (var item in items)
            Assert.Equal(HttpStatusCode.OK, (await app.Host.GetAsync($"/api/statements/{item.GetProperty("id").GetGuid()}")).Status);
    }

    [Fact]
    public async Task a_batch_may_be_sent_as_ndjson()
    {
        var statedBy = Api.Unique();
        var ndjson = string.Join('\n', Api.Figure(statedBy, 1).ToJsonString(), "", Api.Figure(statedBy, 2).ToJsonString()) + "\n";

        var (status, body, _) = await app.Host.PostAsync("/api/statements/batch", ndjson, contentType: "application/x-ndjson");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("recorded").GetInt32());
    }
}

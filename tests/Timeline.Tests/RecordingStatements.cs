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
        var recorded = body.As<Wire.Recorded>();
        Assert.True(recorded.Sequence > 0);
        Assert.False(recorded.Duplicate);
        Assert.Equal($"/api/statements/{recorded.Id}", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task statements_posted_at_once_share_commits_yet_each_gets_its_own_answer()
    {
        var source = Api.Unique();
        var posts = Enumerable.Range(0, 40).Select(i => app.Host.PostAsync("/api/statements", Api.Figure(source, 1000 + i % 20))).ToList();

        var answers = (await Task.WhenAll(posts)).Select(a => (a.Status, Body: a.Body.As<Wire.Recorded>())).ToList();

        // 20 different figures, each posted twice: one recorded, one its duplicate, whichever came first.
        Assert.Equal(20, answers.Count(a => a.Status == HttpStatusCode.Created));
        Assert.Equal(20, answers.Count(a => a.Status == HttpStatusCode.OK && a.Body.Duplicate));
        foreach (var group in answers.GroupBy(a => a.Body.Id))
        {
            Assert.Equal(2, group.Count());
            Assert.Single(group.Select(a => a.Body.Sequence).Distinct());
            Assert.Equal(group.First().Body.Sequence, (await app.Host.Statement(group.Key)).Sequence);
        }
        Assert.Equal(20, answers.Select(a => a.Body.Sequence).Distinct().Count());
    }

    [Fact]
    public async Task a_recorded_figure_reads_back_as_it_was_stated()
    {
        var statedBy = Api.Unique("Volodymyr Zelenskyy");
        var id = await app.Host.RecordedAsync(Api.Figure(statedBy, 55000));

        var s = await app.Host.Statement(id);

        Assert.Equal("figure", s.Kind);
        Assert.Equal(statedBy, s.StatedBy);
        Assert.Equal("2025-06-01", s.StatedOn);
        Assert.Equal("about 55000 were killed", s.Quote);
        Assert.Equal("https://example.org/a", s.Source.Url);
        var figure = s.Figure!;
        Assert.Equal(55000, figure.Value);
        Assert.Equal("approximately", figure.Qualifier);
        Assert.Equal("own-side", figure.Attribution);
        Assert.Equal("2022-02-24", figure.Period.From);
        Assert.Equal("standing", s.Status);
        Assert.Single(s.Revisions);
    }

    [Fact]
    public async Task a_period_defaults_to_the_start_of_the_full_scale_invasion()
    {
        var figure = Api.Figure(Api.Unique());
        figure["figure"]!.AsObject().Remove("period");

        var id = await app.Host.RecordedAsync(figure);

        Assert.Equal("2022-02-24", (await app.Host.Statement(id)).Figure!.Period.From);
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
        var stored = s.As<Wire.Statement>().Figure!;
        Assert.Equal((400000L, 440000L), (stored.Low, stored.High));
        Assert.False(s.GetProperty("figure").TryGetProperty("value", out _)); // left out, not written as null
        Assert.Equal("2025-12-31", stored.Period.To);
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

        Assert.Equal("a large number", (await app.Host.Statement(id)).Figure!.Qualitative);
    }

    [Fact]
    public async Task a_negotiation_day_is_recorded_with_its_assessments_and_open_issues()
    {
        var id = await app.Host.RecordedAsync(Api.NegotiationDay(Api.Unique("Rustem Umerov")));

        var s = await app.Host.Statement(id);

        Assert.Equal("negotiation-day", s.Kind);
        var day = s.Negotiation!;
        Assert.Equal("Abu Dhabi", day.Venue);
        Assert.Equal(1, day.Day);
        Assert.Equal("productive", day.Assessments[0].Said);
        Assert.Equal(2, day.OpenIssues.Count);
        Assert.Equal("lead negotiator", day.Delegates[0].Role);
    }

    [Fact]
    public async Task a_position_is_recorded_with_its_quote_and_summary()
    {
        var id = await app.Host.RecordedAsync(Api.Position(Api.Unique("Dmitry Peskov")));

        var s = await app.Host.Statement(id);

        Assert.Equal("position", s.Kind);
        Assert.Equal("russia", s.Position!.Party);
        Assert.Contains("necessary \"decisions\"", s.Quote);
    }

    [Fact]
    public async Task an_unknown_statement_is_a_404_problem()
    {
        var (status, body) = await app.Host.GetAsync($"/api/statements/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, body.As<Wire.Problem>().Status);
    }

    [Fact]
    public async Task a_batch_records_all_statements_with_a_result_each()
    {
        var statedBy = Api.Unique();
        var batch = new System.Text.Json.Nodes.JsonArray(Api.Figure(statedBy, 1), Api.Figure(statedBy, 2), Api.Position(statedBy));

        var (status, body, _) = await app.Host.PostAsync("/api/statements/batch", batch);

        Assert.Equal(HttpStatusCode.OK, status);
        var answer = body.As<Wire.Batch>();
        Assert.Equal(3, answer.Recorded);
        Assert.Equal([0, 1, 2], answer.Items.Select(i => i.Index));
        Assert.All(answer.Items, i => Assert.False(i.Duplicate));
        foreach (var item in answer.Items)
            Assert.Equal(HttpStatusCode.OK, (await app.Host.GetAsync($"/api/statements/{item.Id}")).Status);
    }

    [Fact]
    public async Task a_batch_may_be_sent_as_ndjson()
    {
        var statedBy = Api.Unique();
        var ndjson = string.Join('\n', Api.Figure(statedBy, 1).ToJsonString(), "", Api.Figure(statedBy, 2).ToJsonString()) + "\n";

        var (status, body, _) = await app.Host.PostAsync("/api/statements/batch", ndjson, contentType: "application/x-ndjson");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.As<Wire.Batch>().Recorded);
    }
}

// Alerts on meaning: subscribers hear when an estimate moves materially, a source states a new
// highest or lowest figure, or a new source speaks — as timeline.estimate.changed CloudEvents,
// derived from the event log in order, resumable with Last-Event-ID. Each test has its own party.
using System.Net;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class Alerts(SharedApp app)
{
    readonly string _party = Api.UniqueParty();
    string Killed => $"{_party}-military-killed";

    Task<Guid> Record(string statedBy, long value, string statedOn) =>
        app.Host.RecordedAsync(Api.Figure(statedBy, value, statedOn, party: _party));

    static CloudEvent Parse(string data) =>
        new JsonEventFormatter().DecodeStructuredModeMessage(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(data)), null, null);

    static Wire.EstimateChanged Data(CloudEvent ce) => ce.DataAs<Wire.EstimateChanged>();

    [Fact]
    public async Task a_move_of_ten_percent_or_more_is_heard_and_a_smaller_one_is_not_and_a_retraction_moving_it_back_is()
    {
        await Record("Ministry", 1000, "2025-01-10");
        await using var sse = await SseClient.ConnectAsync(app.Host, $"/api/subscribe?series={Killed}&minChange=0.1");
        await Record("Ministry", 1050, "2025-01-20");     // +5 %: not heard
        var big = await Record("Institute", 1300, "2025-01-25"); // latest 1,050 -> 1,300: +23.8 %
        await app.Host.Retract(big, Api.Retraction("2025-02-01")); // back to 1,050: -19.2 %

        var first = await sse.NextAsync();
        Assert.Equal("estimate-changed", first.EventType);
        var raised = Parse(first.Data);
        Assert.Equal("timeline.estimate.changed", raised.Type);
        Assert.Equal(Killed, raised.Subject);
        Assert.Equal(new DateTimeOffset(2025, 1, 25, 0, 0, 0, TimeSpan.Zero), raised.Time);
        Assert.NotNull(raised["recordedtime"]);
        var data = Data(raised);
        Assert.Equal(1050, data.Before!.Latest.Value);
        Assert.Equal(1300, data.After!.Latest.Value);
        Assert.Equal(0.2381, data.Relative);
        Assert.Equal(big, data.Statement.StatementId);
        Assert.Equal("new source: about 1,300", data.Statement.Explanation);

        var back = Data(Parse((await sse.NextAsync()).Data));
        Assert.Equal("withdrawn", back.Statement.Effect);
        Assert.Equal(1050, back.After!.Latest.Value);
        Assert.Equal(-250, back.Change!.Value!.Absolute);
        await Assert.ThrowsAsync<TimeoutException>(() => sse.NextAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task new_highs_new_lows_and_new_sources_are_each_heard_as_of_the_statements_date()
    {
        await Record("Ministry", 1000, "2025-01-10");
        await Record("Institute", 2000, "2025-01-12");
        await using var highs = await SseClient.ConnectAsync(app.Host, $"/api/subscribe?party={_party}&newHigh=true");
        await using var lows = await SseClient.ConnectAsync(app.Host, $"/api/subscribe?party={_party}&newLow=true");
        await using var sources = await SseClient.ConnectAsync(app.Host, $"/api/subscribe?party={_party}&newSource=true");

        await Record("Ministry", 2500, "2025-01-20");  // higher than any before: a new high
        await Record("Monitor", 500, "2025-01-22");    // a new source, and lower than any before: a new low
        await Record("Monitor", 1500, "2025-01-25");   // neither
        await Record("Agency", 1700, "2024-12-01");    // a backfill: the first figure as of its date, a new source only

        Assert.Equal(2500, Data(Parse((await highs.NextAsync()).Data)).Statement.After!.Value);
        Assert.Equal(500, Data(Parse((await lows.NextAsync()).Data)).Statement.After!.Value);
        Assert.Equal("Monitor", Data(Parse((await sources.NextAsync()).Data)).Statement.StatedBy);
        Assert.Equal("Agency", Data(Parse((await sources.NextAsync()).Data)).Statement.StatedBy);
        await Assert.ThrowsAsync<TimeoutException>(() => highs.NextAsync(TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAsync<TimeoutException>(() => lows.NextAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task a_subscriber_that_resumes_gets_exactly_the_alerts_it_missed()
    {
        await Record("Ministry", 1000, "2025-01-10");
        string lastId;
        await using (var first = await SseClient.ConnectAsync(app.Host, $"/api/subscribe?party={_party}&minChange=0.5"))
        {
            await Record("Ministry", 2000, "2025-01-20");
            lastId = (await first.NextAsync()).EventId!;
        }
        await Record("Ministry", 1000, "2025-01-25");  // -50 %: missed while away
        await Record("Ministry", 1100, "2025-01-26");  // +10 %: not an alert
        await Record("Ministry", 3000, "2025-01-27");  // missed too

        await using var again = await SseClient.ConnectAsync(app.Host, $"/api/subscribe?party={_party}&minChange=0.5", lastEventId: lastId);
        var missed = new[] { await again.NextAsync(), await again.NextAsync() }
            .Select(e => Data(Parse(e.Data)).After!.Latest.Value!.Value);
        Assert.Equal([1000L, 3000L], missed);
        await Assert.ThrowsAsync<TimeoutException>(() => again.NextAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task a_correction_moving_a_figure_to_another_series_alerts_both_and_resuming_between_them_misses_neither()
    {
        var id = await Record("Ministry", 1000, "2025-01-10");
        await Record("Ministry", 900, "2025-01-05");
        var basis = (await app.Host.Estimates(party: _party)).Basis;
        await app.Host.Correct(id, Api.Correction(1000, "2025-01-15", _party, "wounded"));

        await using var sse = await SseClient.ConnectAsync(app.Host, $"/api/subscribe?party={_party}&minChange=0.05&newSource=true&after={basis}");
        var (one, two) = (await sse.NextAsync(), await sse.NextAsync());
        Assert.Equal([$"{_party}-military-killed", $"{_party}-military-wounded"], new[] { one, two }.Select(e => Parse(e.Data).Subject));
        Assert.Equal(one.EventId!.Split('.')[0], two.EventId!.Split('.')[0]);

        await using var resumed = await SseClient.ConnectAsync(app.Host, $"/api/subscribe?party={_party}&minChange=0.05&newSource=true", lastEventId: one.EventId);
        Assert.Equal(two.EventId, (await resumed.NextAsync()).EventId);
    }

    [Fact]
    public async Task a_webhook_with_a_condition_is_posted_the_estimate_changes_that_meet_it_signed_as_cloudevents()
    {
        await using var receiver = await Receiver.StartAsync();
        var (status, registered, _) = await app.Host.PostAsync("/api/webhooks", new System.Text.Json.Nodes.JsonObject
        {
            ["url"] = receiver.Url,
            ["filter"] = new System.Text.Json.Nodes.JsonObject { ["party"] = _party, ["minChange"] = 0.1 },
        });
        Assert.True(status == HttpStatusCode.Created, registered.ToString());
        var secret = registered.As<Wire.RegisteredWebhook>().Secret;

        await Record("Ministry", 1000, "2025-01-10");  // a first figure: nothing to move from
        await Record("Ministry", 1050, "2025-01-20");  // +5 %
        await Record("Ministry", 1300, "2025-01-25");  // +23.8 %
        var last = await Record("Ministry", 1310, "2025-01-26");

        var request = Assert.Single(await receiver.WaitForAsync(1));
        new StandardWebhooks.StandardWebhook(secret).Verify(request.Body,
            new Microsoft.AspNetCore.Http.HeaderDictionary(request.Headers.ToDictionary(h => h.Key, h => new Microsoft.Extensions.Primitives.StringValues(h.Value))));
        var ce = Parse(request.Body);
        Assert.Equal("timeline.estimate.changed", ce.Type);
        Assert.Equal(1300, Data(ce).After!.Latest.Value);
        // Once the fan-out is past the last figure and the delivery is done, nothing more can come.
        await app.Host.FanOutReachedAsync((await app.Host.Statement(last)).Revisions[0].Sequence);
        Assert.Single(receiver.Requests);
    }

    [Theory]
    [InlineData("{\"minChange\":0}", "filter.minChange")]
    [InlineData("{\"series\":\"x-military-killed\"}", "filter.series")]
    public async Task a_webhook_with_bad_conditions_is_refused_naming_the_field(string filter, string field)
    {
        var (status, problem, _) = await app.Host.PostAsync("/api/webhooks", $"{{\"url\":\"https://example.org/hook\",\"filter\":{filter}}}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        problem.NamesField(field);
    }

    [Theory]
    [InlineData("minChange=0", "minChange")]
    [InlineData("minChange=-1", "minChange")]
    [InlineData("series=x-military-killed", "series")]
    [InlineData("newHigh=maybe", "newHigh")]
    public async Task bad_conditions_are_refused_naming_the_parameter(string query, string field)
    {
        var (status, problem) = await app.Host.GetAsync($"/api/subscribe?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        problem.NamesField(field);
    }
}

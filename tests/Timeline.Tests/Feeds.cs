// The event feed, the live Server-Sent Events stream and replay — read with independent
// parsers: System.Net.ServerSentEvents for the stream, CloudNative.CloudEvents for each event.
using System.Net;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class Feeds(SharedApp app)
{
    static readonly CloudEventAttribute RecordedTime = CloudEventAttribute.CreateExtension("recordedtime", CloudEventAttributeType.Timestamp);
    static readonly CloudEventAttribute Sequence = CloudEventAttribute.CreateExtension("sequence", CloudEventAttributeType.String);

    public static CloudEvent Parse(string json) =>
        new JsonEventFormatter().DecodeStructuredModeMessage(Encoding.UTF8.GetBytes(json), new ContentType("application/cloudevents+json"), [RecordedTime, Sequence]);

    readonly string _party = Api.UniqueParty();

    async Task<long> BasisAsync() => (await app.Host.Estimates(party: "none")).Basis;

    [Fact]
    public async Task a_subscriber_receives_each_new_statement_as_a_cloudevent_with_both_time_axes()
    {
        await using var sse = await SseClient.ConnectAsync(app.Host, $"/api/subscribe?party={_party}");
        Assert.Equal("text/event-stream", sse.Response.Content.Headers.ContentType?.MediaType);
        var recorded = await app.Host.Record(Api.Figure(Api.Unique(), 42, "2025-05-01", party: _party));

        var item = await sse.NextAsync();

        Assert.Equal(recorded.Sequence.ToString(), item.EventId);
        Assert.Equal("figure-reported", item.EventType);
        var ce = Parse(item.Data);
        Assert.Equal(CloudEventsSpecVersion.V1_0, ce.SpecVersion);
        Assert.Equal("timeline.figure.reported", ce.Type);
        Assert.Equal($"{_party}-military-killed", ce.Subject);
        Assert.Equal(new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero), ce.Time);
        Assert.True((DateTimeOffset)ce[RecordedTime]! > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(item.EventId, ce[Sequence]);
        Assert.Equal("application/json", ce.DataContentType);
        Assert.Equal(42, ce.DataAs<Wire.FigureEvent>().Figure.Value);
        Assert.Equal(TimeSpan.FromSeconds(3), sse.ReconnectionInterval);
    }

    [Fact]
    public async Task reconnecting_with_last_event_id_delivers_what_was_missed_without_gap_or_duplicate_then_live_events()
    {
        var who = Api.Unique();
        string lastId;
        await using (var first = await SseClient.ConnectAsync(app.Host, $"/api/subscribe?party={_party}"))
        {
            await app.Host.RecordedAsync(Api.Figure(who, 1, party: _party));
            lastId = (await first.NextAsync()).EventId!;
        }
        // Written while the client was away.
        await app.Host.RecordedAsync(Api.Figure(who, 2, party: _party));
        await app.Host.RecordedAsync(Api.Figure(who, 3, party: _party));

        await using var again = await SseClient.ConnectAsync(app.Host, $"/api/subscribe?party={_party}", lastEventId: lastId);
        var missed = new[] { await again.NextAsync(), await again.NextAsync() };
        await app.Host.RecordedAsync(Api.Figure(who, 4, party: _party));
        var live = await again.NextAsync();

        var values = missed.Append(live).Select(i => Parse(i.Data).DataAs<Wire.FigureEvent>().Figure.Value!.Value);
        Assert.Equal([2L, 3L, 4L], values);
        var ids = missed.Append(live).Select(i => long.Parse(i.EventId!)).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.True(ids[0] > long.Parse(lastId));
        Assert.True(await again.NothingWithinAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task after_resumes_like_last_event_id()
    {
        var basis = await BasisAsync();
        await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 7, party: _party));

        await using var sse = await SseClient.ConnectAsync(app.Host, $"/api/subscribe?party={_party}&after={basis}");

        Assert.Equal(7, Parse((await sse.NextAsync()).Data).DataAs<Wire.FigureEvent>().Figure.Value!.Value);
    }

    [Fact]
    public async Task a_subscription_receives_only_what_its_filter_matches()
    {
        var who = Api.Unique("Filtered");
        await using var sse = await SseClient.ConnectAsync(app.Host, $"/api/subscribe?party={_party}&measure=wounded&statedBy={Uri.EscapeDataString(who)}");

        await app.Host.RecordedAsync(Api.Figure(who, 1, party: _party, measure: "killed"));
        await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 2, party: _party, measure: "wounded"));
        await app.Host.RecordedAsync(Api.Figure(who, 3, party: Api.UniqueParty(), measure: "wounded"));
        await app.Host.RecordedAsync(Api.Figure(who, 4, party: _party, measure: "wounded"));

        var only = await sse.NextAsync();
        Assert.Equal(4, Parse(only.Data).DataAs<Wire.FigureEvent>().Figure.Value!.Value);
        Assert.True(await sse.NothingWithinAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task corrections_and_retractions_reach_subscribers_of_the_statements_party()
    {
        var id = await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 1, "2025-01-01", party: _party));
        await using var sse = await SseClient.ConnectAsync(app.Host, $"/api/subscribe?party={_party}");

        await app.Host.PostAsync($"/api/statements/{id}/corrections", Api.Correction(2, "2025-02-01", _party));
        await app.Host.PostAsync($"/api/statements/{id}/retractions", Api.Retraction("2025-03-01"));

        Assert.Equal("statement-corrected", (await sse.NextAsync()).EventType);
        var retracted = Parse((await sse.NextAsync()).Data);
        Assert.Equal("timeline.statement.retracted", retracted.Type);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), retracted.Time);
    }

    [Fact]
    public async Task racing_identical_posts_announce_one_event_the_rolled_back_ones_none()
    {
        await using var sse = await SseClient.ConnectAsync(app.Host, $"/api/subscribe?party={_party}");
        var statement = Api.Figure(Api.Unique(), 3, party: _party).ToJsonString();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => app.Host.PostAsync("/api/statements", statement))));

        Assert.Equal("figure-reported", (await sse.NextAsync()).EventType);
        Assert.True(await sse.NothingWithinAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task a_hundred_subscribers_all_receive_the_same_event_from_the_shared_feed()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => SseClient.ConnectAsync(app.Host, $"/api/subscribe?party={_party}")));
        try
        {
            var id = (await app.Host.Record(Api.Figure(Api.Unique(), 100, party: _party))).Sequence.ToString();

            var received = await Task.WhenAll(clients.Select(c => c.NextAsync(TimeSpan.FromSeconds(20))));

            Assert.All(received, r => Assert.Equal(id, r.EventId));
        }
        finally
        {
            foreach (var c in clients) await c.DisposeAsync();
        }
    }

    [Fact]
    public async Task an_idle_stream_gets_heartbeat_comments()
    {
        using var client = app.Host.Server.CreateClient();
        using var response = await client.GetAsync($"/api/subscribe?party={_party}", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var text = await UntilHeartbeatAsync(stream, TimeSpan.FromSeconds(5));

        Assert.StartsWith("retry: 3000", text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("&minChange=0.1")]
    public async Task a_stream_opened_without_a_resume_point_says_where_it_began_so_a_break_before_its_first_event_loses_nothing(string alert)
    {
        var before = (await app.Host.Record(Api.Figure(Api.Unique(), 100, party: _party))).Sequence;
        using var client = app.Host.Server.CreateClient();
        using var response = await client.GetAsync($"/api/subscribe?party={_party}{alert}", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var text = await UntilHeartbeatAsync(stream, TimeSpan.FromSeconds(10));
        // What an EventSource would send as Last-Event-ID on reconnecting now: at least the statement recorded before it opened.
        var parser = System.Net.ServerSentEvents.SseParser.Create(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        Assert.Empty(parser.Enumerate());
        Assert.True(long.TryParse(parser.LastEventId, out var id) && id >= before, $"Last-Event-ID '{parser.LastEventId}' after {before}:\n{text}");
    }

    [Fact]
    public async Task a_subscriber_whose_filter_matches_nothing_gets_heartbeats_while_others_events_flow()
    {
        using var client = app.Host.Server.CreateClient();
        using var response = await client.GetAsync($"/api/subscribe?party={_party}", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        using var busy = new CancellationTokenSource();
        var other = Api.UniqueParty();
        // Another party's statements wake the subscriber every 100 ms, more often than the 1 s heartbeat.
        var traffic = Task.Run(async () =>
        {
            using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            for (var i = 0; !busy.IsCancellationRequested; i++)
            {
                await app.Host.PostAsync("/api/statements", Api.Figure(Api.Unique(), 1000 + i, "2025-05-01", party: other));
                await pace.WaitForNextTickAsync();
            }
        });
        string text;
        try
        {
            text = await UntilHeartbeatAsync(stream, TimeSpan.FromSeconds(5));
        }
        finally
        {
            await busy.CancelAsync();
            await traffic;
        }
        Assert.DoesNotContain("event:", text);
    }

    [Fact]
    public async Task a_bad_last_event_id_is_a_problem()
    {
        using var client = app.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/subscribe");
        request.Headers.Add("Last-Event-ID", "yesterday");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task the_event_feed_pages_in_sequence_order_with_next_after()
    {
        var basis = await BasisAsync();
        var who = Api.Unique();
        for (var i = 0; i < 3; i++) await app.Host.RecordedAsync(Api.Figure(who, i, party: _party));

        var first = await app.Host.Read<Wire.EventsPage>($"/api/events?after={basis}&party={_party}&limit=2");
        var second = await app.Host.Read<Wire.EventsPage>($"/api/events?after={first.NextAfter}&party={_party}&limit=2");

        // Each item is a CloudEvent as written: read by the CloudEvents SDK, not by our records.
        var events = first.Items.Concat(second.Items).Select(e => Parse(e.GetRawText())).ToList();
        Assert.Equal([0L, 1L, 2L], events.Select(e => e.DataAs<Wire.FigureEvent>().Figure.Value!.Value));
        var sequences = events.Select(e => long.Parse((string)e[Sequence]!)).ToList();
        Assert.Equal(sequences.Order(), sequences);
    }

    [Fact]
    public async Task the_event_feed_streams_ndjson()
    {
        var basis = await BasisAsync();
        await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 5, party: _party));
        await app.Host.RecordedAsync(Api.Position(Api.Unique()));

        using var client = app.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/events?after={basis}&kind=figure&party={_party}");
        request.Headers.Accept.ParseAdd("application/x-ndjson");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("timeline.figure.reported", Parse(Assert.Single(lines)).Type);
    }

    [Fact]
    public async Task replay_plays_statements_in_stated_on_order_each_with_its_series_estimate()
    {
        await app.Host.RecordedAsync(Api.Figure("Ministry", 300, "2025-03-01", party: _party));
        await app.Host.RecordedAsync(Api.Figure("Ministry", 100, "2025-01-01", party: _party));
        await app.Host.RecordedAsync(Api.Figure("Institute", 200, "2025-02-01", party: _party));

        using var client = app.Host.Server.CreateClient();
        var ndjson = await client.GetStringAsync($"/api/replay?party={_party}", TestContext.Current.CancellationToken);
        var items = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.As<Wire.ReplayItem>()).ToList();

        Assert.Equal(["2025-01-01", "2025-02-01", "2025-03-01"], items.Select(i => i.StatedOn));
        Assert.Equal([100L, 200L, 300L], items.Select(i => i.Estimate!.Latest.Value!.Value));
        Assert.Equal(new Wire.Range(100, 200), items[1].Estimate!.Range);
    }

    [Fact]
    public async Task replay_interleaves_days_of_talks_and_positions_with_the_figures_page_by_page()
    {
        var position = Api.Position(Api.Unique());
        position["statedOn"] = "2025-02-15";
        position["position"]!["party"] = _party;
        var talks = Api.NegotiationDay(Api.Unique());
        talks["statedOn"] = "2025-03-15";
        talks["negotiation"]!["parties"] = new System.Text.Json.Nodes.JsonArray(_party, "russia");
        var elsewhere = Api.Position(Api.Unique());
        elsewhere["statedOn"] = "2025-02-20";
        var late = Api.Position(Api.Unique());
        late["statedOn"] = "2025-05-01";
        late["position"]!["party"] = _party;
        foreach (var statement in new[] { talks, position, elsewhere, late }) await app.Host.RecordedAsync(statement);
        for (var month = 1; month <= 4; month++)
            await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 100 * month, $"2025-0{month}-01", party: _party));

        using var client = app.Host.Server.CreateClient();
        var kinds = new List<(string StatedOn, string Kind)>();
        for (var url = $"/api/replay?party={_party}&to=2025-04-30&limit=2"; url is not null;)
        {
            using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
            var page = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.As<Wire.ReplayItem>()).ToList();
            Assert.InRange(page.Count, 1, 2);
            kinds.AddRange(page.Select(i => (i.StatedOn, i.Statement.Kind)));
            url = response.Headers.TryGetValues("Link", out var link) ? link.Single().Split(';')[0].Trim('<', '>') : null;
        }

        Assert.Equal(
            [("2025-01-01", "figure"), ("2025-02-01", "figure"), ("2025-02-15", "position"), ("2025-03-01", "figure"),
             ("2025-03-15", "negotiation-day"), ("2025-04-01", "figure")],
            kinds);
    }

    [Fact]
    public async Task replay_streams_server_sent_events_too()
    {
        await app.Host.RecordedAsync(Api.Figure("Ministry", 2, "2025-02-01", party: _party));
        await app.Host.RecordedAsync(Api.Figure("Ministry", 1, "2025-01-01", party: _party));

        await using var sse = await SseClient.ConnectAsync(app.Host, $"/api/replay?party={_party}&from=2025-01-15");

        var only = await sse.NextAsync();
        Assert.Equal("replay", only.EventType);
        Assert.Equal("2025-02-01", only.As<Wire.ReplayItem>().StatedOn);
    }

    // A stream's text up to its first heartbeat comment; a stream that ends first fails, and one silent for too long times out.
    static async Task<string> UntilHeartbeatAsync(Stream stream, TimeSpan timeout)
    {
        var buffer = new byte[4096];
        var text = new StringBuilder();
        using var cts = new CancellationTokenSource(timeout);
        while (!text.ToString().Contains(": heartbeat"))
        {
            var read = await stream.ReadAsync(buffer, cts.Token);
            Assert.True(read > 0, $"the stream ended before its first heartbeat:\n{text}");
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        return text.ToString();
    }
}

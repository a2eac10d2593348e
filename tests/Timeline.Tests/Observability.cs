// What an operator sees: Prometheus text at /metrics with Timeline's own instruments beside the
// framework's, and traces and metrics pushed by OTLP to the endpoint the standard variable names
// (a real OTLP/HTTP receiver). The service runs as its own process here: meters and activity
// sources are process-wide, so in-process test hosts would see each other's.
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class Observability : IAsyncLifetime
{
    Receiver _collector = null!;
    ServiceProcess _service = null!;

    public async ValueTask InitializeAsync()
    {
        _collector = await Receiver.StartAsync();
        _service = await ServiceProcess.StartAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.BaseUrl,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["Timeline__Webhooks__AllowPrivateAddresses"] = "true",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        await _collector.DisposeAsync();
    }

    async Task<string> Scrape()
    {
        var response = await _service.Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    static bool Has(string text, string pattern) => Regex.IsMatch(text, pattern);

    [Fact]
    public async Task metrics_count_statements_duplicates_the_feed_webhook_deliveries_and_rebuilds()
    {
        var party = Api.UniqueParty();
        await using var receiver = await Receiver.StartAsync();
        var registered = await _service.Http.PostAsJsonAsync("/api/webhooks", new JsonObject { ["url"] = receiver.Url, ["filter"] = new JsonObject { ["party"] = party } });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var statement = Api.Figure(Api.Unique(), 5, party: party);
        var recorded = await _service.Http.PostAsJsonAsync("/api/statements", statement);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var id = (await recorded.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.OK, (await _service.Http.PostAsJsonAsync("/api/statements", statement)).StatusCode);
        await receiver.WaitForAsync(1);

        // A delivery is counted when its attempt is recorded, just after the receiver has answered.
        var text = await Eventually.Until(Scrape, t => Has(t, @"timeline_webhooks_deliveries_total\{[^}]*outcome=""delivered""[^}]*\} 1\b"),
            what: "one delivery counted as delivered");
        foreach (var pattern in new[]
                 {
                     @"timeline_statements_recorded_total\{[^}]*kind=""figure""[^}]*\} 1\b", @"timeline_statements_duplicates_total\{[^}]*\} 1\b",
                     @"timeline_feed_high_water_mark\{[^}]*\} [1-9]", @"timeline_feed_subscribers\{[^}]*\} 0\b", @"timeline_webhooks_backlog\{",
                     @"timeline_rebuild_running\{[^}]*\} 0\b", "timeline_rebuild_processed",
                     "http_server_request_duration_seconds", "db_client_operation_duration_seconds",
                 })
            Assert.True(Has(text, pattern), $"{pattern} is not in\n{text}");

        // A new statement goes straight to the tables (DirectAppend); a revision is appended through Marten's session, which counts it.
        Assert.Equal(HttpStatusCode.Created, (await _service.Http.PostAsJsonAsync($"/api/statements/{id}/corrections", Api.Correction(6, "2025-07-01", party: party))).StatusCode);
        await Eventually.Until(Scrape, t => Has(t, "marten_event_append_events_total"), what: "Marten counting the events it appended");
    }

    [Fact]
    public async Task live_subscribers_are_counted_while_they_listen_and_the_feed_lag_measured()
    {
        var party = Api.UniqueParty();
        await using (var sse = await SseClient.ConnectAsync(_service.NewClient(), $"/api/subscribe?party={party}"))
        {
            await Eventually.Until(Scrape, t => Has(t, @"timeline_feed_subscribers\{[^}]*\} 1\b"), what: "the subscriber being counted");
            Assert.Equal(HttpStatusCode.Created, (await _service.Http.PostAsJsonAsync("/api/statements", Api.Figure(Api.Unique(), 7, party: party))).StatusCode);
            await sse.NextAsync(TimeSpan.FromSeconds(10));
            // The exporter keeps a scrape for 300 ms, so the one after the event may still be the one before it.
            await Eventually.Until(Scrape, t => Has(t, @"timeline_feed_lag_seconds_count\{[^}]*\} [1-9]"), what: "the feed lag measured");
        }
        await Eventually.Until(Scrape, t => Has(t, @"timeline_feed_subscribers\{[^}]*\} 0\b"), what: "the subscriber leaving the count");
    }

    [Fact]
    public async Task traces_and_metrics_reach_the_otlp_endpoint_named_by_the_standard_variable()
    {
        Assert.Equal(HttpStatusCode.OK, (await _service.Http.GetAsync("/api/estimates?asOf=2026-02-23")).StatusCode);

        // OTLP/HTTP protobuf: a span's strings (service name, route, the database system) are UTF-8 in the body.
        var traces = await Eventually.Until(() => Task.FromResult(_collector.Requests.Where(r => r.Path == "/v1/traces").ToList()),
            rs => rs.Any(r => r.Body.Contains("/api/estimates", StringComparison.Ordinal)), what: "a trace of GET /api/estimates");
        var trace = traces.First(r => r.Body.Contains("/api/estimates", StringComparison.Ordinal));
        Assert.Equal("application/x-protobuf", trace.Headers["Content-Type"]);
        Assert.Contains("timeline", trace.Body);
        Assert.Contains(traces, r => r.Body.Contains("postgresql", StringComparison.Ordinal));
        await Eventually.Until(() => Task.FromResult(_collector.Requests.Where(r => r.Path == "/v1/metrics").ToList()),
            rs => rs.Any(r => r.Body.Contains("timeline.feed.high_water_mark", StringComparison.Ordinal)), what: "Timeline's metrics pushed by OTLP");
    }
}

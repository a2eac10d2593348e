// What alerts cost an instance: a figure event's estimate changes derived once, however many
// subscribers and webhooks hear of it, and kept in a bounded cache that lets the oldest go; and a
// cap on how far back an alert subscription may resume. The service runs as its own process over
// real HTTP, each test on a fresh database, so the derivation counter in /metrics counts only its work.
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class AlertDerivation
{
    readonly string _party = Api.UniqueParty();

    static async Task<long> Record(ServiceProcess service, JsonObject statement)
    {
        var response = await service.Http.PostAsJsonAsync("/api/statements", statement);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("sequence").GetInt64();
    }

    static async Task<string> Scrape(ServiceProcess service) => await service.Http.GetStringAsync("/metrics");

    static long? Sample(string text, string name) =>
        Regex.Match(text, $@"^{name}(\{{[^}}]*\}})? (\d+)", RegexOptions.Multiline) is { Success: true } m ? long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : null;

    // The exporter keeps a scrape for a moment: one showing this many subscribers was taken after they were counted.
    static Task<string> SubscribersSeen(ServiceProcess service, int count, Func<string, bool>? and = null) =>
        Eventually.Until(() => Scrape(service), t => Sample(t, "timeline_feed_subscribers") == count && (and?.Invoke(t) ?? true),
            TimeSpan.FromSeconds(60), $"{count} live subscribers in /metrics");

    static long Derivations(string text) => Sample(text, "timeline_feed_alert_derivations_total") ?? 0;

    [Fact]
    public async Task five_hundred_alert_subscribers_and_a_webhook_share_one_derivation_of_a_new_figure()
    {
        const int subscribers = 500;
        await using var receiver = await Receiver.StartAsync();
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string> { ["Timeline__Webhooks__AllowPrivateAddresses"] = "true" });
        await Record(service, Api.Figure("Ministry", 1000, "2025-01-10", party: _party));
        // Registered after the first figure: it starts after it, so nothing has derived anything yet.
        var registered = await service.Http.PostAsJsonAsync("/api/webhooks",
            new JsonObject { ["url"] = receiver.Url, ["filter"] = new JsonObject { ["party"] = _party, ["newHigh"] = true } });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        var conditions = new[] { "minChange=0.5", "newHigh=true", "newLow=true", "newSource=true" };
        var streams = await Task.WhenAll(Enumerable.Range(0, subscribers)
            .Select(i => SseClient.ConnectAsync(service.NewClient(), $"/api/subscribe?party={_party}&{conditions[i % conditions.Length]}")));
        try
        {
            Assert.All(streams, s => Assert.Equal(HttpStatusCode.OK, s.Response.StatusCode));
            await SubscribersSeen(service, subscribers);
            // A range from a new source, higher and lower than any figure before, the latest's top end moving 100 %: every condition holds.
            var sequence = await Record(service, Api.Figure("Monitor", 0, "2025-01-20", party: _party).Range(500, 2000));

            var alerts = await Task.WhenAll(streams.Select(s => s.NextAsync(TimeSpan.FromSeconds(60))));
            Assert.All(alerts, a => Assert.Equal("estimate-changed", a.EventType));
            Assert.Equal([$"{sequence}.0"], alerts.Select(a => a.EventId).Distinct());
            Assert.Single(await receiver.WaitForAsync(1));
        }
        finally
        {
            await Task.WhenAll(streams.Select(s => s.DisposeAsync().AsTask()));
        }

        // Taken after every subscriber left and the webhook's delivery was counted: every derivation is in it.
        var text = await SubscribersSeen(service, 0, t => Regex.IsMatch(t, @"timeline_webhooks_deliveries_total\{[^}]*outcome=""delivered""[^}]*\} 1\b"));
        Assert.Equal(1, Derivations(text));
    }

    [Fact]
    public async Task the_cache_keeps_the_most_recently_read_events_and_lets_the_oldest_go_rather_than_emptying()
    {
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string>
        {
            ["Timeline__AlertCacheEvents"] = "10",
            ["Timeline__Limits__AlertResumeEvents"] = "10", // the cache holds at least as far back as a resume may go
        });
        var url = $"/api/subscribe?party={_party}&newSource=true";
        var ids = new List<string>();
        await using (var listener = await SseClient.ConnectAsync(service.NewClient(), url))
        {
            await SubscribersSeen(service, 1);
            // Fifteen new sources: fifteen alerts, each derived once.
            for (var i = 0; i < 15; i++) await Record(service, Api.Figure(Api.Unique(), 1000 + i, $"2025-01-{10 + i}", party: _party));
            for (var i = 0; i < 15; i++) ids.Add((await listener.NextAsync()).EventId!);
        }
        var text = await SubscribersSeen(service, 0);
        Assert.Equal(15, Derivations(text));
        Assert.Equal(10, Sample(text, "timeline_feed_alert_cache_entries"));

        // The last eight are among the ten kept: resuming before them derives nothing again.
        var resumeAfter = ids[6].Split('.')[0];
        await using (var resumed = await SseClient.ConnectAsync(service.NewClient(), $"{url}&after={resumeAfter}"))
        {
            await SubscribersSeen(service, 1);
            var missed = new List<string>();
            for (var i = 0; i < 8; i++) missed.Add((await resumed.NextAsync()).EventId!);
            Assert.Equal(ids[7..], missed);
        }
        text = await SubscribersSeen(service, 0);
        Assert.Equal(15, Derivations(text));
        Assert.Equal(10, Sample(text, "timeline_feed_alert_cache_entries"));
    }

    [Fact]
    public async Task the_cache_lets_the_oldest_go_when_what_it_keeps_weighs_more_than_its_byte_budget_and_reports_the_weight()
    {
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string> { ["Timeline__AlertCacheBytes"] = "32768" });
        await using (var listener = await SseClient.ConnectAsync(service.NewClient(), $"/api/subscribe?party={_party}&newSource=true"))
        {
            await SubscribersSeen(service, 1);
            // Fifteen new sources in one series: each change carries the estimate with every source so far, larger each time.
            for (var i = 0; i < 15; i++) await Record(service, Api.Figure(Api.Unique(), 1000 + i, $"2025-01-{10 + i}", party: _party));
            for (var i = 0; i < 15; i++) await listener.NextAsync();
        }
        var text = await SubscribersSeen(service, 0);
        Assert.Equal(15, Derivations(text));
        var (entries, bytes) = (Sample(text, "timeline_feed_alert_cache_entries"), Sample(text, "timeline_feed_alert_cache_bytes"));
        Measured.Report($"alert cache at a budget of 32,768 bytes: {entries} of 15 events kept, {bytes} bytes");
        Assert.NotNull(bytes);
        Assert.InRange(bytes.Value, 1, 32768);
        Assert.True(entries is > 0 and < 15, $"{entries} events kept in {bytes} bytes"); // the count limit (10,000) would keep all fifteen
    }

    [Fact]
    public async Task a_cache_smaller_than_the_resume_limit_is_refused_at_start_naming_both_settings()
    {
        var database = await TestCluster.NewDatabaseAsync();
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => AppFixture.StartHostAsync(database, more: b =>
        {
            b.UseSetting("Timeline:AlertCacheEvents", "10");
            b.UseSetting("Timeline:Limits:AlertResumeEvents", "100");
        }));
        Assert.Contains("Timeline:AlertCacheEvents must be at least Timeline:Limits:AlertResumeEvents", failure.ToString());
    }

    [Fact]
    public async Task an_alert_subscription_resumes_at_most_the_configured_number_of_events_back_and_a_plain_one_from_anywhere()
    {
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string> { ["Timeline__Limits__AlertResumeEvents"] = "10" });
        var sequences = new List<long>();
        for (var i = 0; i < 12; i++) sequences.Add(await Record(service, Api.Figure(Api.Unique(), 1000 + i, $"2025-01-{10 + i}", party: _party)));
        var latest = sequences[^1];
        var url = $"/api/subscribe?party={_party}&newSource=true";

        async Task<JsonElement> Refused(string resumeUrl, string? lastEventId, string field)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, resumeUrl);
            request.Headers.Accept.ParseAdd("text/event-stream");
            if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
            using var response = await service.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
            return messages;
        }

        var tooFar = await Refused($"{url}&after={latest - 11}", null, "after");
        Assert.Contains("at most 10 events back", tooFar[0].GetString());
        Assert.Contains($"/api/changes?knownFrom={latest - 11}", tooFar[0].GetString());
        await Refused($"{url}&after=0", null, "after");
        await Refused(url, (latest - 11).ToString(CultureInfo.InvariantCulture), "Last-Event-ID");

        // Ten back is allowed: the alerts of the last ten events, in order.
        await using (var resumed = await SseClient.ConnectAsync(service.NewClient(), $"{url}&after={latest - 10}"))
        {
            Assert.Equal(HttpStatusCode.OK, resumed.Response.StatusCode);
            var expected = sequences.Where(s => s > latest - 10).Select(s => $"{s}.0").ToList();
            var heard = new List<string>();
            foreach (var _ in expected) heard.Add((await resumed.NextAsync()).EventId!);
            Assert.Equal(expected, heard);
        }

        // Events themselves are not derived: a plain subscription resumes from the start of the log.
        await using var plain = await SseClient.ConnectAsync(service.NewClient(), $"/api/subscribe?party={_party}&after=0");
        Assert.Equal(HttpStatusCode.OK, plain.Response.StatusCode);
        Assert.Equal(sequences[0].ToString(CultureInfo.InvariantCulture), (await plain.NextAsync()).EventId);
    }
}

// The live fan-out: subscribers grouped by filter (one evaluation per distinct filter per event),
// one frame shared byte for byte, and a subscriber that stops reading closed rather than buffered
// for, then resumed by its last id without gap or duplicate.
using System.Diagnostics.Metrics;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class FanOut(SharedApp app)
{
    readonly string _party = Api.UniqueParty();

    static long Value(SseItem<string> item) =>
        ((JsonElement)Feeds.Parse(item.Data).Data!).GetProperty("figure").GetProperty("value").GetInt64();

    [Fact]
    public async Task subscribers_of_one_filter_receive_the_same_frames_byte_for_byte()
    {
        using var client = app.Host.Server.CreateClient();
        using var first = await client.GetAsync($"/api/subscribe?party={_party}", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        using var second = await client.GetAsync($"/api/subscribe?party={_party}", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await using var a = await first.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        await using var b = await second.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var who = Api.Unique();
        for (var i = 1; i <= 3; i++) await app.Host.RecordedAsync(Api.Figure(who, i, party: _party));

        var framesA = await FramesAsync(a, 3);
        var framesB = await FramesAsync(b, 3);

        Assert.Equal(3, framesA.Count);
        Assert.Equal(framesA, framesB);
        Assert.All(framesA, f => Assert.StartsWith("id: ", f));
    }

    /// <summary>The first <paramref name="count"/> event frames of a raw stream, as written (retry hint and heartbeats left out).</summary>
    static async Task<List<string>> FramesAsync(Stream stream, int count)
    {
        var buffer = new byte[8192];
        var text = new StringBuilder();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var frames = text.ToString().Split("\n\n").SkipLast(1).Where(f => f.StartsWith("id: ", StringComparison.Ordinal)).ToList();
            if (frames.Count >= count) return frames.Take(count).ToList();
            var read = await stream.ReadAsync(buffer, cts.Token);
            if (read == 0) return frames;
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
    }

    [Fact]
    public async Task subscribers_grouped_by_filter_each_receive_exactly_what_their_filter_matches()
    {
        var x = Api.Unique("Grouped");
        var otherParty = Api.UniqueParty();
        var urls = new[]
        {
            $"/api/subscribe?party={_party}",
            $"/api/subscribe?party={_party}",
            $"/api/subscribe?party={_party}&measure=wounded",
            $"/api/subscribe?party={_party}&statedBy={Uri.EscapeDataString(x)}",
            $"/api/subscribe?party={otherParty}",
        };
        var clients = await Task.WhenAll(urls.Select(u => SseClient.ConnectAsync(app.Host, u)));
        try
        {
            await app.Host.RecordedAsync(Api.Figure(x, 1, party: _party, measure: "killed"));
            await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 2, party: _party, measure: "wounded"));
            await app.Host.RecordedAsync(Api.Figure(x, 3, party: _party, measure: "wounded"));
            await app.Host.RecordedAsync(Api.Figure(x, 4, party: otherParty, measure: "killed"));
            long[][] expected = [[1, 2, 3], [1, 2, 3], [2, 3], [1, 3], [4]];

            for (var i = 0; i < clients.Length; i++)
            {
                var got = new List<long>();
                foreach (var _ in expected[i]) got.Add(Value(await clients[i].NextAsync()));
                Assert.Equal(expected[i], got);
                Assert.True(await clients[i].NothingWithinAsync(TimeSpan.FromMilliseconds(300)), $"{urls[i]} received more");
            }
        }
        finally
        {
            foreach (var c in clients) await c.DisposeAsync();
        }
    }
}

/// <summary>The fan-out's own instruments on one host: its meters only, not other hosts' in this process.</summary>
sealed class FanOutMeters : IDisposable
{
    readonly MeterListener _listener = new();
    readonly Dictionary<string, long> _values = [];

    public FanOutMeters(IAlbaHost host)
    {
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Timeline.Feed" && ReferenceEquals(instrument.Meter.Scope, meters)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (_values)
                _values[instrument.Name] = instrument.IsObservable ? value : _values.GetValueOrDefault(instrument.Name) + value;
        });
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => { lock (_values) _values[instrument.Name] = value; });
        _listener.Start();
    }

    public long this[string name]
    {
        get
        {
            _listener.RecordObservableInstruments();
            lock (_values) return _values.GetValueOrDefault(name);
        }
    }

    public void Dispose() => _listener.Dispose();
}

public sealed class SmallQueueApp() : LimitedApp(("Timeline:Limits:SseQueueEvents", "10"));

public sealed class SlowConsumers(SmallQueueApp app) : IClassFixture<SmallQueueApp>
{
    [Fact]
    public async Task a_subscriber_that_stops_reading_is_closed_and_resumes_from_its_last_id_without_gap_or_duplicate()
    {
        using var meters = new FanOutMeters(app.Host);
        var party = Api.UniqueParty();
        var who = Api.Unique("Slow");
        using var client = app.Host.Server.CreateClient();
        using var response = await client.GetAsync($"/api/subscribe?party={party}", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        await Eventually.Until(() => Task.FromResult(meters["timeline.feed.grouped_subscribers"]), n => n >= 1, what: "the subscriber joining the fan-out");
        var dropped = meters["timeline.feed.subscribers_dropped"];

        // It reads nothing while 300 events (far more than its queue of 10 and the transport's buffer) are recorded.
        var batch = new JsonArray(Enumerable.Range(1, 300).Select(i => (JsonNode)Api.Figure(who, i, party: party)).ToArray());
        var (status, body, _) = await app.Host.PostAsync("/api/statements/batch", batch);
        Assert.True((int)status is 200 or 201, body.ToString());
        await Eventually.Until(() => Task.FromResult(meters["timeline.feed.subscribers_dropped"]), n => n > dropped, what: "the slow subscriber being dropped");

        // What reached it before it was closed, then the stream's end.
        var received = new List<long>();
        string? lastId = null;
        try
        {
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(TestContext.Current.CancellationToken))
            {
                received.Add(Value(item));
                lastId = item.EventId;
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException) { /* aborted: what it read stands */ }
        Assert.True(received.Count < 300, "the stream was closed before everything was written");

        await using var again = await SseClient.ConnectAsync(app.Host, $"/api/subscribe?party={party}" + (lastId is null ? "&after=0" : ""), lastEventId: lastId);
        while (received.Count < 300) received.Add(Value(await again.NextAsync()));

        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), received);
        Assert.True(await again.NothingWithinAsync(TimeSpan.FromMilliseconds(300)));
    }

    static long Value(SseItem<string> item) =>
        ((JsonElement)Feeds.Parse(item.Data).Data!).GetProperty("figure").GetProperty("value").GetInt64();
}

public sealed class QuietApp() : LimitedApp;

public sealed class FilterGroups(QuietApp app) : IClassFixture<QuietApp>
{
    [Fact]
    public async Task each_distinct_filter_is_evaluated_once_per_event_however_many_subscribe_with_it()
    {
        using var meters = new FanOutMeters(app.Host);
        var party = Api.UniqueParty();
        var urls = new[] { party, party, party, party + "&measure=wounded", party + "&measure=wounded" }.Select(p => $"/api/subscribe?party={p}").ToArray();
        var clients = await Task.WhenAll(urls.Select(u => SseClient.ConnectAsync(app.Host, u)));
        try
        {
            await Eventually.Until(() => Task.FromResult((meters["timeline.feed.grouped_subscribers"], meters["timeline.feed.filter_groups"])),
                seen => seen == (5, 2), what: "five subscribers in two groups");
            var before = meters["timeline.feed.filter_evaluations"];

            var who = Api.Unique();
            var batch = new JsonArray(Enumerable.Range(1, 4).Select(i => (JsonNode)Api.Figure(who, i, party: party, measure: "wounded")).ToArray());
            var (status, body, _) = await app.Host.PostAsync("/api/statements/batch", batch);
            Assert.True((int)status is 200 or 201, body.ToString());
            foreach (var c in clients)
                for (var i = 1; i <= 4; i++) Assert.Equal(i, Value(await c.NextAsync()));

            // Four events, two distinct filters: eight evaluations, not twenty.
            await Eventually.Until(() => Task.FromResult(meters["timeline.feed.filter_evaluations"] - before), n => n == 8, what: "eight filter evaluations");
        }
        finally
        {
            foreach (var c in clients) await c.DisposeAsync();
        }
    }

    static long Value(SseItem<string> item) =>
        ((JsonElement)Feeds.Parse(item.Data).Data!).GetProperty("figure").GetProperty("value").GetInt64();
}

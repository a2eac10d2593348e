// What an instance tells Pushpin, read off the wire with a stand-in for Pushpin's publish endpoint:
// a subscribe request Pushpin signed gets the catch-up and the filter's channel to hold; each event
// is published once to every channel whose filter it passes, with the channel's previous event as
// prev-id; an unsigned request, a wrong key, or a filter without a channel is held by the instance.
using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alba;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class PushpinAnswers : IAsyncLifetime
{
    const string Key = "test-pushpin-key-0123456789abcdef";
    Receiver _pushpin = null!;
    IAlbaHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _pushpin = await Receiver.StartAsync();
        _host = TestCluster.Running(await AppFixture.StartHostAsync(await TestCluster.NewDatabaseAsync(), more: b =>
        {
            b.UseSetting("Timeline:Pushpin:Enabled", "true");
            b.UseSetting("Timeline:Pushpin:PublishUrl", $"{_pushpin.BaseUrl}/publish/");
            b.UseSetting("Timeline:Pushpin:SignatureKey", Key);
        }));
    }

    public async ValueTask DisposeAsync()
    {
        await TestCluster.StopAsync(_host);
        await _pushpin.DisposeAsync();
    }

    [Fact]
    public async Task a_request_pushpin_signed_gets_the_catch_up_and_the_channel_and_each_event_goes_once_to_each_channel_it_passes()
    {
        var party = Api.UniqueParty();
        var http = _host.Server.CreateClient();
        // Before anything of the party: held on its channel, with no earlier event on it.
        var fresh = await Eventually.Until(() => SubscribeAsync(http, $"kind=figure&party={party}", Sign(Key)),
            r => r.Headers.Contains("Grip-Hold"), TimeSpan.FromSeconds(20), "the publisher having started");
        Assert.Equal("stream", fresh.Headers.GetValues("Grip-Hold").Single());
        Assert.Equal($"timeline.kind=figure.party={party}; prev-id=0", fresh.Headers.GetValues("Grip-Channel").Single());
        Assert.StartsWith($"</api/subscribe?kind=figure&party={party}&after=", fresh.Headers.GetValues("Grip-Link").Single());
        // Nothing to catch up on, but an id: the client's Last-Event-ID from the start, so a stream Pushpin
        // closes resumes where it began, not at whatever is recorded when the client reconnects.
        var freshBody = await fresh.Content.ReadAsStringAsync();
        var from = fresh.Headers.GetValues("Grip-Link").Single().Split("after=")[1].Split('>')[0];
        Assert.Equal($"retry: 3000\n\nid: {from}\n\n", freshBody);
        Assert.Equal(from, LastEventId(freshBody));

        await _host.RecordedAsync(Api.Figure(Api.Unique(), 100, party: party));
        await _host.RecordedAsync(Api.Figure(Api.Unique(), 200, party: party));
        var published = await Eventually.Until(() => Task.FromResult(Items().Where(i => i.Channel.Contains(party, StringComparison.Ordinal)).ToList()),
            items => items.Select(i => i.Id).Distinct().Count() == 2, TimeSpan.FromSeconds(20), "both events published");
        var (first, second) = (published.Min(i => i.Id), published.Max(i => i.Id));
        // A figure about one party: 2 kinds × 2 parties × 2 measures (each named or not), each channel once.
        string[] channels =
        [
            $"timeline.party={party}", $"timeline.party={party}.measure=killed", $"timeline.kind=figure.party={party}",
            $"timeline.kind=figure.party={party}.measure=killed",
        ];
        foreach (var id in new[] { first, second })
            Assert.Equal(channels.Order(), published.Where(i => i.Id == id).Select(i => i.Channel).Order());
        Assert.All(published.Where(i => i.Id == first), i => Assert.Equal("0", i.PrevId));
        Assert.All(published.Where(i => i.Id == second), i => Assert.Equal(first.ToString(CultureInfo.InvariantCulture), i.PrevId));
        Assert.Contains($"id: {first}\nevent: figure-reported\ndata: ", published.First(i => i.Id == first).Content);
        // Everything else the events passed (no filter, kind alone, measure alone) went to its own channel, once.
        Assert.Equal(8, Items().Count(i => i.Id == second));

        // Resuming after the first: the second as catch-up, and the channel's next message must follow it.
        // (Once the publisher has recorded how far it published: the catch-up goes no further.)
        var resumed = await Eventually.Until(() => SubscribeAsync(http, $"kind=figure&party={party}", Sign(Key), lastEventId: first.ToString(CultureInfo.InvariantCulture)),
            r => r.Headers.GetValues("Grip-Channel").Single().EndsWith($"prev-id={second}", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "the second event published and recorded");
        var body = await resumed.Content.ReadAsStringAsync();
        Assert.Contains($"id: {second}\n", body);
        Assert.DoesNotContain($"id: {first}\n", body);
        Assert.Equal($"timeline.kind=figure.party={party}; prev-id={second}", resumed.Headers.GetValues("Grip-Channel").Single());

        // Pushpin asking again after a missed message names the last id it passed on: the rest, without the retry hint.
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/subscribe?kind=figure&party={party}&after=0");
        again.Headers.Add("Grip-Sig", Sign(Key));
        again.Headers.Add("Grip-Last", $"timeline.kind=figure.party={party}; last-id={first}");
        using var recovered = await http.SendAsync(again);
        Assert.Equal(resumed.Headers.GetValues("Grip-Channel").Single(), recovered.Headers.GetValues("Grip-Channel").Single());
        Assert.Equal(body.Replace("retry: 3000\n\n", "", StringComparison.Ordinal), await recovered.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task an_answer_given_before_the_publisher_recorded_its_last_message_has_pushpin_ask_again_within_a_second()
    {
        var party = Api.UniqueParty();
        var http = _host.Server.CreateClient();
        var channel = $"timeline.party={party}";
        await Eventually.Until(() => SubscribeAsync(http, $"party={party}", Sign(Key)), r => r.Headers.Contains("Grip-Hold"), TimeSpan.FromSeconds(20), "the publisher having started");
        var first = (await _host.Record(Api.Figure(Api.Unique(), 100, party: party))).Sequence;
        // Published and recorded: the answer is complete, and Pushpin need not ask again for a while.
        var settled = await Eventually.Until(() => RecoverAsync(http, party, first),
            r => r.Link.EndsWith("timeout=120", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "the first event published and recorded");
        Assert.Equal($"{channel}; prev-id={first}", settled.Channel);

        // Pushpin takes the next message but the publisher has not recorded it yet (its POST is held):
        // Pushpin may hold that message already, and an answer short of it would have Pushpin drop it
        // and wait for a message that may never come. It must ask again soon instead.
        _pushpin.Answer(200, delay: TimeSpan.FromSeconds(10));
        var second = (await _host.Record(Api.Figure(Api.Unique(), 200, party: party))).Sequence;
        var early = await RecoverAsync(http, party, first);
        Assert.True(early.Link.EndsWith("timeout=1", StringComparison.Ordinal), $"answered before the publisher recorded {second}: {early.Link}");
        Assert.Equal($"{channel}; prev-id={first}", early.Channel);
        Assert.DoesNotContain($"id: {second}\n", early.Body);

        // Asked again once the publisher has recorded it: the event, and the long recheck.
        var late = await Eventually.Until(() => RecoverAsync(http, party, first),
            r => r.Link.EndsWith("timeout=120", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the second event published and recorded");
        Assert.Equal($"{channel}; prev-id={second}", late.Channel);
        Assert.Contains($"id: {second}\nevent: figure-reported\n", late.Body);
    }

    [Fact]
    public async Task while_the_publisher_is_stalled_pushpin_asks_again_less_and_less_often_up_to_the_usual_recheck()
    {
        var party = Api.UniqueParty();
        var http = _host.Server.CreateClient();
        await Eventually.Until(() => SubscribeAsync(http, $"party={party}", Sign(Key)), r => r.Headers.Contains("Grip-Hold"), TimeSpan.FromSeconds(20), "the publisher having started");
        var first = (await _host.Record(Api.Figure(Api.Unique(), 100, party: party))).Sequence;
        var settled = await Eventually.Until(() => RecoverAsync(http, party, first),
            r => r.Link.EndsWith("timeout=120", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "the first event published and recorded");
        Assert.DoesNotContain("recheck=", settled.Link);

        // The publisher stalls (its POST held) with the next event recorded: Pushpin follows each link it
        // is given, and each answer, still short of that event, puts the next request twice as far off.
        _pushpin.Answer(200, delay: TimeSpan.FromSeconds(15));
        var second = (await _host.Record(Api.Figure(Api.Unique(), 200, party: party))).Sequence;
        var link = settled.Link;
        var waits = new List<int>();
        for (var i = 0; i < 9; i++)
        {
            var answer = await RecoverAsync(http, party, first, Path(link));
            Assert.Equal($"timeline.party={party}; prev-id={first}", answer.Channel);
            Assert.DoesNotContain($"id: {second}\n", answer.Body);
            waits.Add(int.Parse(answer.Link.Split("timeout=")[1], CultureInfo.InvariantCulture));
            link = answer.Link;
        }
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 120, 120], waits);

        // Once the publisher has recorded it: the event, the usual recheck, and the next stall starts again at a second.
        var late = await Eventually.Until(() => RecoverAsync(http, party, first, Path(link)),
            r => r.Channel.EndsWith($"prev-id={second}", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the second event published and recorded");
        Assert.Contains($"id: {second}\nevent: figure-reported\n", late.Body);
        Assert.EndsWith("timeout=120", late.Link, StringComparison.Ordinal);
        Assert.DoesNotContain("recheck=", late.Link);

        static string Path(string link) => link.Split('<')[1].Split('>')[0];
    }

    // Pushpin asking again for a stream on party's channel that had everything up to `last` (following `path` when given).
    static async Task<(string Channel, string Link, string Body)> RecoverAsync(HttpClient http, string party, long last, string? path = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path ?? $"/api/subscribe?party={party}&after={last}");
        request.Headers.Add("Grip-Sig", Sign(Key));
        request.Headers.Add("Grip-Last", $"timeline.party={party}; last-id={last}");
        using var response = await http.SendAsync(request);
        Assert.True(response.Headers.Contains("Grip-Hold"), $"not handed to Pushpin: {(int)response.StatusCode}");
        return (response.Headers.GetValues("Grip-Channel").Single(), response.Headers.GetValues("Grip-Link").Single(), await response.Content.ReadAsStringAsync());
    }

    // The Last-Event-ID an EventSource would send after reading this body.
    static string? LastEventId(string body)
    {
        var parser = System.Net.ServerSentEvents.SseParser.Create(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        foreach (var _ in parser.Enumerate()) { }
        return parser.LastEventId is { Length: > 0 } id ? id : null;
    }

    [Fact]
    public async Task an_unsigned_request_a_wrong_key_or_a_filter_without_a_channel_is_held_by_the_instance()
    {
        var http = _host.Server.CreateClient();
        await Eventually.Until(() => SubscribeAsync(http, "party=x", Sign(Key)), r => r.Headers.Contains("Grip-Hold"), TimeSpan.FromSeconds(20), "the publisher having started");
        foreach (var (query, signature) in new[]
                 {
                     ("party=x", null), ("party=x", Sign("another-key-0123456789abcdefgh")), ("party=x", Sign(Key, expiresIn: -60)),
                     ("party=x&statedBy=Ministry", Sign(Key)), ("party=x&minChange=0.1", Sign(Key)),
                 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/subscribe?{query}");
            if (signature is not null) request.Headers.Add("Grip-Sig", signature);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Grip-Hold"), $"{query} signed {signature is not null} was handed to Pushpin");
            Assert.Null(response.Content.Headers.ContentLength); // a stream the instance keeps open
        }
    }

    static async Task<HttpResponseMessage> SubscribeAsync(HttpClient http, string query, string signature, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/subscribe?{query}");
        request.Headers.Add("Grip-Sig", signature);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.Headers.Contains("Grip-Hold")) response.Dispose(); // held by the instance: not ours to read
        return response;
    }

    sealed record Item(string Channel, long Id, string PrevId, string Content);

    List<Item> Items() =>
    [
        .. _pushpin.Requests.Where(r => r.Path == "/publish/").SelectMany(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("items").EnumerateArray())
            .Select(i => new Item(i.GetProperty("channel").GetString()!, long.Parse(i.GetProperty("id").GetString()!, CultureInfo.InvariantCulture),
                i.GetProperty("prev-id").GetString()!, i.GetProperty("formats").GetProperty("http-stream").GetProperty("content").GetString()!)),
    ];

    /// <summary>A Grip-Sig as Pushpin makes one: a JWT (HS256) with iss and exp.</summary>
    static string Sign(string key, int expiresIn = 3600)
    {
        static string Part(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
        var head = $"{Part("""{"typ":"JWT","alg":"HS256"}""")}.{Part($$"""{"iss":"pushpin","exp":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds() + expiresIn}}}""")}";
        return $"{head}.{Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(head)))}";
    }
}

// Pushpin, the fan-out engine, in front of the one-box topology as `.ci/cluster up` starts it: a
// thousand subscribers held by Pushpin, the instance publishing to it killed with SIGKILL midway,
// and every subscriber ending with every event once and in order; a client resuming by
// Last-Event-ID through Pushpin gets exactly what it missed.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class FanOutEngine : IAsyncLifetime
{
    const int Subscribers = 1_000;
    readonly string _dir = Path.Combine(Path.GetTempPath(), $"tl-fan-{Guid.NewGuid():N}"[..20]);
    readonly string _key = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "fanout";
    Dictionary<string, string> _env = [];
    string _nginx = "", _pushpin = "";
    int _appPort;

    public async ValueTask InitializeAsync()
    {
        var nginxPort = Ports.Free(1);
        var pgPort = Ports.Free(2);
        _appPort = Ports.Free(3);
        var pushpinPort = Ports.Free(1);
        var controlPort = Ports.Free(4);
        _nginx = $"http://127.0.0.1:{nginxPort}";
        _pushpin = $"http://127.0.0.1:{pushpinPort}";
        var dll = Path.Combine(AppContext.BaseDirectory.Replace(Path.Combine("tests", "Timeline.Tests", "bin"), Path.Combine("src", "Timeline", "bin"), StringComparison.Ordinal), "Timeline.dll");
        _env = new()
        {
            ["TIMELINE_CLUSTER_DIR"] = _dir,
            ["TIMELINE_CLUSTER_PORT"] = nginxPort.ToString(CultureInfo.InvariantCulture),
            ["TIMELINE_CLUSTER_PG_PORT"] = pgPort.ToString(CultureInfo.InvariantCulture),
            ["TIMELINE_CLUSTER_APP_PORT"] = _appPort.ToString(CultureInfo.InvariantCulture),
            ["TIMELINE_CLUSTER_PUSHPIN_PORT"] = pushpinPort.ToString(CultureInfo.InvariantCulture),
            ["TIMELINE_CLUSTER_PUSHPIN_CONTROL_PORT"] = controlPort.ToString(CultureInfo.InvariantCulture),
            ["TIMELINE_CLUSTER_DLL"] = dll,
            ["TIMELINE_API_KEY"] = _key,
            // Every request here comes from loopback: the per-address read limit is lifted.
            ["Timeline__Limits__ReadsPerSecond"] = "100000",
            ["Timeline__Limits__ReadBurst"] = "100000",
        };
        var (code, output) = await Cluster("up");
        if (code != 0) await Cluster("down");
        Assert.True(code == 0, output);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster("down");
        var (_, status) = await Cluster("status");
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        Assert.DoesNotContain(": running", status);
    }

    [Fact]
    public async Task a_thousand_subscribers_through_pushpin_get_every_event_once_and_in_order_when_the_publishing_instance_is_killed()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_nginx) };
        var party = Api.UniqueParty();
        // One handler for every stream (a connection each): the test's own cost stays small.
        using var streams = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri(_pushpin), Timeout = Timeout.InfiniteTimeSpan,
        };
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, Subscribers).Select(_ => new Listener(streams, $"/api/subscribe?party={party}")).ToList();
        var listening = new List<Task>();
        // In waves of 100, as a page's readers arrive: a thousand at once on these two cores had
        // Pushpin's handler time out accepting some of them (a 502; the client tries again).
        foreach (var wave in clients.Chunk(100))
        {
            listening.AddRange(wave.Select(c => c.RunAsync(stop.Token)));
            await Eventually.Until(() => Task.FromResult(wave.Count(c => c.Connected)), n => n == wave.Length, TimeSpan.FromSeconds(60), "a wave of subscribers held by Pushpin");
        }

        var acknowledged = new List<long>();
        var publisher = await PublisherAsync();
        var killedAt = DateTimeOffset.MinValue;
        for (var i = 0; i < 30; i++)
        {
            if (i == 10)
            {
                // The instance publishing to Pushpin dies with nothing said; another must go on from where it stopped.
                var pid = int.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, $"instance-{publisher + 1}.pid")), CultureInfo.InvariantCulture);
                Process.GetProcessById(pid).Kill();
                killedAt = DateTimeOffset.UtcNow;
            }
            acknowledged.Add(await PostAsync(http, Api.Figure(Api.Unique(), 1000 + i, "2025-02-01", party: party).ToJsonString(), Guid.NewGuid().ToString()));
        }
        try
        {
            await Eventually.Until(() => Task.FromResult(clients.Count(c => c.Count >= acknowledged.Count)), n => n == Subscribers, TimeSpan.FromSeconds(60),
                "every subscriber having every acknowledged event");
        }
        catch (TimeoutException)
        {
            Assert.Fail(Shortfall(clients, acknowledged, publisher));
        }
        var allAt = DateTimeOffset.UtcNow;
        await stop.CancelAsync();
        await Task.WhenAll(listening);
        // Each once, in order, nothing else.
        if (clients.Any(c => !c.Received.SequenceEqual(acknowledged))) Assert.Fail(Shortfall(clients, acknowledged, publisher));
        // Pushpin held the streams: the kill touches no stream, and one ends only when Pushpin's request to ask
        // again fails five times over; a few of those under the kill's load are allowed (5 %), a change that had
        // Pushpin close the streams and the clients reconnect would drop about all 1,000. A stream that did end
        // resumed from at least the last event its client had.
        var dropped = clients.Sum(c => c.Dropped);
        Assert.True(dropped <= Subscribers / 20, $"{dropped} streams of {Subscribers} closed by Pushpin (at most {Subscribers / 20} allowed)");
        foreach (var (sent, had) in clients.SelectMany(c => c.Resumes))
            if (had is { } h) Assert.True(sent is not null && long.Parse(sent.Split('.')[0], CultureInfo.InvariantCulture) >= h, $"resumed with Last-Event-ID {sent ?? "none"} after receiving {h}");
        var now = await PublisherAsync();
        Assert.NotEqual(publisher, now);

        // A client that stopped after the tenth event resumes through Pushpin by Last-Event-ID: the rest, once each.
        // One attempt: Pushpin's route lists every instance, so with the first one dead it asks the next.
        await using (var resumed = await SseClient.ConnectAsync(new HttpClient { BaseAddress = new Uri(_pushpin), Timeout = Timeout.InfiniteTimeSpan },
            $"/api/subscribe?party={party}", acknowledged[9].ToString(CultureInfo.InvariantCulture)))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, resumed.Response.StatusCode);
            var rest = new List<long>();
            for (var i = 10; i < acknowledged.Count; i++) rest.Add(long.Parse((await resumed.NextAsync()).EventId!, CultureInfo.InvariantCulture));
            Assert.Equal(acknowledged[10..], rest);
            Assert.True(await resumed.NothingWithinAsync(TimeSpan.FromMilliseconds(300)));
        }

        Measured.Report($"{Subscribers} subscribers through Pushpin, publishing instance killed (SIGKILL) after 10 of 30 writes: " +
            $"all {Subscribers * acknowledged.Count:N0} deliveries made, each once and in order, {(allAt - killedAt).TotalSeconds:F1} s from the kill to the last; " +
            $"{clients.Sum(c => c.Dropped)} streams closed and resumed by Last-Event-ID; {clients.Sum(c => c.Refused)} subscribe requests refused while connecting and tried again.");
    }

    // What went wrong first (which subscribers, what they last had, how their streams went), then the
    // evidence: the cluster's logs kept in a folder of their own before the fixture removes them.
    string Shortfall(List<Listener> clients, List<long> acknowledged, int publisher)
    {
        var wrong = clients.Select((c, i) => (Index: i, Client: c, Received: c.Received)).Where(x => !x.Received.SequenceEqual(acknowledged)).ToList();
        var kept = Path.Combine(Path.GetTempPath(), $"fanout-failed-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(kept);
        foreach (var log in Directory.GetFiles(_dir, "*.log")) File.Copy(log, Path.Combine(kept, Path.GetFileName(log)), overwrite: true);
        var report = new StringBuilder($"{wrong.Count} of {clients.Count} subscribers did not get exactly the {acknowledged.Count} events " +
            $"({acknowledged[0]}–{acknowledged[^1]}; instance {publisher + 1} published the first and was killed after the tenth):\n");
        // Subscribers that went the same way are one line: what they had, their last event, and their streams.
        foreach (var g in wrong.GroupBy(x => (x.Received.Count, Last: x.Received.LastOrDefault(), x.Client.Dropped, x.Client.Refused, x.Client.LastEventId)).OrderByDescending(g => g.Count()).Take(10))
        {
            var sample = g.First().Received;
            var missing = acknowledged.Except(sample).ToList();
            report.Append(CultureInfo.InvariantCulture, $"  {g.Count()} (subscribers #{string.Join(", #", g.Take(5).Select(x => x.Index))}{(g.Count() > 5 ? ", …" : "")}): " +
                $"received {g.Key.Count}, the last {g.Key.Last}, missing {(missing.Count == 0 ? "none" : string.Join(",", missing.Take(12)) + (missing.Count > 12 ? ",…" : ""))}" +
                $"{(sample.Count != sample.Distinct().Count() ? ", some twice" : "")}; streams dropped {g.Key.Dropped}, refused {g.Key.Refused}, Last-Event-ID {g.Key.LastEventId ?? "none"}\n");
        }
        report.Append(CultureInfo.InvariantCulture, $"The cluster's logs (Pushpin's, nginx's, each instance's): {kept}");
        return report.ToString();
    }

    /// <summary>The instance (0-based) whose gauge says it publishes to Pushpin, waiting until exactly one does.</summary>
    async Task<int> PublisherAsync()
    {
        using var scrape = new HttpClient();
        var publishers = await Eventually.Until(async () =>
            {
                var found = new List<int>();
                for (var i = 0; i < 3; i++)
                {
                    try
                    {
                        var metrics = await scrape.GetStringAsync($"http://127.0.0.1:{_appPort + i}/metrics");
                        if (metrics.Split('\n').Any(l => l.StartsWith("timeline_feed_pushpin_publisher", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal)))
                            found.Add(i);
                    }
                    catch (HttpRequestException) { }
                }
                return found;
            }, f => f.Count == 1, TimeSpan.FromSeconds(30), "exactly one instance publishing");
        return publishers[0];
    }

    /// <summary>POSTs through nginx, repeating with the same Idempotency-Key when an instance dies under it; the sequence recorded.</summary>
    async Task<long> PostAsync(HttpClient http, string json, string idempotencyKey)
    {
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(200)); // a write refused is sent again at most five times a second
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/statements") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            request.Headers.Authorization = new("Bearer", _key);
            try
            {
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                    return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.As<Wire.Recorded>().Sequence;
                if (attempt == 5) Assert.Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            catch (HttpRequestException) when (attempt < 5) { }
            await pace.WaitForNextTickAsync();
        }
    }

    Task<(int Code, string Output)> Cluster(string command) => Scripts.RunAsync("cluster", command, _env);
}

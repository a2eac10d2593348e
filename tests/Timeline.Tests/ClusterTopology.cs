// The one-box topology as `.ci/cluster up` builds it from Debian's packages — a PostgreSQL primary,
// a pg_basebackup streaming replica, three Timeline instances, nginx in front — exercised through
// nginx over real HTTP: writes, reads from the replica, 304s, nginx's cache answering without the
// instances, and SSE clients riding out an instance killed with SIGKILL.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class ClusterTopology : IAsyncLifetime
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), $"timeline-cluster-{Guid.NewGuid():N}");
    readonly string _key = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "cluster";
    Dictionary<string, string> _env = [];
    string _nginx = "";
    int _appPort;

    public async ValueTask InitializeAsync()
    {
        var nginxPort = Ports.Free(1);
        var pgPort = Ports.Free(2);
        _appPort = Ports.Free(3);
        _nginx = $"http://127.0.0.1:{nginxPort}";
        // The instances run the build these tests run against.
        var dll = Path.Combine(AppContext.BaseDirectory.Replace(Path.Combine("tests", "Timeline.Tests", "bin"), Path.Combine("src", "Timeline", "bin"), StringComparison.Ordinal), "Timeline.dll");
        _env = new()
        {
            ["TIMELINE_CLUSTER_DIR"] = _dir,
            ["TIMELINE_CLUSTER_PORT"] = nginxPort.ToString(CultureInfo.InvariantCulture),
            ["TIMELINE_CLUSTER_PG_PORT"] = pgPort.ToString(CultureInfo.InvariantCulture),
            ["TIMELINE_CLUSTER_APP_PORT"] = _appPort.ToString(CultureInfo.InvariantCulture),
            ["TIMELINE_CLUSTER_DLL"] = dll,
            ["TIMELINE_API_KEY"] = _key,
            // Every client here comes from loopback, through nginx: one address, so its per-address limits are lifted.
            ["Timeline__Limits__SsePerClient"] = "1000",
            ["Timeline__Limits__ReadsPerSecond"] = "100000",
            ["Timeline__Limits__ReadBurst"] = "100000",
            // The webhook receiver here listens on loopback.
            ["Timeline__Webhooks__AllowPrivateAddresses"] = "true",
        };
        var (code, output) = await Cluster("up");
        if (code != 0) await Cluster("down"); // nothing half-started is left running (see PrimaryFailover)
        Assert.True(code == 0, output);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster("down");
        var (_, status) = await Cluster("status");
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        Assert.DoesNotContain(": running", status); // everything it started, stopped
    }

    [Fact]
    public async Task writes_and_reads_go_through_nginx_the_replica_answers_and_the_cache_spares_the_instances_and_sse_clients_survive_a_killed_instance()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_nginx) };
        var party = Api.UniqueParty();

        // A write through nginx, read back at its own sequence: from the replica.
        var sequence = await PostAsync(http, Api.Figure("Ministry", 100, "2025-01-10", party: party).ToJsonString(), Guid.NewGuid().ToString());
        var url = $"/api/estimates?party={party}&asOf=2025-06-01&knownAt={sequence}";
        using (var first = await http.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("replica", first.Headers.GetValues("Timeline-Read-From").Single());
            Assert.Contains("\"value\":100", await first.Content.ReadAsStringAsync());

            // Asked again with its tag: 304.
            using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
            conditional.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.ToString());
            using var notModified = await http.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        // Asked again plainly: nginx answers from its cache, and no instance hears of it.
        var before = await EstimateRequestsAtInstancesAsync();
        using (var cached = await http.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
            Assert.Equal("HIT", cached.Headers.GetValues("X-Cache-Status").Single());
        }
        Assert.Equal(before, await EstimateRequestsAtInstancesAsync());

        // Fifty SSE clients through nginx; statements keep arriving; one instance is killed with SIGKILL.
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 50).Select(_ => new Listener(_nginx, $"/api/subscribe?party={party}")).ToList();
        var listening = clients.Select(c => c.RunAsync(stop.Token)).ToList();
        await Eventually.Until(() => Task.FromResult(clients.All(c => c.Connected)), ok => ok, TimeSpan.FromSeconds(30), "fifty clients connected");
        var acknowledged = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            if (i == 10)
            {
                var pid = int.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "instance-1.pid")), CultureInfo.InvariantCulture);
                Process.GetProcessById(pid).Kill();
            }
            acknowledged.Add(await PostAsync(http, Api.Figure(Api.Unique(), 1000 + i, "2025-02-01", party: party).ToJsonString(), Guid.NewGuid().ToString()));
        }
        try
        {
            await Eventually.Until(() => Task.FromResult(clients.All(c => acknowledged.All(c.Received.Contains))), ok => ok, TimeSpan.FromSeconds(30),
                "every client having every acknowledged event");
        }
        catch (TimeoutException)
        {
            var short_ = clients.Where(c => !acknowledged.All(c.Received.Contains)).ToList();
            Assert.Fail($"{short_.Count} clients lack events; e.g. missing {string.Join(",", acknowledged.Except(short_[0].Received))}, " +
                $"received {string.Join(",", short_[0].Received)}, reconnections {short_[0].Reconnections}, acknowledged {string.Join(",", acknowledged)}");
        }
        await stop.CancelAsync();
        await Task.WhenAll(listening);
        foreach (var c in clients)
        {
            var figures = c.Received.Where(acknowledged.Contains).ToList();
            Assert.Equal(acknowledged, figures); // each once, in order, across the reconnection
        }
        Assert.Contains(clients, c => c.Reconnections > 0); // some were on the killed instance
    }

    [Fact]
    public async Task when_the_instance_running_the_webhook_fan_out_is_killed_another_takes_over_and_every_event_is_delivered()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_nginx) };
        await using var receiver = await Receiver.StartAsync();
        var party = Api.UniqueParty();
        using (var register = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks")
        {
            Content = new StringContent(new JsonObject { ["url"] = receiver.Url, ["filter"] = new JsonObject { ["party"] = party } }.ToJsonString(), Encoding.UTF8, "application/json"),
        })
        {
            register.Headers.Authorization = new("Bearer", _key);
            using var created = await http.SendAsync(register);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // Five statements fanned out by whichever instance holds the daemon's leadership; that one is killed.
        for (var i = 0; i < 5; i++) await PostAsync(http, Api.Figure(Api.Unique(), 2000 + i, "2025-02-01", party: party).ToJsonString(), Guid.NewGuid().ToString());
        await receiver.WaitForAsync(5, TimeSpan.FromSeconds(60));
        var fannedOut = await FanOutCountsAsync();
        var runner = fannedOut.Single(f => f.Value > 0).Key;
        var pid = int.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, $"instance-{runner + 1}.pid")), CultureInfo.InvariantCulture);
        Process.GetProcessById(pid).Kill();
        var killedAt = DateTimeOffset.UtcNow;

        // Ten more, through the instances left: another takes the fan-out over, and every event is delivered.
        for (var i = 5; i < 15; i++) await PostAsync(http, Api.Figure(Api.Unique(), 2000 + i, "2025-02-01", party: party).ToJsonString(), Guid.NewGuid().ToString());
        var delivered = await receiver.WaitForAsync(15, TimeSpan.FromSeconds(90));
        await Eventually.Until(() => Task.FromResult(receiver.Requests.Select(Value).Distinct().Count()), n => n == 15, TimeSpan.FromSeconds(90), "every event delivered");
        delivered = receiver.Requests;
        Assert.Equal(Enumerable.Range(2000, 15).Select(v => (long)v), delivered.Select(Value).Distinct().Order());
        var after = await FanOutCountsAsync();
        Assert.Contains(after, f => f.Key != runner && f.Value > 0);

        // At least once: a delivery is repeated only when the killed instance made it and died before recording it.
        var repeated = delivered.GroupBy(Value).Where(g => g.Count() > 1).ToList();
        Assert.All(repeated, g => Assert.True(g.Min(r => r.At) <= killedAt, $"{g.Key} was delivered twice, first after the kill"));
        var firstAfter = delivered.Where(r => Value(r) >= 2005).Min(r => r.At);
        Measured.Report($"Webhook fan-out instance killed (SIGKILL); first event recorded after it delivered {(firstAfter - killedAt).TotalSeconds:F1} s after the kill; " +
            $"{delivered.Count} deliveries for 15 events ({repeated.Count} repeated).");

        static long Value(Received r) => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("figure").GetProperty("value").GetInt64();
    }

    /// <summary>POSTs through nginx, repeating with the same Idempotency-Key when an instance dies under it; the sequence recorded.</summary>
    async Task<long> PostAsync(HttpClient http, string json, string idempotencyKey)
    {
        var attempts = 0;
        var (status, body) = await Eventually.Until(async () =>
            {
                attempts++;
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/statements") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                request.Headers.Add("Idempotency-Key", idempotencyKey);
                request.Headers.Authorization = new("Bearer", _key);
                try
                {
                    using var response = await http.SendAsync(request);
                    return (Status: (HttpStatusCode?)response.StatusCode, Body: await response.Content.ReadAsStringAsync());
                }
                catch (HttpRequestException e) when (attempts < 5) { return (Status: null, Body: e.Message); }
            },
            r => r.Status is { } code && ((int)code < 300 || attempts >= 5), TimeSpan.FromSeconds(60), "the statement recorded");
        Assert.True((int)status!.Value < 300, $"{(int)status.Value}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("sequence").GetInt64();
    }

    /// <summary>How many estimate requests the three instances have answered, by their own metrics.</summary>
    async Task<long> EstimateRequestsAtInstancesAsync() =>
        (await MetricAtInstancesAsync(l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
                                            && l.Contains("http_route=\"/api/estimates\"", StringComparison.Ordinal))).Values.Sum();

    /// <summary>Events each live instance's webhook fan-out has read, by its own metrics (key 0 is instance 1).</summary>
    Task<Dictionary<int, long>> FanOutCountsAsync() =>
        MetricAtInstancesAsync(l => l.StartsWith("timeline_webhooks_fanout", StringComparison.Ordinal));

    /// <summary>The sum of the matching Prometheus sample lines at each instance that answers.</summary>
    async Task<Dictionary<int, long>> MetricAtInstancesAsync(Func<string, bool> sample)
    {
        using var http = new HttpClient();
        var counts = new Dictionary<int, long>();
        for (var i = 0; i < 3; i++)
        {
            var url = $"http://127.0.0.1:{_appPort + i}/metrics";
            string first;
            try { first = await http.GetStringAsync(url); }
            catch (HttpRequestException) { continue; }
            // The exporter answers scrapes from a short-lived cache: a scrape that counts the first one was
            // taken after it, so it holds everything the instance had answered before this was asked.
            var scrapes = Sum(first, IsScrape);
            var fresh = await Eventually.Until(() => http.GetStringAsync(url), m => Sum(m, IsScrape) > scrapes, TimeSpan.FromSeconds(30), $"a fresh scrape of instance {i + 1}");
            counts[i] = Sum(fresh, sample);
        }
        return counts;

        static bool IsScrape(string l) => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
                                          && l.Contains("http_route=\"/metrics\"", StringComparison.Ordinal);
        static long Sum(string metrics, Func<string, bool> sample) => metrics.Split('\n').Where(sample)
            .Sum(l => (long)double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    Task<(int Code, string Output)> Cluster(string command) => Scripts.RunAsync("cluster", command, _env);
}

// Append to Server-Sent Event delivery beside the append round trip.

namespace Timeline.Benchmarks;

public static partial class Scenarios
{
    /// <summary>Append-to-SSE-client latency ÷ the append round trip, with one client and with many.</summary>
    public static async Task<IEnumerable<Result>> NotificationsAsync(Service service, BenchOptions o)
    {
        var results = new List<Result>();
        foreach (var clients in new[] { 1, o.Clients })
        {
            var posts = o.Quick ? 30 : 200;
            Console.WriteLine($"notifications: {posts} appends to {clients} SSE client(s) …");
            var arrivals = new System.Collections.Concurrent.ConcurrentDictionary<string, List<long>>();
            using var stop = new CancellationTokenSource();
            var ready = 0;
            var readers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                // A client of its own, as every subscriber is a separate program.
                using var http = new HttpClient { BaseAddress = new Uri(service.BaseUrl), Timeout = Timeout.InfiniteTimeSpan };
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/subscribe?party=bench-live");
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
                await using var stream = await response.Content.ReadAsStreamAsync(stop.Token);
                Interlocked.Increment(ref ready);
                try
                {
                    await foreach (var item in SseParser.Create(stream).EnumerateAsync(stop.Token))
                    {
                        var at = Stopwatch.GetTimestamp();
                        var list = arrivals.GetOrAdd(item.EventId ?? "", _ => []);
                        lock (list) list.Add(at);
                    }
                }
                catch (OperationCanceledException) { }
            })).ToList();
            var connecting = Stopwatch.StartNew();
            while (Volatile.Read(ref ready) < clients)
            {
                if (connecting.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"only {ready} of {clients} subscribers connected");
                await Task.Delay(20);
            }
            await Task.Delay(300);

            var latencies = new List<double>();
            var roundTrips = new List<double>();
            // One append, delivered to every client (or 10 s passed): its round trip and its deliveries' latencies.
            async Task<(double RoundTrip, List<double> Deliveries)> Append(int i)
            {
                var statement = Generator.Statements(1, seed: 5000 + i)[0];
                statement["figure"]!["party"] = "bench-live";
                statement["quote"] = $"live {i}";
                statement["figure"]!["value"] = 10_000_000 + clients * 100_000 + i; // new in every phase, never a duplicate
                var start = Stopwatch.GetTimestamp();
                using var response = await service.Http.PostAsync("/api/statements", new StringContent(statement.ToJsonString(), Encoding.UTF8, "application/json"));
                var answered = Stopwatch.GetTimestamp();
                var sequence = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt64().ToString(CultureInfo.InvariantCulture);
                var deadline = DateTime.UtcNow.AddSeconds(10);
                while ((!arrivals.TryGetValue(sequence, out var got) || got.Count < clients) && DateTime.UtcNow < deadline) await Task.Delay(1);
                var deliveries = new List<double>();
                if (arrivals.TryGetValue(sequence, out var all)) lock (all) deliveries.AddRange(all.Select(t => Stopwatch.GetElapsedTime(start, t).TotalMilliseconds));
                await Task.Delay(20);
                return (Stopwatch.GetElapsedTime(start, answered).TotalMilliseconds, deliveries);
            }
            // Warmed up unmeasured, in rounds of 20 appends until the service's JIT takes under 3 % of one (at most 5):
            // with 500 clients a p99 is the slowest two appends' deliveries, and the first appends to this many
            // streams were otherwise measured while the JIT compiled the paths they take.
            await WarmUpAsync(service, 5, async round =>
            {
                for (var i = 0; i < 20; i++) await Append(1000 + round * 20 + i);
            });
            await Task.Delay(1500);
            var gcBefore = await service.GcAsync();
            var jitAtStart = await service.JitAsync();
            using var appending = Progress.Start($"appends to {clients} client(s)", posts);
            for (var i = 0; i < posts; i++)
            {
                appending.Advance();
                var (roundTrip, deliveries) = await Append(i);
                roundTrips.Add(roundTrip);
                latencies.AddRange(deliveries);
            }
            await Task.Delay(1500);
            var gcAfter = await service.GcAsync();
            var jitAtEnd = await service.JitAsync();
            await stop.CancelAsync();
            try { await Task.WhenAll(readers); } catch (Exception) { /* streams cut on purpose */ }
            var expected = posts * clients;
            // What the service's garbage collector did while the appends were measured: the tail's first suspect.
            var gc = $"service GC: {gcAfter.Collections - gcBefore.Collections} collections ({gcAfter.Gen2 - gcBefore.Gen2} gen2), {gcAfter.PausedMs - gcBefore.PausedMs:N0} ms paused; the JIT compiled {jitAtEnd.Methods - jitAtStart.Methods:N0} methods in {jitAtEnd.Seconds - jitAtStart.Seconds:N2} s";
            var label = clients == 1 ? "1 client" : $"{clients} clients";
            results.Add(new("notification", $"p50 append→SSE ({label})", Stats.Percentile(latencies, 50), Stats.Percentile(roundTrips, 50), "ms", "—",
                Note: $"{latencies.Count}/{expected} delivered"));
            results.Add(new("notification", $"p99 append→SSE ({label})", Stats.Percentile(latencies, 99), Stats.Percentile(roundTrips, 99), "ms", "≤ 2× append round trip",
                Failed: latencies.Count < expected, Note: $"{latencies.Count}/{expected} delivered; {gc}"));
        }
        results.AddRange(await AlertsAsync(service, o));
        return results;
    }

    /// <summary>Append → derived alert (timeline.estimate.changed, newSource) at one SSE client ÷ the append round trip.</summary>
    static async Task<IEnumerable<Result>> AlertsAsync(Service service, BenchOptions o)
    {
        var posts = o.Quick ? 30 : 200;
        Console.WriteLine($"alerts: {posts} appends, each a new source, to 1 alert subscriber …");
        var arrivals = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        using var stop = new CancellationTokenSource();
        using var http = new HttpClient { BaseAddress = new Uri(service.BaseUrl), Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/subscribe?party=bench-alert&newSource=true");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
        await using var stream = await response.Content.ReadAsStreamAsync(stop.Token);
        var reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in SseParser.Create(stream).EnumerateAsync(stop.Token))
                    arrivals.TryAdd(item.EventId ?? "", Stopwatch.GetTimestamp());
            }
            catch (OperationCanceledException) { }
        });
        await Task.Delay(300);

        var latencies = new List<double>();
        var roundTrips = new List<double>();
        using var appending = Progress.Start("appends to an alert subscriber", posts);
        for (var i = 0; i < posts; i++)
        {
            appending.Advance();
            var statement = Generator.Statements(1, seed: 9000 + i)[0];
            statement["figure"]!["party"] = "bench-alert";
            statement["statedBy"] = $"Alert source {i}";
            statement["quote"] = $"alert {i}";
            var start = Stopwatch.GetTimestamp();
            using var posted = await service.Http.PostAsync("/api/statements", new StringContent(statement.ToJsonString(), Encoding.UTF8, "application/json"));
            var answered = Stopwatch.GetTimestamp();
            var id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt64().ToString(CultureInfo.InvariantCulture) + ".0";
            roundTrips.Add(Stopwatch.GetElapsedTime(start, answered).TotalMilliseconds);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!arrivals.ContainsKey(id) && DateTime.UtcNow < deadline) await Task.Delay(1);
            if (arrivals.TryGetValue(id, out var at)) latencies.Add(Stopwatch.GetElapsedTime(start, at).TotalMilliseconds);
            await Task.Delay(20);
        }
        await stop.CancelAsync();
        try { await reader; } catch (Exception) { /* stream cut on purpose */ }
        return
        [
            new("alert", "p50 append→estimate-changed", Stats.Percentile(latencies, 50), Stats.Percentile(roundTrips, 50), "ms", "—",
                Note: $"{latencies.Count}/{posts} delivered"),
            new("alert", "p99 append→estimate-changed", Stats.Percentile(latencies, 99), Stats.Percentile(roundTrips, 99), "ms", "none set; measured",
                Failed: latencies.Count < posts, Note: $"{latencies.Count}/{posts} delivered"),
        ];
    }
}

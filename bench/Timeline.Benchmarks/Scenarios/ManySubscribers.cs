// Ten thousand live subscribers on one instance: every event to every client, append → delivery
// beside the append round trip, and what each open stream costs the service in memory.

namespace Timeline.Benchmarks;

public static partial class Scenarios
{
    public static async Task<IEnumerable<Result>> ManySubscribersAsync(Service service, BenchOptions o)
    {
        var clients = o.Quick ? 1_000 : 10_000;
        var posts = o.Quick ? 10 : 50;
        Console.WriteLine($"subscribers: {clients:N0} SSE clients, {posts} appends …");
        // One handler for every stream, as a load generator would: no per-client connection limit.
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(service.BaseUrl), Timeout = Timeout.InfiniteTimeSpan };
        var arrivals = new System.Collections.Concurrent.ConcurrentDictionary<string, System.Collections.Concurrent.ConcurrentBag<long>>();
        using var stop = new CancellationTokenSource();
        var before = service.RssMb();
        var ready = 0;
        var failed = 0;
        string? firstFailure = null;
        var connecting = Progress.Start("connecting subscribers", clients);
        var readers = new List<Task>(clients);
        for (var i = 0; i < clients; i++)
        {
            readers.Add(Task.Run(async () =>
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "/api/subscribe?party=bench-many");
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.CompareExchange(ref firstFailure, $"HTTP {(int)response.StatusCode}", null);
                        Interlocked.Increment(ref failed);
                        return;
                    }
                    await using var stream = await response.Content.ReadAsStreamAsync(stop.Token);
                    Interlocked.Increment(ref ready);
                    connecting.Advance();
                    await foreach (var item in SseParser.Create(stream).EnumerateAsync(stop.Token))
                        arrivals.GetOrAdd(item.EventId ?? "", _ => []).Add(Stopwatch.GetTimestamp());
                }
                catch (OperationCanceledException) { }
                catch (HttpRequestException e)
                {
                    Interlocked.CompareExchange(ref firstFailure, e.InnerException?.Message ?? e.Message, null);
                    Interlocked.Increment(ref failed);
                }
            }));
            if (i % 200 == 199) await Task.Delay(50); // opened in waves, as readers arrive on a busy day
        }
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref ready) + Volatile.Read(ref failed) < clients && deadline.Elapsed < TimeSpan.FromMinutes(3)) await Task.Delay(100);
        connecting.Dispose();
        if (ready < clients) Console.WriteLine($"subscribers: only {ready:N0} of {clients:N0} connected ({failed:N0} refused or failed; the first: {firstFailure})");
        await Task.Delay(1000);
        var connected = service.RssMb();
        service.ResetPeakRss();

        var latencies = new List<double>();
        var roundTrips = new List<double>();
        var delivered = 0L;
        using var appending = Progress.Start($"appends to {ready:N0} clients", posts);
        for (var i = 0; i < posts; i++)
        {
            appending.Advance();
            var statement = Generator.Statements(1, seed: 12_000 + i)[0];
            statement["figure"]!["party"] = "bench-many";
            statement["quote"] = $"many {i}";
            var start = Stopwatch.GetTimestamp();
            using var posted = await service.Http.PostAsync("/api/statements", new StringContent(statement.ToJsonString(), Encoding.UTF8, "application/json"));
            var answered = Stopwatch.GetTimestamp();
            var sequence = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt64().ToString(CultureInfo.InvariantCulture);
            roundTrips.Add(Stopwatch.GetElapsedTime(start, answered).TotalMilliseconds);
            var wait = Stopwatch.StartNew();
            while ((!arrivals.TryGetValue(sequence, out var got) || got.Count < ready) && wait.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(5);
            if (arrivals.TryGetValue(sequence, out var all))
            {
                latencies.AddRange(all.Select(t => Stopwatch.GetElapsedTime(start, t).TotalMilliseconds));
                delivered += all.Count;
            }
            await Task.Delay(200);
        }
        var peak = service.PeakRssMb();
        await stop.CancelAsync();
        try { await Task.WhenAll(readers); } catch (Exception) { /* streams cut on purpose */ }
        var expected = (long)posts * clients;
        var perConnection = ready == 0 ? 0 : (connected - before) * 1024 / ready;
        var label = $"{clients:N0} clients";
        return
        [
            new("subscribers", $"p50 append→SSE ({label})", Stats.Percentile(latencies, 50), Stats.Percentile(roundTrips, 50), "ms", "—",
                Note: $"{delivered:N0}/{expected:N0} delivered"),
            new("subscribers", $"p99 append→SSE ({label})", Stats.Percentile(latencies, 99), Stats.Percentile(roundTrips, 99), "ms", "≤ 10× append round trip",
                Failed: delivered < expected,
                Note: $"{delivered:N0}/{expected:N0} delivered" + (ready < clients ? $"; {clients - ready:N0} clients never connected: {firstFailure}" : "")),
            new("subscribers", $"service RSS, {label} open", peak, null, "MB", "< 1 GB", Failed: peak >= 1024,
                Note: $"{before:N0} MB before connecting; {perConnection:N1} KB per open stream"),
        ];
    }
}

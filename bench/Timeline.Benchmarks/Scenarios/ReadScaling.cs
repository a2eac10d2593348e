// Read scaling: as-of questions from 64 concurrent clients, answered three ways — through nginx
// with its cache in front of the service (docker/nginx.conf's rules), by the service directly,
// and by raw PostgreSQL running the same question on 64 connections — as requests per second and
// p99 latency; and what a 304 costs the service beside the full answer.

namespace Timeline.Benchmarks;

public static partial class Scenarios
{
    const int ReadClients = 64;

    public static async Task<IEnumerable<Result>> ReadScalingAsync(Service service, NpgsqlDataSource baseline, string root, BenchOptions o)
    {
        // The series with the most sources, whatever the ingest named it.
        var (basis, every) = await EveryEstimateAsync(service.Http, "asOf=2026-01-01");
        var seriesId = every.MaxBy(s => s!["bySource"]!.AsArray().Count)!["id"]!.GetValue<string>();
        // A year of dates at one explicit basis: answers that never change, so a cache may keep them.
        var dates = Enumerable.Range(0, 365).Select(d => new DateOnly(2023, 1, 1).AddDays(d)).ToArray();
        string Url(int i) => $"/api/estimates?asOf={dates[i % dates.Length]:yyyy-MM-dd}&series={seriesId}&knownAt={basis}";
        var duration = TimeSpan.FromSeconds(o.Quick ? 3 : 15);
        var warmUp = TimeSpan.FromSeconds(o.Quick ? 1 : 3);
        var results = new List<Result>();

        await using var nginx = await Nginx.StartAsync(Path.Combine(root, "nginx"), service.BaseUrl);
        if (nginx is null)
            Console.WriteLine("read scaling: nginx is not installed; the cached path is not measured");

        async Task<Load> HttpLoadAsync(string what, string baseUrl)
        {
            Console.WriteLine($"read scaling: {what}, {ReadClients} clients, {duration.TotalSeconds:N0} s …");
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = ReadClients * 2 }) { BaseAddress = new Uri(baseUrl) };
            long hits = 0, answered = 0; // over the warm-up too: the first asks of each URL are the misses
            var load = await Load.RunAsync(ReadClients, warmUp, duration, async (worker, n) =>
            {
                using var response = await http.GetAsync(Url(worker * 7919 + n));
                response.EnsureSuccessStatusCode();
                await response.Content.CopyToAsync(Stream.Null);
                Interlocked.Increment(ref answered);
                if (response.Headers.TryGetValues("X-Cache-Status", out var status) && status.Contains("HIT")) Interlocked.Increment(ref hits);
            });
            return load with { HitShare = answered == 0 ? 0 : (double)hits / answered };
        }

        var sql = await LoadSqlAsync();
        if (nginx is not null)
        {
            var cached = await HttpLoadAsync("through nginx with its cache", nginx.BaseUrl);
            results.Add(new("as-of ×64, nginx", "requests/s (vs raw SQL)", cached.PerSecond, sql.PerSecond, "req/s", "measured",
                Note: $"{100 * cached.HitShare:N1} % cache hits"));
            results.Add(new("as-of ×64, nginx", "p99 latency (vs raw SQL)", cached.P99, sql.P99, "ms", "measured"));
        }
        var direct = await HttpLoadAsync("one instance directly", service.BaseUrl);
        results.Add(new("as-of ×64, direct", "requests/s (vs raw SQL)", direct.PerSecond, sql.PerSecond, "req/s", "measured"));
        results.Add(new("as-of ×64, direct", "p99 latency (vs raw SQL)", direct.P99, sql.P99, "ms", "measured"));

        // A 304 beside the full answer, one request at a time to the service itself.
        var notModified = new List<double>();
        var full = new List<double>();
        using (var progress = Progress.Start("304 and full-answer samples", o.Samples))
            for (var i = 0; i < o.Samples + 10; i++)
            {
                progress.Advance();
                var url = Url(i);
                var clock = Stopwatch.StartNew();
                using var answer = await service.Http.GetAsync(url);
                var body = await answer.Content.ReadAsByteArrayAsync();
                var fullMs = clock.Elapsed.TotalMilliseconds;
                using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
                conditional.Headers.TryAddWithoutValidation("If-None-Match", answer.Headers.ETag!.ToString());
                clock.Restart();
                using var again = await service.Http.SendAsync(conditional);
                var notModifiedMs = clock.Elapsed.TotalMilliseconds;
                if (again.StatusCode != System.Net.HttpStatusCode.NotModified) throw new InvalidOperationException($"expected 304, got {(int)again.StatusCode}");
                if (i < 10 || body.Length == 0) continue; // warm-up
                full.Add(fullMs);
                notModified.Add(notModifiedMs);
            }
        results.Add(new("304 vs full", "p50 latency (vs the full answer)", Stats.Median(notModified), Stats.Median(full), "ms", "measured",
            Note: "baseline column: the same request answered in full"));
        return results;

        async Task<Load> LoadSqlAsync()
        {
            Console.WriteLine($"read scaling: raw SQL, {ReadClients} connections, {duration.TotalSeconds:N0} s …");
            var connections = new NpgsqlConnection[ReadClients];
            var commands = new NpgsqlCommand[ReadClients];
            for (var i = 0; i < ReadClients; i++)
            {
                connections[i] = await baseline.OpenConnectionAsync();
                commands[i] = new NpgsqlCommand(Baseline.AsOfSql, connections[i]);
                commands[i].Parameters.Add(new NpgsqlParameter { Value = seriesId });
                commands[i].Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date });
                await commands[i].PrepareAsync();
            }
            try
            {
                return await Load.RunAsync(ReadClients, warmUp, duration, async (worker, n) =>
                {
                    var cmd = commands[worker];
                    cmd.Parameters[1].Value = dates[(worker * 7919 + n) % dates.Length];
                    await using var reader = await cmd.ExecuteReaderAsync();
                    while (await reader.ReadAsync()) { }
                });
            }
            finally
            {
                foreach (var c in commands) await c.DisposeAsync();
                foreach (var c in connections) await c.DisposeAsync();
            }
        }
    }

    /// <summary>What a closed loop of concurrent clients achieved: requests per second and p99 latency (ms) after the warm-up.</summary>
    sealed record Load(long Requests, double PerSecond, double P99, double HitShare = 0)
    {
        public static async Task<Load> RunAsync(int clients, TimeSpan warmUp, TimeSpan duration, Func<int, int, Task> request)
        {
            var clock = Stopwatch.StartNew();
            var end = warmUp + duration;
            var latencies = new List<double>[clients];
            using var progress = Progress.Start("requests", 0);
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
            {
                var mine = latencies[worker] = [];
                for (var n = 0; clock.Elapsed < end; n++)
                {
                    var started = clock.Elapsed;
                    await request(worker, n);
                    progress.Advance();
                    if (started >= warmUp) mine.Add((clock.Elapsed - started).TotalMilliseconds);
                }
            }));
            var all = latencies.SelectMany(l => l).ToList();
            return new Load(all.Count, all.Count / duration.TotalSeconds, Stats.Percentile(all, 99));
        }
    }
}

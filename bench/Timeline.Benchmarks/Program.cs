// Timeline's benchmarks: each scenario measured through the service and against the raw
// PostgreSQL way of doing the same work, side by side in one run, alternating rounds and
// reporting medians, so the ratio means something on a shared 2-core machine.
//   dotnet run -c Release --project bench/Timeline.Benchmarks -- [--quick] [--statements N] [--out DIR]
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Timeline.Benchmarks;
using Timeline.Hosting;

var options = BenchOptions.Parse(args);
var results = new List<Result>();
var root = Path.Combine(Path.GetTempPath(), $"timeline-bench-{Guid.NewGuid():N}");
Console.WriteLine($"Timeline benchmarks ({(options.Quick ? "quick" : "full")}): {options.Statements:N0} statements, {options.Clients} SSE clients; data in {root}");

await using var cluster = await EmbeddedPostgres.StartAsync(Path.Combine(root, "cluster"), NullLogger.Instance);
var serviceDb = await cluster.EnsureDatabaseAsync("bench_service");
var baselineDb = await cluster.EnsureDatabaseAsync("bench_baseline");
await using var baseline = NpgsqlDataSource.Create(baselineDb);
await Baseline.CreateTableAsync(baseline);

var statements = Generator.Statements(options.Statements, seed: 42);
await using (var service = await Service.StartAsync(new() { ["ConnectionStrings__Timeline"] = serviceDb }))
{
    if (options.Runs("ingest")) results.AddRange(await Scenarios.IngestAsync(service, baseline, statements, options));
    if (options.Runs("single")) results.AddRange(await Scenarios.SingleStatementsAsync(service, baseline, options));
    if (options.Runs("queries")) results.AddRange(await Scenarios.QueriesAsync(service, serviceDb, baseline, options));
    if (options.Runs("notifications")) results.AddRange(await Scenarios.NotificationsAsync(service, options));
    if (options.Runs("rebuild")) results.AddRange(await Scenarios.RebuildAsync(service, serviceDb, baseline, options));
}
if (options.Runs("startup")) results.AddRange(await Scenarios.StartupAsync(Path.Combine(root, "service-data"), options));

Report.Print(results, options);
if (options.Out is { } outDir) Report.Write(results, options, outDir);
try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
return results.Any(r => r.Failed) ? 1 : 0;

namespace Timeline.Benchmarks
{
    public sealed record BenchOptions(bool Quick, int Statements, int Clients, int Samples, int Rounds, string? Out, string? Only)
    {
        public static BenchOptions Parse(string[] args)
        {
            var quick = args.Contains("--quick");
            string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
            return new BenchOptions(quick,
                Int("--statements", quick ? 5_000 : 1_000_000),
                Int("--clients", quick ? 50 : 500),
                Int("--samples", quick ? 100 : 500),
                Int("--rounds", 3),
                Value("--out"),
                Value("--only"));
        }

        /// <summary>--only ingest,queries runs just those (all by default).</summary>
        public bool Runs(string scenario) => Only is null || Only.Split(',').Contains(scenario);
    }

    /// <summary>One figure: a service measurement, its raw-PostgreSQL baseline, and their ratio.</summary>
    public sealed record Result(string Scenario, string Metric, double Service, double? Baseline, string Unit, string Target, bool Failed = false, string? Note = null)
    {
        /// <summary>Service ÷ baseline: for rates, higher is better; for latencies and durations, lower is.</summary>
        public double? Ratio => Baseline is { } b && b > 0 ? Service / b : null;
    }

    public static class Stats
    {
        public static double Percentile(IReadOnlyList<double> values, double p)
        {
            if (values.Count == 0) return double.NaN;
            var sorted = values.Order().ToArray();
            var rank = p / 100.0 * (sorted.Length - 1);
            var low = (int)Math.Floor(rank);
            var high = (int)Math.Ceiling(rank);
            return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
        }

        public static double Median(IReadOnlyList<double> values) => Percentile(values, 50);
    }

    /// <summary>Realistic shapes: ~1,800 series (20 parties × 3 groups × 6 measures × 5 periods), 8 sources.</summary>
    public static class Generator
    {
        static readonly string[] Groups = ["military", "civilian", "all"];
        static readonly string[] Measures = ["killed", "wounded", "killed-or-wounded", "missing", "captured", "deaths"];
        static readonly string[] Qualifiers = ["exact", "approximately", "at-least", "at-most"];
        static readonly string[] Sources = ["Ministry of Defence", "General Staff", "Defence Intelligence", "Institute for Study", "Mediazona", "UN Monitoring Mission", "Centre for Strategy", "Independent Analyst"];
        static readonly string[] Parties = ["ukraine", "russia", .. Enumerable.Range(0, 18).Select(i => $"party-{(char)('a' + i)}")];

        public static List<JsonObject> Statements(int count, int seed)
        {
            var random = new Random(seed);
            var start = new DateOnly(2022, 2, 24);
            var list = new List<JsonObject>(count);
            for (var i = 0; i < count; i++)
            {
                var year = random.Next(0, 5); // 0: cumulative, 1..4: calendar years 2022–2025
                var statedOn = start.AddDays(random.Next(0, 1560));
                var figure = new JsonObject
                {
                    ["party"] = Parties[random.Next(Parties.Length)],
                    ["group"] = Groups[random.Next(Groups.Length)],
                    ["measure"] = Measures[random.Next(Measures.Length)],
                    ["value"] = random.Next(1, 2_000_000),
                    ["qualifier"] = Qualifiers[random.Next(Qualifiers.Length)],
                    ["attribution"] = "third-party",
                    ["period"] = year == 0
                        ? new JsonObject { ["from"] = "2022-02-24" }
                        : new JsonObject { ["from"] = $"{2021 + year}-01-01", ["to"] = $"{2021 + year}-12-31" },
                };
                list.Add(new JsonObject
                {
                    ["kind"] = "figure",
                    ["statedOn"] = statedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["statedBy"] = Sources[random.Next(Sources.Length)],
                    ["quote"] = $"generated statement {i}",
                    ["source"] = new JsonObject { ["title"] = $"Generated report {i / 100}", ["publishedOn"] = "2026-06-30" },
                    ["figure"] = figure,
                });
            }
            return list;
        }

        public static string SeriesId(JsonObject s)
        {
            var f = s["figure"]!;
            var to = f["period"]!["to"]?.GetValue<string>();
            return $"{f["party"]}-{f["group"]}-{f["measure"]}{(to is null ? "" : "-" + to[..4])}";
        }
    }

    /// <summary>The service as users run it: its own process, on Kestrel, on loopback.</summary>
    public sealed class Service : IAsyncDisposable
    {
        public const string Key = "bench-key-0123456789abcdefghijkl";
        public required Process Process { get; init; }
        public required HttpClient Http { get; init; }
        public required string BaseUrl { get; init; }

        public static async Task<Service> StartAsync(Dictionary<string, string> environment)
        {
            using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            probe.Start();
            var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var baseUrl = $"http://127.0.0.1:{port}";
            var dir = AppContext.BaseDirectory.Replace(Path.Combine("bench", "Timeline.Benchmarks", "bin"), Path.Combine("src", "Timeline", "bin"), StringComparison.Ordinal);
            var psi = new ProcessStartInfo("dotnet", [Path.Combine(dir, "Timeline.dll")]) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
            psi.Environment["ASPNETCORE_URLS"] = baseUrl;
            psi.Environment["TIMELINE_API_KEY"] = Key;
            psi.Environment["Timeline__Seed"] = "false";
            psi.Environment["Timeline__MaxBatchBytes"] = (64 * 1024 * 1024).ToString(CultureInfo.InvariantCulture);
            psi.Environment["Logging__LogLevel__Default"] = "Warning";
            foreach (var (k, v) in environment) psi.Environment[k] = v;
            var process = Process.Start(psi)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) => { if (e.Data is { } line && line.Contains("fail", StringComparison.Ordinal)) Console.Error.WriteLine("service: " + line); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 2048, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
            var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(10) };
            http.DefaultRequestHeaders.Authorization = new("Bearer", Key);
            var service = new Service { Process = process, Http = http, BaseUrl = baseUrl };
            await service.WaitReadyAsync(TimeSpan.FromSeconds(90));
            return service;
        }

        public async Task<TimeSpan> WaitReadyAsync(TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                try { if ((await Http.GetAsync("/health/ready")).IsSuccessStatusCode) return clock.Elapsed; }
                catch (HttpRequestException) { }
                if (Process.HasExited) throw new InvalidOperationException("the service exited while starting");
                if (clock.Elapsed > timeout) throw new TimeoutException("the service did not become ready");
                await Task.Delay(20);
            }
        }

        /// <summary>Peak resident memory of the service process so far (VmHWM), in MB.</summary>
        public double PeakRssMb()
        {
            var line = File.ReadLines($"/proc/{Process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }

        public async ValueTask DisposeAsync()
        {
            if (!Process.HasExited)
            {
                // SIGTERM: a graceful stop (the embedded cluster, when there is one, stops with it).
                using var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync();
                if (!Process.WaitForExit(30_000)) Process.Kill(entireProcessTree: true);
            }
            Http.Dispose();
        }
    }

    /// <summary>The raw-PostgreSQL way: a plain table with the same columns and indexes as our facts.</summary>
    public static class Baseline
    {
        public static async Task CreateTableAsync(NpgsqlDataSource db)
        {
            await using var cmd = db.CreateCommand("""
                create table if not exists figures (
                    id uuid primary key, seq bigserial, statement_id uuid not null, stated_on date not null, stated_by text not null,
                    series_id text not null, party text, grp text, measure text, value bigint, qualifier text, quote text not null, source jsonb not null);
                create index if not exists ix_figures_series on figures (series_id, seq);
                create index if not exists ix_figures_statement on figures (statement_id, seq);
                create index if not exists ix_figures_vocabulary on figures (party, measure, grp);
                create index if not exists ix_figures_asof on figures (series_id, stated_by, stated_on desc, seq desc);
                """);
            await cmd.ExecuteNonQueryAsync();
        }

        public static async Task CopyAsync(NpgsqlDataSource db, IReadOnlyList<JsonObject> rows)
        {
            await using var conn = await db.OpenConnectionAsync();
            await using var tx = await conn.BeginTransactionAsync();
            await using (var copy = await conn.BeginBinaryImportAsync(
                "copy figures (id, statement_id, stated_on, stated_by, series_id, party, grp, measure, value, qualifier, quote, source) from stdin (format binary)"))
            {
                foreach (var s in rows)
                {
                    var f = s["figure"]!;
                    await copy.StartRowAsync();
                    await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(DateOnly.Parse(s["statedOn"]!.GetValue<string>(), CultureInfo.InvariantCulture), NpgsqlDbType.Date);
                    await copy.WriteAsync(s["statedBy"]!.GetValue<string>(), NpgsqlDbType.Text);
                    await copy.WriteAsync(Generator.SeriesId(s), NpgsqlDbType.Text);
                    await copy.WriteAsync(f["party"]!.GetValue<string>(), NpgsqlDbType.Text);
                    await copy.WriteAsync(f["group"]!.GetValue<string>(), NpgsqlDbType.Text);
                    await copy.WriteAsync(f["measure"]!.GetValue<string>(), NpgsqlDbType.Text);
                    await copy.WriteAsync((long)f["value"]!.GetValue<int>(), NpgsqlDbType.Bigint);
                    await copy.WriteAsync(f["qualifier"]!.GetValue<string>(), NpgsqlDbType.Text);
                    await copy.WriteAsync(s["quote"]!.GetValue<string>(), NpgsqlDbType.Text);
                    await copy.WriteAsync(s["source"]!.ToJsonString(), NpgsqlDbType.Jsonb);
                }
                await copy.CompleteAsync();
            }
            await tx.CommitAsync();
        }
    }

    public static class Scenarios
    {
        const int Batch = 1000;

        static async Task<HttpResponseMessage> PostNdjsonAsync(Service service, IEnumerable<JsonObject> batch)
        {
            var body = string.Join('\n', batch.Select(s => s.ToJsonString()));
            using var content = new StringContent(body, Encoding.UTF8, "application/x-ndjson");
            var response = await service.Http.PostAsync("/api/statements/batch", content);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"batch failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response;
        }

        /// <summary>Batch ingest through POST /api/statements/batch ÷ binary COPY, alternating rounds.</summary>
        public static async Task<IEnumerable<Result>> IngestAsync(Service service, NpgsqlDataSource baseline, List<JsonObject> statements, BenchOptions o)
        {
            Console.WriteLine($"ingest: {statements.Count:N0} statements in batches of {Batch} …");
            var rounds = Math.Max(1, o.Rounds);
            var perRound = (int)Math.Ceiling(statements.Count / (double)rounds);
            var serviceRates = new List<double>();
            var copyRates = new List<double>();
            for (var r = 0; r < rounds; r++)
            {
                var chunk = statements.Skip(r * perRound).Take(perRound).ToList();
                if (chunk.Count == 0) break;
                var clock = Stopwatch.StartNew();
                foreach (var batch in chunk.Chunk(Batch)) (await PostNdjsonAsync(service, batch)).Dispose();
                serviceRates.Add(chunk.Count / clock.Elapsed.TotalSeconds);
                clock.Restart();
                foreach (var batch in chunk.Chunk(Batch)) await Baseline.CopyAsync(baseline, batch);
                copyRates.Add(chunk.Count / clock.Elapsed.TotalSeconds);
                Console.WriteLine($"  round {r + 1}: service {serviceRates[^1]:N0}/s, COPY {copyRates[^1]:N0}/s");
            }
            // Corrections and retractions sprinkled in (≈ 0.47 % and 0.23 %), as real data has them: a
            // correction restates the figure with another value, in its own series.
            var revised = await SomeStatementsAsync(service, Math.Max(10, statements.Count * 7 / 1000));
            foreach (var ((id, figure), i) in revised.Select((s, i) => (s, i)))
            {
                var path = i % 3 == 2 ? "retractions" : "corrections";
                var body = new JsonObject { ["statedOn"] = "2026-06-30", ["reason"] = "bench" };
                if (path == "corrections")
                {
                    figure["value"] = figure["value"]!.GetValue<long>() + 1;
                    body["figure"] = figure;
                }
                (await service.Http.PostAsJsonAsync($"/api/statements/{id}/{path}", body)).EnsureSuccessStatusCode().Dispose();
            }
            return
            [
                new("ingest", "batch statements/s", Stats.Median(serviceRates), Stats.Median(copyRates), "stmt/s", "≥ 0.25 of COPY"),
                new("ingest", "peak RSS during ingest", service.PeakRssMb(), null, "MB", "< 400 MB"),
            ];
        }

        /// <summary>Every 7th statement recorded, with its figure, until <paramref name="count"/> are found.</summary>
        static async Task<List<(Guid Id, JsonObject Figure)>> SomeStatementsAsync(Service service, int count)
        {
            var found = new List<(Guid, JsonObject)>();
            string? cursor = null;
            var n = 0;
            while (found.Count < count)
            {
                var page = (await service.Http.GetFromJsonAsync<JsonObject>($"/api/statements?limit=500{(cursor is null ? "" : "&cursor=" + cursor)}"))!;
                foreach (var item in page["items"]!.AsArray())
                    if (n++ % 7 == 3 && found.Count < count && item!["figure"] is JsonObject figure)
                        found.Add((item["id"]!.GetValue<Guid>(), JsonNode.Parse(figure.ToJsonString())!.AsObject()));
                cursor = page["nextCursor"]?.GetValue<string>();
                if (cursor is null) break;
            }
            return found;
        }

        /// <summary>Single statements over HTTP from concurrent clients ÷ one-row INSERT + commit at the same concurrency.</summary>
        public static async Task<IEnumerable<Result>> SingleStatementsAsync(Service service, NpgsqlDataSource baseline, BenchOptions o)
        {
            const int concurrency = 8;
            var count = o.Quick ? 400 : 4000;
            Console.WriteLine($"single statements: {count:N0} over HTTP with {concurrency} clients …");
            var serviceRates = new List<double>();
            var insertRates = new List<double>();
            for (var r = 0; r < o.Rounds; r++)
            {
                var items = Generator.Statements(count, seed: 1000 + r);
                var queue = new Queue<JsonObject>(items);
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
                {
                    while (true)
                    {
                        JsonObject? next;
                        lock (queue) next = queue.Count > 0 ? queue.Dequeue() : null;
                        if (next is null) return;
                        using var response = await service.Http.PostAsync("/api/statements", new StringContent(next.ToJsonString(), Encoding.UTF8, "application/json"));
                        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST failed: {(int)response.StatusCode}");
                    }
                }));
                serviceRates.Add(count / clock.Elapsed.TotalSeconds);

                var rows = new Queue<JsonObject>(items);
                clock.Restart();
                await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
                {
                    await using var conn = await baseline.OpenConnectionAsync();
                    await using var insert = new NpgsqlCommand(
                        "insert into figures (id, statement_id, stated_on, stated_by, series_id, party, grp, measure, value, qualifier, quote, source) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12::jsonb)", conn);
                    NpgsqlDbType[] types = [NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Date, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
                        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text];
                    foreach (var type in types) insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type });
                    await insert.PrepareAsync();
                    while (true)
                    {
                        JsonObject? s;
                        lock (rows) s = rows.Count > 0 ? rows.Dequeue() : null;
                        if (s is null) return;
                        var f = s["figure"]!;
                        object[] values = [Guid.NewGuid(), Guid.NewGuid(), DateOnly.Parse(s["statedOn"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                            s["statedBy"]!.GetValue<string>(), Generator.SeriesId(s), f["party"]!.GetValue<string>(), f["group"]!.GetValue<string>(),
                            f["measure"]!.GetValue<string>(), (long)f["value"]!.GetValue<int>(), f["qualifier"]!.GetValue<string>(), s["quote"]!.GetValue<string>(), s["source"]!.ToJsonString()];
                        for (var p = 0; p < values.Length; p++) insert.Parameters[p].Value = values[p];
                        await insert.ExecuteNonQueryAsync(); // autocommit: one transaction, one commit per row
                    }
                }));
                insertRates.Add(count / clock.Elapsed.TotalSeconds);
                Console.WriteLine($"  round {r + 1}: service {serviceRates[^1]:N0}/s, INSERT+commit {insertRates[^1]:N0}/s");
            }
            return [new("ingest", $"single statements/s ({concurrency} clients)", Stats.Median(serviceRates), Stats.Median(insertRates), "stmt/s", "≥ 0.5 of INSERT+commit")];
        }

        /// <summary>As-of and history latency for one series ÷ one prepared hand-written query.</summary>
        public static async Task<IEnumerable<Result>> QueriesAsync(Service service, string serviceDb, NpgsqlDataSource baseline, BenchOptions o)
        {
            // Both databases settled the same way first: after a bulk load, autovacuum and analyze would
            // otherwise run in the middle of the samples, on one side or the other.
            Console.WriteLine("queries: vacuum analyze of both databases …");
            await using (var serviceSource = NpgsqlDataSource.Create(serviceDb))
            foreach (var db in new[] { serviceSource, baseline })
            {
                await using var vacuum = db.CreateCommand("vacuum analyze");
                vacuum.CommandTimeout = 0;
                await vacuum.ExecuteNonQueryAsync();
            }

            Console.WriteLine($"queries: {o.Samples} samples each, alternating …");
            var (party, group, measure) = ("ukraine", "military", "killed");
            var seriesId = $"{party}-{group}-{measure}";
            var random = new Random(7);
            var asOfService = new List<double>();
            var asOfSql = new List<double>();
            var historyService = new List<double>();
            var historySql = new List<double>();
            await using var conn = await baseline.OpenConnectionAsync();
            await using var asOf = new NpgsqlCommand("""
                select distinct on (stated_by) stated_by, stated_on, value, qualifier, quote, source
                from figures where series_id = $1 and stated_on <= $2 order by stated_by, stated_on desc, seq desc
                """, conn);
            asOf.Parameters.Add(new NpgsqlParameter { Value = seriesId });
            asOf.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date });
            await asOf.PrepareAsync();
            await using var history = new NpgsqlCommand("select stated_by, stated_on, value, qualifier from figures where series_id = $1 order by stated_on, seq", conn);
            history.Parameters.Add(new NpgsqlParameter { Value = seriesId });
            await history.PrepareAsync();

            async Task<double> Time(Func<Task> work)
            {
                var clock = Stopwatch.StartNew();
                await work();
                return clock.Elapsed.TotalMilliseconds;
            }
            async Task Drain(NpgsqlCommand cmd) { await using var r = await cmd.ExecuteReaderAsync(); while (await r.ReadAsync()) { } }

            for (var i = 0; i < o.Samples + 10; i++)
            {
                var date = new DateOnly(2022, 3, 1).AddDays(random.Next(0, 1580));
                var a = await Time(async () => (await service.Http.GetAsync($"/api/estimates?asOf={date:yyyy-MM-dd}&series={seriesId}")).EnsureSuccessStatusCode().Dispose());
                asOf.Parameters[1].Value = date;
                var b = await Time(() => Drain(asOf));
                var c = await Time(async () => (await service.Http.GetAsync($"/api/estimates/{seriesId}/history")).EnsureSuccessStatusCode().Dispose());
                var d = await Time(() => Drain(history));
                if (i < 10) continue; // warm-up
                asOfService.Add(a); asOfSql.Add(b); historyService.Add(c); historySql.Add(d);
            }
            return
            [
                new("as-of query", "p50 latency", Stats.Percentile(asOfService, 50), Stats.Percentile(asOfSql, 50), "ms", "—"),
                new("as-of query", "p99 latency", Stats.Percentile(asOfService, 99), Stats.Percentile(asOfSql, 99), "ms", "≤ 2× SQL, a few ms"),
                new("history query", "p50 latency", Stats.Percentile(historyService, 50), Stats.Percentile(historySql, 50), "ms", "—"),
                new("history query", "p99 latency", Stats.Percentile(historyService, 99), Stats.Percentile(historySql, 99), "ms", "≤ 2× SQL"),
            ];
        }

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
                for (var i = 0; i < posts; i++)
                {
                    var statement = Generator.Statements(1, seed: 5000 + i)[0];
                    statement["figure"]!["party"] = "bench-live";
                    statement["quote"] = $"live {i}";
                    statement["figure"]!["value"] = 10_000_000 + clients * 100_000 + i; // new in every phase, never a duplicate
                    var start = Stopwatch.GetTimestamp();
                    using var response = await service.Http.PostAsync("/api/statements", new StringContent(statement.ToJsonString(), Encoding.UTF8, "application/json"));
                    var answered = Stopwatch.GetTimestamp();
                    var sequence = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt64().ToString(CultureInfo.InvariantCulture);
                    roundTrips.Add(Stopwatch.GetElapsedTime(start, answered).TotalMilliseconds);
                    var deadline = DateTime.UtcNow.AddSeconds(10);
                    while ((!arrivals.TryGetValue(sequence, out var got) || got.Count < clients) && DateTime.UtcNow < deadline) await Task.Delay(1);
                    if (arrivals.TryGetValue(sequence, out var all)) lock (all) latencies.AddRange(all.Select(t => Stopwatch.GetElapsedTime(start, t).TotalMilliseconds));
                    await Task.Delay(20);
                }
                await stop.CancelAsync();
                try { await Task.WhenAll(readers); } catch (Exception) { /* streams cut on purpose */ }
                var expected = posts * clients;
                var label = clients == 1 ? "1 client" : $"{clients} clients";
                results.Add(new("notification", $"p50 append→SSE ({label})", Stats.Percentile(latencies, 50), Stats.Percentile(roundTrips, 50), "ms", "—",
                    Note: $"{latencies.Count}/{expected} delivered"));
                results.Add(new("notification", $"p99 append→SSE ({label})", Stats.Percentile(latencies, 99), Stats.Percentile(roundTrips, 99), "ms", "≤ 2× append round trip",
                    Failed: latencies.Count < expected, Note: $"{latencies.Count}/{expected} delivered"));
            }
            return results;
        }

        /// <summary>A full rebuild of every projection ÷ COPY OUT of the events + COPY IN of as many rows.</summary>
        public static async Task<IEnumerable<Result>> RebuildAsync(Service service, string serviceDb, NpgsqlDataSource baseline, BenchOptions o)
        {
            var rounds = o.Quick ? 3 : 2;
            Console.WriteLine($"rebuild: {rounds} rounds …");
            var rebuilds = new List<double>();
            var floors = new List<double>();
            await using var events = NpgsqlDataSource.Create(serviceDb);
            for (var r = 0; r < rounds; r++)
            {
                var clock = Stopwatch.StartNew();
                (await service.Http.PostAsync("/api/admin/projections/rebuild", null)).EnsureSuccessStatusCode().Dispose();
                while (true)
                {
                    var state = (await service.Http.GetFromJsonAsync<JsonElement>("/api/admin/projections")).GetProperty("rebuild").GetProperty("state").GetString();
                    if (state == "succeeded") break;
                    if (state == "failed") throw new InvalidOperationException("the rebuild failed");
                    await Task.Delay(50);
                }
                rebuilds.Add(clock.Elapsed.TotalSeconds);

                clock.Restart();
                var rows = new List<byte[]>();
                await using (var conn = await events.OpenConnectionAsync())
                await using (var reader = await conn.BeginBinaryExportAsync($"copy (select data::text from {Timeline.EventLog.LogTables.Events} order by seq_id) to stdout (format binary)"))
                    while (await reader.StartRowAsync() != -1) rows.Add(Encoding.UTF8.GetBytes(await reader.ReadAsync<string>()));
                await using (var conn = await baseline.OpenConnectionAsync())
                {
                    await using (var drop = new NpgsqlCommand("drop table if exists rebuilt; create unlogged table rebuilt (like figures including all)", conn)) await drop.ExecuteNonQueryAsync();
                    await using var writer = await conn.BeginBinaryImportAsync("copy rebuilt (id, statement_id, stated_on, stated_by, series_id, quote, source) from stdin (format binary)");
                    foreach (var row in rows)
                    {
                        await writer.StartRowAsync();
                        await writer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                        await writer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                        await writer.WriteAsync(new DateOnly(2026, 1, 1), NpgsqlDbType.Date);
                        await writer.WriteAsync("x", NpgsqlDbType.Text);
                        await writer.WriteAsync("x", NpgsqlDbType.Text);
                        await writer.WriteAsync("x", NpgsqlDbType.Text);
                        await writer.WriteAsync(Encoding.UTF8.GetString(row), NpgsqlDbType.Jsonb);
                    }
                    await writer.CompleteAsync();
                }
                floors.Add(clock.Elapsed.TotalSeconds);
                Console.WriteLine($"  round {r + 1}: rebuild {rebuilds[^1]:N1} s, COPY floor {floors[^1]:N1} s ({rows.Count:N0} events)");
            }
            return [new("rebuild", "full rebuild", Stats.Median(rebuilds), Stats.Median(floors), "s", "≤ 10× COPY floor")];
        }

        /// <summary>Cold start to /health/ready with the embedded database already initialised.</summary>
        public static async Task<IEnumerable<Result>> StartupAsync(string dataDir, BenchOptions o)
        {
            Console.WriteLine("start-up: initialising the embedded database once, then cold starts …");
            var env = new Dictionary<string, string> { ["TIMELINE_DATA_DIR"] = dataDir };
            await (await Service.StartAsync(env)).DisposeAsync();
            var times = new List<double>();
            for (var r = 0; r < o.Rounds; r++)
            {
                var clock = Stopwatch.StartNew();
                await using var service = await Service.StartAsync(env);
                times.Add(clock.Elapsed.TotalSeconds);
                Console.WriteLine($"  start {r + 1}: {times[^1]:N2} s");
            }
            return [new("start-up", "cold start to ready", Stats.Median(times), null, "s", "< 3 s")];
        }
    }

    public static class Report
    {
        static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

        public static void Print(IReadOnlyList<Result> results, BenchOptions o)
        {
            Console.WriteLine();
            Console.WriteLine($"{"scenario",-16} {"metric",-34} {"Timeline",12} {"raw PostgreSQL",16} {"ratio",8}  {"unit",-7} target");
            foreach (var r in results)
                Console.WriteLine($"{r.Scenario,-16} {r.Metric,-34} {r.Service,12:N1} {(r.Baseline is { } b ? b.ToString("N1", CultureInfo.InvariantCulture) : "—"),16} {(r.Ratio is { } x ? x.ToString("N2", CultureInfo.InvariantCulture) : "—"),8}  {r.Unit,-7} {r.Target}{(r.Note is null ? "" : $"  [{r.Note}]")}{(r.Failed ? "  FAILED" : "")}");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):N0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        }

        public static void Write(IReadOnlyList<Result> results, BenchOptions o, string dir)
        {
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, "benchmarks.json");
            File.WriteAllText(path, JsonSerializer.Serialize(new
            {
                o.Quick, o.Statements, o.Clients, o.Samples, o.Rounds,
                cores = Environment.ProcessorCount,
                ranAt = DateTimeOffset.UtcNow,
                results = results.Select(r => new { r.Scenario, r.Metric, Service = Finite(r.Service), Baseline = Finite(r.Baseline), Ratio = Finite(r.Ratio), r.Unit, r.Target, r.Failed, r.Note }),
            }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            Console.WriteLine($"results written to {path}");
        }
    }
}

// The read budget: what the slowest anonymous request costs at this database's size. Every GET the
// OpenAPI document lists under /api that needs no key (live streams aside) is asked with random
// parameters — dates across the war, bases across the log, known and unknown parties, the largest
// limits — and the slowest answer, read to its last byte, is reported with its URL.

namespace Timeline.Benchmarks;

public static partial class Scenarios
{
    /// <summary>The budget the README states for one anonymous read, whatever its parameters.</summary>
    const double ReadBudgetMs = 1_000;

    public static async Task<IEnumerable<Result>> ReadBudgetAsync(Service service, BenchOptions o)
    {
        var perEndpoint = o.Quick ? 20 : 200;
        using var anonymous = new HttpClient { BaseAddress = service.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if ((await anonymous.GetFromJsonAsync<JsonObject>("/api/statements?limit=1"))!["items"]!.AsArray().Count == 0)
        {
            // Run alone (--only readbudget): a log of the configured size first.
            Console.WriteLine($"read budget: recording {o.Statements:N0} statements first …");
            foreach (var batch in Generator.Statements(o.Statements, seed: 42).Chunk(Batch)) (await PostNdjsonAsync(service, batch)).Dispose();
        }
        var api = (await anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var (latest, every) = await EveryEstimateAsync(anonymous);
        var seriesIds = every.Select(s => s!["id"]!.GetValue<string>()).ToArray();
        var parties = every.Select(s => s!["party"]!.GetValue<string>()).Distinct().ToArray();
        var talks = (await anonymous.GetFromJsonAsync<JsonObject>("/api/negotiations?asOf=2030-01-01"))!["talks"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToArray();
        var statements = (await anonymous.GetFromJsonAsync<JsonObject>("/api/statements?limit=500"))!["items"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToArray();
        var random = new Random(7);
        string Pick(string[] from, string otherwise) => from.Length == 0 || random.Next(10) == 0 ? otherwise : from[random.Next(from.Length)];
        string Date() => new DateOnly(2022, 2, 1).AddDays(random.Next(365 * 5)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        string? Value(string name, JsonObject? schema)
        {
            var values = schema?["enum"]?.AsArray().Select(v => v!.ToString()).ToArray() ?? [];
            if (values.Length > 0) return values[random.Next(values.Length)];
            return name switch
            {
                "asOf" or "from" or "to" or "date" => Date(),
                "knownAt" or "knownFrom" or "knownTo" or "after" => random.Next(3) == 0 ? DateTimeOffset.UtcNow.AddMinutes(-random.Next(60)).ToString("O", CultureInfo.InvariantCulture)
                    : random.NextInt64(0, latest + 1).ToString(CultureInfo.InvariantCulture),
                "party" => Pick(parties, "no-such-party-" + random.Next(1000)),
                "series" or "seriesId" => Pick(seriesIds, "no-such-series"),
                "talksId" => Pick(talks, "no-such-talks"),
                "id" or "statementId" => Pick(statements, Guid.NewGuid().ToString()),
                "limit" => (schema?["maximum"]?.GetValue<int>() is { } max && random.Next(2) == 0 ? max : random.Next(1, 1001)).ToString(CultureInfo.InvariantCulture),
                "cursor" => null,
                _ when schema?["type"]?.ToString() == "boolean" => random.Next(2) == 0 ? "true" : "false",
                _ when schema?["type"]?.ToString() is "integer" or "number" => random.Next(0, 1001).ToString(CultureInfo.InvariantCulture),
                _ => "x" + random.Next(1000),
            };
        }

        var slowest = new List<(string Url, double Ms, int Status)>();
        var asked = 0;
        foreach (var (path, item) in api["paths"]!.AsObject())
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal) || item!["get"] is not JsonObject get) continue;
            if (get["security"] is JsonArray { Count: > 0 } || get["responses"]?["401"] is not null) continue; // those that need a key
            var streams = get["responses"]?.AsObject().Any(r => r.Value?["content"]?["text/event-stream"] is not null) ?? false;
            // Live streams are held open by design (the review desk's counts among them): their cost is the fan-out scenarios'.
            if (streams || path.EndsWith("/live", StringComparison.Ordinal) || path == "/api/subscribe") continue;
            var parameters = (get["parameters"] ?? item["parameters"])?.AsArray().OfType<JsonObject>().ToList() ?? [];
            var worst = (Url: "", Ms: 0.0, Status: 0);
            Console.WriteLine($"  {path} …");
            for (var i = 0; i < perEndpoint; i++)
            {
                var url = path;
                var query = new List<string>();
                foreach (var p in parameters)
                {
                    var name = p["name"]!.GetValue<string>();
                    var schema = p["schema"] as JsonObject;
                    if (p["in"]?.ToString() == "path") { url = url.Replace("{" + name + "}", Uri.EscapeDataString(Value(name, schema) ?? "x")); continue; }
                    if (p["in"]?.ToString() != "query" || (p["required"]?.GetValue<bool>() != true && random.Next(2) == 0)) continue;
                    if (Value(name, schema) is { } v) query.Add($"{name}={Uri.EscapeDataString(v)}");
                }
                if (query.Count > 0) url += "?" + string.Join('&', query);
                var clock = Stopwatch.StartNew();
                int status;
                try
                {
                    using var response = await anonymous.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                    await (await response.Content.ReadAsStreamAsync()).CopyToAsync(Stream.Null);
                    status = (int)response.StatusCode;
                }
                catch (TaskCanceledException) { status = 0; } // no answer within the client's minute: reported as such
                var ms = clock.Elapsed.TotalMilliseconds;
                asked++;
                if (ms > worst.Ms) worst = (url, ms, status);
            }
            slowest.Add(worst);
            Console.WriteLine($"  {path}: slowest {worst.Ms:N0} ms ({worst.Status}) {worst.Url}");
        }
        // The estimates' largest pages (limit=500, the most it allows; the schema does not say so, so the random
        // limits above reach it rarely), as of today and of dates across the war, JSON and CSV; they count as above.
        foreach (var path in new[] { "/api/estimates", "/api/estimates.csv" })
        {
            var worst = (Url: "", Ms: 0.0, Status: 0);
            for (var i = 0; i < perEndpoint / 2; i++)
            {
                var url = $"{path}?limit=500" + (i == 0 ? "" : $"&asOf={Date()}");
                var clock = Stopwatch.StartNew();
                using var response = await anonymous.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                await (await response.Content.ReadAsStreamAsync()).CopyToAsync(Stream.Null);
                asked++;
                if (clock.Elapsed.TotalMilliseconds > worst.Ms) worst = (url, clock.Elapsed.TotalMilliseconds, (int)response.StatusCode);
            }
            slowest.Add(worst);
            Console.WriteLine($"  {path} (largest pages): slowest {worst.Ms:N0} ms ({worst.Status}) {worst.Url}");
        }
        // Every series page by page, as the web page reads them: not one request, reported beside the budget.
        var paging = Stopwatch.StartNew();
        var (_, all) = await EveryEstimateAsync(anonymous);
        var everyMs = paging.Elapsed.TotalMilliseconds;
        Console.WriteLine($"  every series page by page: {all.Count:N0} series in {everyMs:N0} ms");

        var top = slowest.MaxBy(s => s.Ms);
        return
        [
            new("read budget", "slowest anonymous request", top.Ms, null, "ms", $"under {ReadBudgetMs:N0} ms",
                Failed: top.Ms > ReadBudgetMs, Note: $"{asked:N0} requests over {slowest.Count} endpoints at {latest:N0} events; slowest {top.Url} ({top.Status})"),
            new("read budget", "median of each endpoint's slowest", Stats.Median(slowest.Select(s => s.Ms).ToList()), null, "ms", "—"),
            new("read budget", "every series' estimates, page by page", everyMs, null, "ms", "—", Note: $"{all.Count:N0} series, limit=500"),
        ];
    }
}

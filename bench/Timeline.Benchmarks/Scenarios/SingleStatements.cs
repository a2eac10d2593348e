// Single statements from concurrent clients beside a one-row INSERT + commit.

namespace Timeline.Benchmarks;

public static partial class Scenarios
{
    /// <summary>Single statements over HTTP from concurrent clients ÷ one-row INSERT + commit at the same concurrency.</summary>
    public static async Task<IEnumerable<Result>> SingleStatementsAsync(Service service, NpgsqlDataSource baseline, BenchOptions o)
    {
        var results = new List<Result>();
        // Warmed up first, both ways, unmeasured: the service's write path is otherwise measured while the JIT
        // is still compiling it (with the benchmark's service fresh, the first 8-client rounds ran 0.9-1.3 k/s
        // and the fourth 1.6 k/s), and the baseline's statement is prepared before its rounds.
        await SingleStatementsAsync(service, baseline, o with { Rounds = 1 }, 8, warmUp: true);
        foreach (var concurrency in new[] { 8, 32 })
            results.Add(await SingleStatementsAsync(service, baseline, o, concurrency));
        return results;
    }

    static async Task<Result> SingleStatementsAsync(Service service, NpgsqlDataSource baseline, BenchOptions o, int concurrency, bool warmUp = false)
    {
        var count = o.Quick ? 400 : 4000;
        Console.WriteLine($"single statements: {count:N0} over HTTP with {concurrency} clients{(warmUp ? " (warming up, not measured)" : "")} …");
        var serviceRates = new List<double>();
        var insertRates = new List<double>();
        for (var r = 0; r < o.Rounds; r++)
        {
            var items = Generator.Statements(count, seed: (warmUp ? 7000 : 1000) + r + concurrency * 100);
            var queue = new Queue<JsonObject>(items);
            var clock = Stopwatch.StartNew();
            using var posting = Progress.Start($"round {r + 1}, through the service", count, "statements");
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                while (true)
                {
                    posting.Advance();
                    JsonObject? next;
                    lock (queue) next = queue.Count > 0 ? queue.Dequeue() : null;
                    if (next is null) return;
                    using var response = await service.Http.PostAsync("/api/statements", new StringContent(next.ToJsonString(), Encoding.UTF8, "application/json"));
                    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST failed: {(int)response.StatusCode}");
                }
            }));
            serviceRates.Add(count / clock.Elapsed.TotalSeconds);

            posting.Dispose();
            var rows = new Queue<JsonObject>(items);
            clock.Restart();
            using var inserting = Progress.Start($"round {r + 1}, by INSERT", count, "rows");
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
                    inserting.Advance();
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
        return new("ingest", $"single statements/s ({concurrency} clients)", Stats.Median(serviceRates), Stats.Median(insertRates), "stmt/s",
            concurrency == 8 ? "≥ 0.5 of INSERT+commit" : "reported");
    }
}

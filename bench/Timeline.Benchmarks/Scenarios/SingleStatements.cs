// Single statements from concurrent clients beside a one-row INSERT + commit.

namespace Timeline.Benchmarks;

public static partial class Scenarios
{
    /// <summary>Single statements over HTTP from concurrent clients ÷ one-row INSERT + commit at the same concurrency.</summary>
    public static async Task<IEnumerable<Result>> SingleStatementsAsync(Service service, NpgsqlDataSource baseline, BenchOptions o)
    {
        var results = new List<Result>();
        // Warmed up first, both ways and at both concurrencies, unmeasured, until the service's JIT takes under 3 % of a round: the
        // write path is otherwise measured while the JIT is still compiling it on the same 2 cores (after one warm-up
        // round of 4,000 the next 8-client round still spent 1 s of its 6.8 in the JIT, the 32-client one 0.6 s of 3.9),
        // where a running service compiled it long ago. Each measured round's JIT time is reported beside it.
        for (var warm = 0; warm < 6; warm++)
        {
            var a = await SingleStatementsAsync(service, baseline, o with { Rounds = 1 }, 8, warmUp: warm + 1);
            var b = await SingleStatementsAsync(service, baseline, o with { Rounds = 1 }, 32, warmUp: warm + 1);
            if (a.Jit.All(j => j.Settled) && b.Jit.All(j => j.Settled)) break;
        }
        foreach (var concurrency in new[] { 8, 32 })
            results.Add((await SingleStatementsAsync(service, baseline, o, concurrency)).Result);
        return results;
    }

    static async Task<(Result Result, List<JitWork> Jit)> SingleStatementsAsync(Service service, NpgsqlDataSource baseline, BenchOptions o, int concurrency, int warmUp = 0)
    {
        var count = o.Quick ? 400 : 4000;
        Console.WriteLine($"single statements: {count:N0} over HTTP with {concurrency} clients{(warmUp > 0 ? $" (warming up, not measured, {warmUp})" : "")} …");
        var serviceRates = new List<double>();
        var insertRates = new List<double>();
        var jit = new List<JitWork>();
        for (var r = 0; r < o.Rounds; r++)
        {
            var items = Generator.Statements(count, seed: (warmUp > 0 ? 6000 + warmUp * 1000 : 1000) + r + concurrency * 100);
            var queue = new Queue<JsonObject>(items);
            using var posting = Progress.Start($"round {r + 1}, through the service", count, "statements");
            var round = await service.WithJitAsync(() => Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
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
            })));
            serviceRates.Add(count / round.Took.TotalSeconds);
            jit.Add(round);
            Console.WriteLine($"  round {r + 1}: {round}");

            posting.Dispose();
            var rows = new Queue<JsonObject>(items);
            var clock = Stopwatch.StartNew();
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
        return (new("ingest", $"single statements/s ({concurrency} clients)", Stats.Median(serviceRates), Stats.Median(insertRates), "stmt/s",
            concurrency == 8 ? "≥ 0.5 of INSERT+commit" : "reported",
            Note: $"the service's JIT during the measured rounds: {string.Join(", ", jit.Select(j => j.Share.ToString("P1", CultureInfo.InvariantCulture)))} of each round's time"),
            jit);
    }
}

// Batch ingest through the API beside binary COPY.

namespace Timeline.Benchmarks;

public static partial class Scenarios
{
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
            using (var progress = Progress.Start($"round {r + 1}, through the service", chunk.Count, "statements"))
                foreach (var batch in chunk.Chunk(Batch))
                {
                    (await PostNdjsonAsync(service, batch)).Dispose();
                    progress.Advance(batch.Length);
                }
            serviceRates.Add(chunk.Count / clock.Elapsed.TotalSeconds);
            clock.Restart();
            using (var progress = Progress.Start($"round {r + 1}, by COPY", chunk.Count, "rows"))
                foreach (var batch in chunk.Chunk(Batch))
                {
                    await Baseline.CopyAsync(baseline, batch);
                    progress.Advance(batch.Length);
                }
            copyRates.Add(chunk.Count / clock.Elapsed.TotalSeconds);
            Console.WriteLine($"  round {r + 1}: service {serviceRates[^1]:N0}/s, COPY {copyRates[^1]:N0}/s");
        }
        // Corrections and retractions sprinkled in (≈ 0.47 % and 0.23 %), as real data has them: a
        // correction restates the figure with another value, in its own series.
        var revised = await SomeStatementsAsync(service, Math.Max(10, statements.Count * 7 / 1000));
        using var revising = Progress.Start("corrections and retractions", revised.Count);
        foreach (var ((id, figure), i) in revised.Select((s, i) => (s, i)))
        {
            revising.Advance();
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
}

// Paging through the replay and the history of one very long series (50,000 statements in a full
// run): the service's resident memory before, and at its peak while every page is read.

namespace Timeline.Benchmarks;

public static partial class Scenarios
{
    public static async Task<IEnumerable<Result>> BoundedReadsAsync(Service service, BenchOptions o)
    {
        var count = o.Quick ? 5_000 : 50_000;
        Console.WriteLine($"bounded reads: {count:N0} statements in one series, then its replay and history page by page …");
        var statements = Generator.Statements(count, seed: 777);
        for (var i = 0; i < statements.Count; i++)
        {
            var s = statements[i];
            s["figure"]!["party"] = "bench-long";
            s["figure"]!["group"] = "military";
            s["figure"]!["measure"] = "killed";
            s["figure"]!["period"] = new JsonObject { ["from"] = "2022-02-24" };
            s["quote"] = $"long series {i}";
        }
        using (var progress = Progress.Start("recording the long series", count, "statements"))
            foreach (var batch in statements.Chunk(Batch))
            {
                (await PostNdjsonAsync(service, batch)).Dispose();
                progress.Advance(batch.Length);
            }

        var before = service.RssMb();
        service.ResetPeakRss();
        var clock = Stopwatch.StartNew();
        var replayed = 0;
        // Each page's time: with the work proportional to the page, the last pages cost what the first do.
        var replayPages = new List<double>();
        using (var progress = Progress.Start("replay pages", count, "items"))
            for (string? next = "/api/replay?party=bench-long"; next is not null;)
            {
                var pageClock = Stopwatch.StartNew();
                using var response = await service.Http.GetAsync(next, HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                await using (var body = await response.Content.ReadAsStreamAsync())
                using (var reader = new StreamReader(body))
                    while (await reader.ReadLineAsync() is { Length: > 0 }) { replayed++; progress.Advance(); }
                replayPages.Add(pageClock.Elapsed.TotalMilliseconds);
                next = response.Headers.TryGetValues("Link", out var link) ? link.Single().Split(';')[0].Trim('<', '>') : null;
            }
        var replaySeconds = clock.Elapsed.TotalSeconds;
        var entries = 0;
        var historyPages = new List<double>();
        for (var url = "/api/estimates/bench-long-military-killed/history?limit=1000"; url is not null;)
        {
            var pageClock = Stopwatch.StartNew();
            var page = (await service.Http.GetFromJsonAsync<JsonElement>(url));
            historyPages.Add(pageClock.Elapsed.TotalMilliseconds);
            entries += page.GetProperty("entries").GetArrayLength();
            url = page.GetProperty("nextCursor").GetString() is { } cursor ? $"/api/estimates/bench-long-military-killed/history?limit=1000&cursor={Uri.EscapeDataString(cursor)}" : null;
        }
        var peak = service.PeakRssMb();
        Console.WriteLine($"  {replayed:N0} replayed in {replaySeconds:N1} s, {entries:N0} history entries; RSS {before:N0} MB before, peak {peak:N0} MB");
        string Pages(List<double> ms) =>
            $"{ms.Count} pages; first {ms[0]:N0} ms, last {ms[^1]:N0} ms, median of the first five {Stats.Median(ms.Take(5).ToList()):N0} ms, of the last five {Stats.Median(ms.TakeLast(5).ToList()):N0} ms";
        return
        [
            new("bounded reads", $"peak RSS paging a {count:N0}-statement series", peak, null, "MB", $"bounded (RSS before: {before:N0} MB)",
                Failed: replayed < count || entries < count, Note: $"{replayed:N0} replayed, {entries:N0} history entries"),
            new("bounded reads", "replay page of 1,000, median", Stats.Median(replayPages), null, "ms", "proportional to the page", Note: Pages(replayPages)),
            new("bounded reads", "history page of 1,000, median", Stats.Median(historyPages), null, "ms", "proportional to the page", Note: Pages(historyPages)),
        ];
    }
}

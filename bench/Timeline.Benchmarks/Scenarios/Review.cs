// The review desk and the feeds out, over an archive of many articles (2,000 in a full run, each
// with a few figures and some 6,000 characters of other text): the first page of the queue, every
// page to its end, a dismissal, and the Atom feed, plain and with an alert condition. Medians.

namespace Timeline.Benchmarks;

public static partial class Scenarios
{
    public static async Task<IEnumerable<Result>> ReviewAsync(Service service, BenchOptions o)
    {
        var count = o.Quick ? 60 : 2_000;
        var filler = string.Join("\n", Enumerable.Range(0, 30).Select(i => $"Paragraph {i} describes the front line, the weather and the roads at some length without a single count in it, so the text is long."));
        using (var progress = Progress.Start("archiving articles", count, "articles"))
            for (var i = 0; i < count; i++)
            {
                var text = $"The regional ministry said on Monday that {1_000 + i:N0} Russian soldiers had been killed in sector {i} since January.\n{filler}\n" +
                           $"Some {200 + i:N0} Russian soldiers were wounded over the same period, the ministry said.\n" +
                           $"The governor said {3 + i % 40} civilians had been killed in the shelling of the town on Sunday.";
                using var response = await service.Http.PostAsJsonAsync("/api/articles", new JsonObject
                {
                    ["text"] = text,
                    ["source"] = new JsonObject { ["title"] = $"Bench report {i}", ["url"] = $"https://example.org/bench/{i}", ["publishedOn"] = "2026-03-10" },
                });
                response.EnsureSuccessStatusCode();
                progress.Advance();
            }

        async Task<double> Timed(string url)
        {
            var clock = Stopwatch.StartNew();
            using var response = await service.Http.GetAsync(url);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            return clock.Elapsed.TotalMilliseconds;
        }
        var samples = o.Quick ? 20 : 50;
        var firstPage = new List<double>();
        for (var i = 0; i < samples; i++) firstPage.Add(await Timed("/api/review?state=pending&limit=20"));

        var pages = new List<double>();
        var items = 0;
        var pending = new List<(Guid Article, int Index)>();
        for (string? url = "/api/review?state=pending&limit=50"; url is not null;)
        {
            var clock = Stopwatch.StartNew();
            var page = await service.Http.GetFromJsonAsync<JsonElement>(url);
            pages.Add(clock.Elapsed.TotalMilliseconds);
            items += page.GetProperty("items").GetArrayLength();
            pending.AddRange(page.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("articleId").GetGuid(), i.GetProperty("index").GetInt32())));
            url = page.TryGetProperty("nextCursor", out var next) && next.GetString() is { } cursor ? $"/api/review?state=pending&limit=50&cursor={Uri.EscapeDataString(cursor)}" : null;
        }

        var dismissals = new List<double>();
        // Candidates the queue listed (on a busy machine an article's reading may stop short of some).
        foreach (var (article, index) in pending.Take(samples))
        {
            var clock = Stopwatch.StartNew();
            using var response = await service.Http.PostAsJsonAsync($"/api/articles/{article}/candidates/{index}/dismiss", new JsonObject { ["reason"] = "other" });
            response.EnsureSuccessStatusCode();
            dismissals.Add(clock.Elapsed.TotalMilliseconds);
        }
        var atom = new List<double>();
        var alerts = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            atom.Add(await Timed($"/api/feed.atom?limit=50&n={i}")); // a query of its own each time: no cache answers it
            alerts.Add(await Timed($"/api/feed.atom?limit=50&party=russia&newHigh=true&n={i}"));
        }
        Console.WriteLine($"  review: {items:N0} pending candidates in {pages.Count} pages of 50");
        string Pages(List<double> ms) => $"{ms.Count} pages; first {ms[0]:N0} ms, last {ms[^1]:N0} ms";
        return
        [
            new("review", $"first page of 20 pending, {count:N0} articles, median", Stats.Median(firstPage), null, "ms", "—"),
            new("review", "page of 50 pending to the queue's end, median", Stats.Median(pages), null, "ms", "flat from first page to last", Note: Pages(pages)),
            new("review", "dismiss a candidate, median", Stats.Median(dismissals), null, "ms", "—"),
            new("feeds out", "feed.atom, 50 entries, median", Stats.Median(atom), null, "ms", "—"),
            new("feeds out", "feed.atom with newHigh (alerts derived), median", Stats.Median(alerts), null, "ms", "—"),
        ];
    }
}

// Replay a page at a time: whatever the page size, the pages put together are the same replay, and
// each figure's estimate is what a naive recomputation over everything stated before it gives.
using System.Net;
using System.Text.Json;
using Timeline.Estimates;
using Timeline.Http;
using Timeline.Statements;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class ReplayPaging(SharedApp app)
{
    static readonly string[] Measures = RandomLog.Measures;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task pages_of_any_size_make_the_same_replay_and_each_estimate_is_the_naive_one(int seed)
    {
        var random = new Random(seed);
        var party = Api.UniqueParty();
        await RandomLog.RecordAsync(app.Host, party, random);

        var whole = await ReplayAsync($"/api/replay?party={party}&limit=1000");
        foreach (var size in new[] { 1, 3, 7 })
            Assert.Equal(whole, await ReplayAsync($"/api/replay?party={party}&limit={size}"));

        // The naive reference: every estimate recomputed from all the facts stated before it.
        var facts = (await Facts.OfPartyAsync(app.Host, party, Measures)).OrderBy(f => f.StatedOn).ThenBy(f => f.Seq).ToList();
        var seriesOf = new Dictionary<Guid, string>();
        var expected = new List<string>();
        for (var i = 0; i < facts.Count; i++)
        {
            var f = facts[i];
            if (f.Series is { } s) seriesOf[f.StatementId] = s.Id;
            var series = seriesOf[f.StatementId];
            var estimate = Facts.NaiveEstimates(facts.Take(i + 1), f.StatedOn, long.MaxValue).FirstOrDefault(e => e.Id == series);
            expected.Add($"{f.StatedOn:yyyy-MM-dd} {f.Seq} {series} {Describe(estimate)}");
        }
        Assert.Equal(expected, whole);

        // History, paged the same ways, lists each change with the source's figure just before and after it.
        foreach (var measure in Measures)
        {
            var seriesId = $"{party}-military-{measure}";
            var history = await HistoryAsync(seriesId, 5000);
            foreach (var size in new[] { 1, 3, 7 })
                Assert.Equal(history, await HistoryAsync(seriesId, size));
            Assert.Equal(ReferenceHistory(facts, seriesId), history);
        }
    }

    /// <summary>The naive history: every listed change, the source's figure recomputed from everything before it and through it.</summary>
    static List<string> ReferenceHistory(List<Fact> facts, string seriesId)
    {
        var everIn = facts.Where(f => f.Series?.Id == seriesId).Select(f => f.StatementId).ToHashSet();
        FigureEntry? Figure(int count, string statedBy) =>
            Facts.NaiveEstimates(facts.Take(count), DateOnly.MaxValue, long.MaxValue).FirstOrDefault(e => e.Id == seriesId)?
                .BySource.FirstOrDefault(b => b.StatedBy == statedBy);
        var entries = new List<string>();
        for (var i = 0; i < facts.Count; i++)
        {
            var f = facts[i];
            if (f.Series?.Id == seriesId || (f.Change == Change.Retracted && everIn.Contains(f.StatementId)))
                entries.Add($"{f.StatedOn:yyyy-MM-dd} {Vocabulary.Name(f.Change)} {f.StatedBy} {f.Value} before {Describe(Figure(i, f.StatedBy))} after {Describe(Figure(i + 1, f.StatedBy))}");
        }
        return entries;
    }

    async Task<List<string>> HistoryAsync(string seriesId, int limit)
    {
        var entries = new List<string>();
        for (string? cursor = null; ;)
        {
            var (status, page) = await app.Host.GetAsync($"/api/estimates/{seriesId}/history?limit={limit}{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
            if (status == HttpStatusCode.NotFound) return entries;
            Assert.Equal(HttpStatusCode.OK, status);
            foreach (var e in page.GetProperty("entries").EnumerateArray())
                entries.Add($"{e.GetProperty("statedOn").GetString()} {e.GetProperty("change").GetString()} {e.GetProperty("statedBy").GetString()} "
                            + $"{(e.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null)} "
                            + $"before {DescribeFigure(e, "previous")} after {DescribeFigure(e, "after")}");
            cursor = page.GetProperty("nextCursor").GetString();
            if (cursor is null) return entries;
        }
    }

    static string Describe(FigureEntry? f) => f is null ? "none" : $"{f.StatedBy}={f.Value}@{f.StatedOn:yyyy-MM-dd}/{f.CorrectedOn:yyyy-MM-dd}";

    static string DescribeFigure(JsonElement entry, string name) =>
        !entry.TryGetProperty(name, out var f) || f.ValueKind != JsonValueKind.Object ? "none"
            : $"{f.GetProperty("statedBy").GetString()}={f.GetProperty("value").GetInt64()}@{f.GetProperty("statedOn").GetString()}/"
              + (f.TryGetProperty("correctedOn", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : "");

    async Task<List<string>> ReplayAsync(string url)
    {
        var items = new List<string>();
        using var client = app.Host.Server.CreateClient();
        for (var next = url; next is not null;)
        {
            using var response = await client.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var item = JsonDocument.Parse(line).RootElement;
                var estimate = item.TryGetProperty("estimate", out var e) ? e : default;
                items.Add($"{item.GetProperty("statedOn").GetString()} {item.GetProperty("sequence").GetInt64()} {item.GetProperty("seriesId").GetString()} {Describe(estimate)}");
            }
            next = response.Headers.TryGetValues("Link", out var link) ? link.Single().Split(';')[0].Trim('<', '>') : null;
        }
        return items;
    }

    static string Describe(SeriesEstimate? e) =>
        e is null ? "nothing" : $"latest {e.Latest.StatedBy}={e.Latest.Value}; " + string.Join(" ", e.BySource.Select(s => $"{s.StatedBy}={s.Value}")) + $"; {e.Range?.Low}-{e.Range?.High}";

    static string Describe(JsonElement e) =>
        e.ValueKind != JsonValueKind.Object ? "nothing"
            : $"latest {e.GetProperty("latest").GetProperty("statedBy").GetString()}={e.GetProperty("latest").GetProperty("value").GetInt64()}; "
              + string.Join(" ", e.GetProperty("bySource").EnumerateArray().Select(s => $"{s.GetProperty("statedBy").GetString()}={s.GetProperty("value").GetInt64()}"))
              + $"; {e.GetProperty("range").GetProperty("low").GetInt64()}-{e.GetProperty("range").GetProperty("high").GetInt64()}";
}

// What a page of changes costs in queries: the series it looks at are read in growing chunks, so a
// page of few series (a large limit) that looks at many does not cost a pair of queries per few.
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class ChangesCost(SharedApp app)
{
    [Fact]
    public async Task a_page_of_ten_series_that_looks_at_a_hundred_and_twenty_reads_them_in_a_few_chunks()
    {
        var party = Api.UniqueParty();
        var batch = new JsonArray();
        // 120 series of one party (one per period), none of them changed between the dates asked about.
        for (var i = 0; i < 120; i++)
        {
            var figure = Api.Figure(Api.Unique(), 100 + i, "2024-01-01", party: party);
            figure["figure"]!["period"] = new JsonObject { ["from"] = new DateOnly(2022, 3, 1).AddDays(i).ToString("yyyy-MM-dd") };
            batch.Add(figure);
        }
        var (recorded, body, _) = await app.Host.PostAsync("/api/statements/batch", batch);
        Assert.True(recorded is HttpStatusCode.Created or HttpStatusCode.OK, body.ToString());

        // limit=1000 lists at most 10 series a page; with chunks of a page each, the 120 took 12 chunks of two queries
        // (27 in all). Now two chunks: the basis (twice: caching and the endpoint), the series, two pairs.
        var (status, answer, queries) = await app.Host.GetCountingAsync($"/api/changes?from=2024-06-01&to=2024-06-02&party={party}&limit=1000&all=false");

        Assert.True(status == HttpStatusCode.OK, answer);
        Assert.Empty(JsonDocument.Parse(answer).RootElement.GetProperty("series").EnumerateArray());
        Assert.True(queries.Count <= 8, $"{queries.Count} queries:\n{string.Join("\n", queries)}");
    }
}

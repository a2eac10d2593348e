using System.Net;
using System.Text.Json;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class ListingStatements(SharedApp app)
{
    [Fact]
    public async Task pages_follow_the_cursor_in_recording_order_without_gaps_or_repeats()
    {
        var name = Api.Unique();
        var mine = new List<Guid>();
        for (var i = 0; i < 5; i++) mine.Add(await app.Host.RecordedAsync(Api.Figure(name, i)));

        var seen = new List<Wire.Statement>();
        string? cursor = null;
        do
        {
            var page = await app.Host.Read<Wire.StatementPage>($"/api/statements?limit=3{(cursor is null ? "" : $"&cursor={cursor}")}");
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        } while (cursor is not null);

        var sequences = seen.Select(s => s.Sequence).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(sequences.Count, sequences.Distinct().Count());
        Assert.Equal(mine, seen.Select(s => s.Id).Where(mine.Contains));
    }

    /// <summary>Every statement, following the cursor to the last page (other tests share this database).</summary>
    async Task<List<Wire.Statement>> AllAsync()
    {
        var all = new List<Wire.Statement>();
        string? cursor = null;
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages < 1000, "the cursor never reached a last page");
            // The record requires nextCursor to be there: the last page writes it as null, not leaves it out.
            var page = await app.Host.Read<Wire.StatementPage>($"/api/statements?limit=500{(cursor is null ? "" : $"&cursor={cursor}")}");
            all.AddRange(page.Items);
            if (page.NextCursor is null) return all;
            cursor = page.NextCursor;
        }
    }

    [Fact]
    public async Task each_item_carries_its_quote_and_source()
    {
        var id = await app.Host.RecordedAsync(Api.Figure(Api.Unique()));

        var mine = (await AllAsync()).First(s => s.Id == id);

        Assert.Equal("about 1000 were killed", mine.Quote);
        Assert.Equal("Test outlet", mine.Source.Title);
    }

    [Fact]
    public async Task the_last_page_says_so_with_a_null_cursor_after_the_newest_statement()
    {
        var id = await app.Host.RecordedAsync(Api.Figure(Api.Unique()));

        // AllAsync ends only on a null cursor; the newest statement is on or before that page.
        Assert.Contains(await AllAsync(), s => s.Id == id);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task bad_paging_parameters_are_a_problem(string query, string field)
    {
        var (status, problem) = await app.Host.GetAsync($"/api/statements?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        problem.NamesField(field);
    }

    [Fact]
    public async Task a_cursor_from_another_list_or_of_another_version_is_a_problem_naming_cursor()
    {
        await app.Host.RecordedAsync(Api.Figure(Api.Unique()));
        await app.Host.RecordedAsync(Api.Figure(Api.Unique()));
        var (_, page) = await app.Host.GetAsync("/api/statements?limit=1");
        var statements = page.GetProperty("nextCursor").GetString()!;
        var after = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(statements)).RootElement.GetProperty("after").GetInt64();
        string Forged(int version) => System.Buffers.Text.Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new { v = version, list = "statements", basis = (long?)null, after }));

        Assert.Equal(HttpStatusCode.OK, (await app.Host.GetAsync($"/api/statements?limit=1&cursor={Forged(1)}")).Status);
        foreach (var url in new[]
        {
            $"/api/statements?cursor={Forged(2)}", $"/api/timeline?cursor={statements}", $"/api/articles?cursor={statements}",
            $"/api/replay?cursor={statements}", $"/api/review?cursor={statements}", $"/api/changes?from=2025-01-01&cursor={statements}",
            $"/api/estimates/no-such-series/history?cursor={statements}",
        })
        {
            var (status, problem) = await app.Host.GetAsync(url, AppFixture.WriterKey);
            Assert.True(status == HttpStatusCode.BadRequest, $"{url}: {status}");
            Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _), url);
        }
    }
}

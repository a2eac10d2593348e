// GET /api/estimates and /api/estimates.csv a page of series at a time: followed cursor by cursor,
// the pages give exactly what one answer at the same basis gives, however much is recorded meanwhile.
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Timeline.Estimates;
using Timeline.Http;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class EstimatesPaging(SharedApp app)
{
    readonly string _party = Api.UniqueParty();

    // count cumulative series of the party (each from its own start), in id order. Every one has a figure stated on
    // 2024-08-01; every other one also has one on 2024-06-01, so as of 2024-07-01 only those stand.
    async Task<string[]> ManySeries(int count)
    {
        var batch = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var since = new DateOnly(2023, 1, 1).AddDays(i).ToString("yyyy-MM-dd");
            if (i % 2 == 0) batch.Add(Api.Figure("Ministry", 1000 + i, "2024-06-01", party: _party).Period(since, null));
            batch.Add(Api.Figure("Institute", 2000 + i, "2024-08-01", party: _party).Period(since, null));
        }
        var (status, body, _) = await app.Host.PostAsync("/api/statements/batch", batch);
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, body.ToString());
        return Enumerable.Range(0, count).Select(i => $"{_party}-military-killed-since-{new DateOnly(2023, 1, 1).AddDays(i):yyyy-MM-dd}").Order(StringComparer.Ordinal).ToArray();
    }

    // Every page of a question, from the first (no cursor) to the last (no nextCursor).
    async Task<List<JsonElement>> Pages(string query)
    {
        var pages = new List<JsonElement>();
        for (string? cursor = null; pages.Count == 0 || cursor is not null;)
        {
            var (status, page) = await app.Host.GetAsync($"/api/estimates?{query}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            Assert.Equal(HttpStatusCode.OK, status);
            pages.Add(page);
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        return pages;
    }

    static string Series(IEnumerable<JsonElement> pages) =>
        "[" + string.Join(",", pages.SelectMany(p => p.GetProperty("series").EnumerateArray()).Select(s => s.GetRawText())) + "]";

    [Fact]
    public async Task the_pages_followed_to_the_last_give_exactly_the_one_answer_at_their_basis()
    {
        var ids = await ManySeries(7);

        foreach (var asOf in new[] { "", "&asOf=2024-07-01" })
        foreach (var limit in new[] { 1, 3, 7 })
        {
            var pages = await Pages($"party={_party}{asOf}&limit={limit}");
            var basis = pages[0].GetProperty("basis").GetInt64();
            var (_, whole) = await app.Host.GetAsync($"/api/estimates?party={_party}{asOf}&knownAt={basis}");

            Assert.Equal(whole.GetProperty("series").GetRawText(), Series(pages));
            Assert.All(pages, p => Assert.Equal(basis, p.GetProperty("basis").GetInt64()));
            Assert.All(pages, p => Assert.Equal(whole.GetProperty("asOf").GetString(), p.GetProperty("asOf").GetString()));
            Assert.All(pages, p => Assert.InRange(p.GetProperty("series").GetArrayLength(), 0, limit));
            Assert.Equal((ids.Length + limit - 1) / limit, pages.Count); // a page looks at limit series, listing those with a figure
            Assert.False(whole.TryGetProperty("nextCursor", out _)); // one page: the answer as it always was
        }
        Assert.Equal(ids, (await Pages($"party={_party}&limit=2")).SelectMany(p => p.GetProperty("series").EnumerateArray()).Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(4, (await Pages($"party={_party}&asOf=2024-07-01&limit=2")).Sum(p => p.GetProperty("series").GetArrayLength()));
    }

    [Fact]
    public async Task later_pages_answer_at_the_first_pages_basis_whatever_is_recorded_meanwhile()
    {
        var ids = await ManySeries(3);
        var (_, first) = await app.Host.GetAsync($"/api/estimates?party={_party}&limit=1");
        var basis = first.GetProperty("basis").GetInt64();

        // After the first page: a new figure in the last series and a new series sorting before it.
        await app.Host.RecordedAsync(Api.Figure("Late Source", 99_999, "2024-09-01", party: _party).Period("2023-01-03", null));
        await app.Host.RecordedAsync(Api.Figure("Late Source", 5, "2024-09-01", party: _party).Period("2023-01-02", "2023-12-31"));

        var pages = new List<JsonElement> { first };
        for (var cursor = first.GetProperty("nextCursor").GetString(); cursor is not null;)
        {
            var (_, page) = await app.Host.GetAsync($"/api/estimates?party={_party}&limit=1&cursor={Uri.EscapeDataString(cursor)}");
            pages.Add(page);
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        var (_, then) = await app.Host.GetAsync($"/api/estimates?party={_party}&knownAt={basis}");
        var (_, now) = await app.Host.GetAsync($"/api/estimates?party={_party}");

        Assert.Equal(then.GetProperty("series").GetRawText(), Series(pages));
        Assert.Equal(ids, pages.SelectMany(p => p.GetProperty("series").EnumerateArray()).Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(4, now.GetProperty("series").GetArrayLength()); // the present has them both
        Assert.Contains("99999", now.GetProperty("series").GetRawText());
    }

    [Fact]
    public async Task the_csv_pages_alike_the_next_page_named_in_the_link_header()
    {
        await ManySeries(5);
        using var client = app.Host.Server.CreateClient();
        var rows = new List<string>();
        var pages = 0;
        for (var url = $"/api/estimates.csv?party={_party}&limit=2"; url is not null; pages++)
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            rows.AddRange(lines.Skip(1));
            url = response.Headers.TryGetValues("Link", out var link) ? link.Single().Split('<', '>')[1] : null;
        }
        var basis = rows[0].Split(',')[1].Trim('"');
        using var whole = await client.GetAsync($"/api/estimates.csv?party={_party}&knownAt={basis}");

        Assert.Equal(3, pages);
        Assert.False(whole.Headers.Contains("Link"));
        Assert.Equal((await whole.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1), rows);
        Assert.Equal(8, rows.Count); // 5 series: 3 with two sources, 2 with one
    }

    [Fact]
    public async Task every_series_comes_a_bounded_page_at_a_time()
    {
        await ManySeries(2);

        var (_, page) = await app.Host.GetAsync("/api/estimates?limit=1");
        var (_, answer) = await app.Host.GetAsync("/api/estimates");

        Assert.Equal(1, page.GetProperty("series").GetArrayLength());
        Assert.NotNull(page.GetProperty("nextCursor").GetString());
        Assert.InRange(answer.GetProperty("series").GetArrayLength(), 2, GetEstimates.SeriesPage);
    }

    [Theory]
    [InlineData("/api/estimates?cursor=zzz", "cursor")]
    [InlineData("/api/estimates.csv?cursor=zzz", "cursor")]
    [InlineData("/api/estimates?limit=0", "limit")]
    [InlineData("/api/estimates?limit=501", "limit")]
    [InlineData("/api/estimates?limit=abc", "limit")]
    [InlineData("/api/estimates.csv?limit=-1", "limit")]
    public async Task a_bad_cursor_or_limit_is_a_400_problem_naming_it(string url, string field)
    {
        var (status, problem) = await app.Host.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        problem.NamesField(field);
    }

    [Fact]
    public async Task a_cursor_of_another_list_is_refused()
    {
        var (status, problem) = await app.Host.GetAsync($"/api/estimates?cursor={PageCursor.Encode("changes", 1, "a")}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        problem.NamesField("cursor");
    }

    // Cumulative series of the party since each of these days, one figure each.
    async Task SeriesSince(params int[] days)
    {
        foreach (var day in days)
            await app.Host.RecordedAsync(Api.Figure("Institute", 100 + day, "2024-08-01", party: _party).Period($"2023-01-{day:00}", null));
    }

    [Fact]
    public async Task a_fixed_basis_answers_the_same_bytes_however_many_series_are_recorded_after_it()
    {
        await SeriesSince(1, 3);
        var (_, now) = await app.Host.GetAsync($"/api/estimates?party={_party}");
        var basis = now.GetProperty("basis").GetInt64();
        using var client = app.Host.Server.CreateClient();
        var urls = new[] { 1, 2 }.SelectMany(limit => new[] { "/api/estimates", "/api/estimates.csv" }
            .Select(path => $"{path}?party={_party}&knownAt={basis}&asOf=2024-09-01&limit={limit}")).ToList();
        async Task<(string Body, string? ETag, string? Link)> Answer(string url)
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadAsStringAsync(), response.Headers.ETag?.Tag,
                response.Headers.TryGetValues("Link", out var link) ? link.Single() : null);
        }
        var (_, firstOfTwo) = await app.Host.GetAsync(urls[0]);
        urls.Add($"{urls[0]}&cursor={Uri.EscapeDataString(firstOfTwo.GetProperty("nextCursor").GetString()!)}");
        var before = new List<(string, string?, string?)>();
        foreach (var url in urls) before.Add(await Answer(url));

        // One series between the two in id order, and more than a page of them after.
        await SeriesSince(2, 4, 5);

        for (var i = 0; i < urls.Count; i++) Assert.Equal(before[i], await Answer(urls[i]));
        Assert.NotNull(before[0].Item2);
        Assert.DoesNotContain("nextCursor", before[2].Item1); // limit 2: the two series known at the basis, one page
        Assert.Null(before[3].Item3);
        Assert.Equal(5, (await Pages($"party={_party}&limit=2")).Sum(p => p.GetProperty("series").GetArrayLength()));
    }

    [Fact]
    public async Task a_later_page_answers_its_first_pages_question_or_is_refused_naming_the_cursor()
    {
        await ManySeries(3);
        var (_, first) = await app.Host.GetAsync($"/api/estimates?party={_party}&asOf=2024-07-01&limit=1");
        var basis = first.GetProperty("basis").GetInt64();
        var cursor = Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!);

        // Without asOf or knownAt, the cursor's own.
        var (status, later) = await app.Host.GetAsync($"/api/estimates?party={_party}&limit=1&cursor={cursor}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2024-07-01", later.GetProperty("asOf").GetString());
        Assert.Equal(basis, later.GetProperty("basis").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await app.Host.GetAsync($"/api/estimates?party={_party}&asOf=2024-07-01&knownAt={basis}&limit=1&cursor={cursor}")).Status);

        foreach (var other in new[] { $"party={_party}&asOf=2024-08-01", $"party={_party}&knownAt={basis - 1}", "", $"party={_party}x",
                     $"party={_party}&group=civilian", $"party={_party}&measure=wounded", $"series={_party}-military-killed-since-2023-01-01" })
        {
            var (refused, problem) = await app.Host.GetAsync($"/api/estimates?{other}&limit=1&cursor={cursor}");
            Assert.Equal(HttpStatusCode.BadRequest, refused);
            problem.NamesField("cursor", other);
        }
    }

    [Fact]
    public async Task a_cursor_with_a_basis_beyond_the_latest_is_refused_naming_the_cursor()
    {
        var question = GetEstimates.Question(GetEstimates.Filter(_party, null, null, new FieldErrors()), null);
        var forged = PageCursor.Encode("estimates", long.MaxValue / 2, new GetEstimates.SeriesPlace("a", new DateOnly(2024, 7, 1), question));

        var (status, problem) = await app.Host.GetAsync($"/api/estimates?party={_party}&cursor={forged}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        problem.NamesField("cursor");
        Assert.False(problem.GetProperty("errors").TryGetProperty("knownAt", out _), problem.ToString());
    }
}

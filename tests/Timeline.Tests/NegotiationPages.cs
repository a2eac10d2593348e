// Days of talks a page at a time: each page reads a bounded number of statements through the days
// index, whatever the log holds, and the cursor carries on where the page stopped.
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Timeline.Negotiations;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class NegotiationPages(SharedApp app)
{
    async Task<string> TalksOfDays(int days)
    {
        var talks = Api.Unique("Talks");
        var batch = new JsonArray();
        for (var day = days; day >= 1; day--) // recorded last day first: the order is the days', not the recording's
        {
            var s = Api.NegotiationDay(Api.Unique());
            s["negotiation"]!["talks"] = talks;
            s["negotiation"]!["day"] = day;
            s["negotiation"]!["openIssues"] = new JsonArray($"issue of day {day}");
            batch.Add(s);
        }
        var (status, body, _) = await app.Host.PostAsync("/api/statements/batch", batch);
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, body.ToString());
        return GetNegotiations.TalksId(talks);
    }

    [Fact]
    public async Task a_talks_with_more_days_than_a_page_is_read_a_page_of_days_at_a_time()
    {
        var id = await TalksOfDays(5);

        var pages = new List<(int[] Days, string[] OpenIssues)>();
        var url = $"/api/negotiations/{id}?limit=2";
        long? basis = null;
        while (true)
        {
            var (status, talks) = await app.Host.GetAsync(url);
            Assert.True(status == HttpStatusCode.OK, talks.ToString());
            pages.Add(([.. talks.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("day").GetInt32())],
                [.. talks.GetProperty("openIssues").EnumerateArray().Select(i => i.GetProperty("issue").GetString()!)]));
            Assert.Equal(basis ??= talks.GetProperty("basis").GetInt64(), talks.GetProperty("basis").GetInt64());
            if (!talks.TryGetProperty("nextCursor", out var next)) break;
            url = $"/api/negotiations/{id}?limit=2&cursor={next.GetString()}";
        }

        Assert.Equal([[1, 2], [3, 4], [5]], pages.Select(p => p.Days));
        Assert.Equal([["issue of day 2"], ["issue of day 4"], ["issue of day 5"]], pages.Select(p => p.OpenIssues));
    }

    [Fact]
    public async Task every_talks_is_listed_a_page_of_days_at_a_time_and_each_day_once()
    {
        var id = await TalksOfDays(3);

        var days = new List<(string Talks, int? Day)>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var (status, page) = await app.Host.GetAsync($"/api/negotiations?limit=7{(cursor is null ? "" : $"&cursor={cursor}")}");
            Assert.True(status == HttpStatusCode.OK, page.ToString());
            var onPage = page.GetProperty("talks").EnumerateArray()
                .SelectMany(t => t.GetProperty("days").EnumerateArray().Select(d => (t.GetProperty("id").GetString()!,
                    d.GetProperty("day").ValueKind == JsonValueKind.Number ? d.GetProperty("day").GetInt32() : (int?)null)))
                .ToList();
            Assert.InRange(onPage.Count, 1, 7);
            days.AddRange(onPage);
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        } while (cursor is not null && pages < 1000);

        Assert.Null(cursor);
        Assert.Equal([1, 2, 3], days.Where(d => d.Talks == id).Select(d => d.Day));
        // Days with a number are each one day (the shared database's talks are all numbered days, one statement each or more).
        Assert.Equal(days.Where(d => d.Day is not null).Count(), days.Where(d => d.Day is not null).Distinct().Count());
    }

    [Fact]
    public async Task a_cursor_that_was_not_given_out_is_refused_naming_it()
    {
        var (status, problem) = await app.Host.GetAsync("/api/negotiations?cursor=bm90LWEtY3Vyc29y");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _), problem.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Host.GetAsync("/api/negotiations?limit=201")).Status);
    }

    [Fact]
    public async Task a_page_runs_a_few_queries_and_reads_through_the_days_index_not_every_statement()
    {
        var id = await TalksOfDays(30);

        var (status, body, queries) = await app.Host.GetCountingAsync($"/api/negotiations/{id}?limit=200");
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal(30, JsonDocument.Parse(body).RootElement.GetProperty("days").GetArrayLength());
        // The latest basis and the page (the statements revised after the basis would be a third: none here).
        Assert.True(queries.Count <= 2, string.Join("\n", queries));

        // The page's query as the endpoint ran it, with sequential scans and sorts priced out (a table this small is
        // cheaper to sort): only an index that answers its filter in its order avoids both.
        var (_, _, all) = await app.Host.GetCountingAsync("/api/negotiations?limit=200");
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using (var off = new NpgsqlCommand("set enable_seqscan = off; set enable_sort = off; set enable_bitmapscan = off", connection)) await off.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        var plan = new List<string>();
        var withdrawn = "'$[*] ? (@.Change == \"Retracted\" && @.Sequence <= $basis && @.StatedOn <= $asOf)'";
        foreach (var (sql, args, name) in new[] { (queries.Single(IsPage), $"{long.MaxValue}, '2026-03-01', {withdrawn}, {long.MaxValue}, '2026-03-01', '{id}', 501", "one"),
                     (all.Single(IsPage), $"{long.MaxValue}, '2026-03-01', {withdrawn}, {long.MaxValue}, '2026-03-01', 501", "every") })
        {
            await using (var prepare = new NpgsqlCommand($"prepare {name} as {sql}", connection)) await prepare.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            await using var explain = new NpgsqlCommand($"explain execute {name}({args})", connection);
            await using var reader = await explain.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken)) plan.Add(reader.GetString(0));
        }
        Assert.True(plan.Count(line => line.Contains(NegotiationDays.IndexName, StringComparison.Ordinal)) == 2, string.Join("\n", plan));
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan", StringComparison.Ordinal) || line.Contains("Sort", StringComparison.Ordinal));
    }

    static bool IsPage(string sql) => sql.Contains("'NegotiationDay'", StringComparison.Ordinal);

    [Fact]
    public async Task the_talks_id_the_database_computes_is_the_one_the_answer_gives()
    {
        string[] names = ["Abu Dhabi ceasefire talks", "  Geneva: round 2 — \u201cfinal\u201d  ", "ＩＳＴＡＮＢＵＬ talks", "Київ talks", "İstanbul talks",
            "Ⅻ round", "talks\u00a0in\tRiyadh", "Ａ-Ｂ", "---", "Ёлка 2026 (Minsk)"];
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        foreach (var name in names)
        {
            await using var command = new NpgsqlCommand($"select {NegotiationDays.TalksIdFunction}($1)", connection) { Parameters = { new() { Value = name } } };
            Assert.Equal(GetNegotiations.TalksId(name), (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task the_days_index_outlives_marten_applying_its_schema_again()
    {
        await app.Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("select count(*) from pg_indexes where indexname = $1", connection) { Parameters = { new() { Value = NegotiationDays.IndexName } } };
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }
}

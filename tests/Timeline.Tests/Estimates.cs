// Estimates as of a date (valid time) and as known at an instant or basis (system time).
// Each test works in a party of its own, so its series hold only its own figures.
using System.Net;
using System.Text.Json;
using nietras.SeparatedValues;
using Timeline.Http;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class Estimates(SharedApp app)
{
    readonly string _party = Api.UniqueParty();
    string Series => $"{_party}-military-killed";

    async Task<JsonElement> SeriesAsync(string query = "")
    {
        var (status, body) = await app.Host.GetAsync($"/api/estimates?party={_party}{query}");
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("series").EnumerateArray().SingleOrDefault(s => s.GetProperty("id").GetString() == Series);
    }

    static long Latest(JsonElement series) => series.GetProperty("latest").GetProperty("value").GetInt64();

    static Dictionary<string, long> BySource(JsonElement series) =>
        series.GetProperty("bySource").EnumerateArray().ToDictionary(e => e.GetProperty("statedBy").GetString()!, e => e.GetProperty("value").GetInt64());

    async Task<Guid> Record(string statedBy, long value, string statedOn) =>
        await app.Host.RecordedAsync(Api.Figure(statedBy, value, statedOn, party: _party));

    [Fact]
    public async Task latest_is_the_figure_stated_last_and_by_source_holds_each_sources_latest()
    {
        await Record("Ministry", 100, "2025-01-10");
        await Record("Ministry", 300, "2025-03-10");
        await Record("Institute", 200, "2025-02-10");

        var series = await SeriesAsync();

        Assert.Equal(300, Latest(series));
        Assert.Equal(new Dictionary<string, long> { ["Institute"] = 200, ["Ministry"] = 300 }, BySource(series));
        Assert.Equal(200, series.GetProperty("range").GetProperty("low").GetInt64());
        Assert.Equal(300, series.GetProperty("range").GetProperty("high").GetInt64());
        Assert.Equal("since 24 Feb 2022", series.GetProperty("label").GetString()!.Split('(')[1].TrimEnd(')'));
    }

    [Fact]
    public async Task a_tie_on_stated_on_goes_to_the_later_recorded()
    {
        await Record("Ministry", 100, "2025-01-10");
        await Record("Institute", 150, "2025-01-10");

        Assert.Equal(150, Latest(await SeriesAsync()));
    }

    [Fact]
    public async Task the_range_spans_the_lowest_low_and_highest_high_of_the_sources()
    {
        await app.Host.RecordedAsync(Api.Figure("Institute", statedOn: "2025-01-10", party: _party).Range(400, 900));
        await Record("Ministry", 1000, "2025-01-11");

        var range = (await SeriesAsync()).GetProperty("range");

        Assert.Equal(400, range.GetProperty("low").GetInt64());
        Assert.Equal(1000, range.GetProperty("high").GetInt64());
    }

    [Fact]
    public async Task as_of_a_date_only_statements_made_by_then_count()
    {
        await Record("Ministry", 100, "2025-01-10");
        await Record("Ministry", 300, "2025-03-10");

        Assert.Equal(100, Latest(await SeriesAsync("&asOf=2025-02-01")));
        Assert.Equal(300, Latest(await SeriesAsync("&asOf=2025-03-10")));
        Assert.Equal(JsonValueKind.Undefined, (await SeriesAsync("&asOf=2025-01-09")).ValueKind);
    }

    [Fact]
    public async Task a_correction_counts_from_its_own_stated_on()
    {
        var id = await Record("Ministry", 100, "2025-01-10");
        await app.Host.PostAsync($"/api/statements/{id}/corrections", Api.Correction(120, "2025-02-01", _party));

        Assert.Equal(100, Latest(await SeriesAsync("&asOf=2025-01-31")));
        var corrected = (await SeriesAsync("&asOf=2025-02-01")).GetProperty("latest");
        Assert.Equal(120, corrected.GetProperty("value").GetInt64());
        Assert.Equal("2025-01-10", corrected.GetProperty("statedOn").GetString());
        Assert.Equal("2025-02-01", corrected.GetProperty("correctedOn").GetString());
    }

    [Fact]
    public async Task a_retraction_removes_the_statement_from_its_stated_on_and_the_previous_figure_is_latest_again()
    {
        await Record("Ministry", 100, "2025-01-10");
        var id = await Record("Ministry", 300, "2025-03-10");
        await app.Host.PostAsync($"/api/statements/{id}/retractions", Api.Retraction("2025-04-01"));

        Assert.Equal(300, Latest(await SeriesAsync("&asOf=2025-03-31")));
        Assert.Equal(100, Latest(await SeriesAsync("&asOf=2025-04-01")));
    }

    [Fact]
    public async Task as_of_before_a_retraction_still_shows_the_figure()
    {
        var id = await Record("Ministry", 100, "2025-01-10");
        await app.Host.PostAsync($"/api/statements/{id}/retractions", Api.Retraction("2025-06-01"));

        Assert.Equal(100, Latest(await SeriesAsync("&asOf=2025-05-31")));
        Assert.Equal(JsonValueKind.Undefined, (await SeriesAsync("&asOf=2025-06-01")).ValueKind);
    }

    [Fact]
    public async Task a_statement_recorded_today_about_2024_changes_the_answer_for_2024()
    {
        await Record("Ministry", 500, "2025-06-01");
        Assert.Equal(JsonValueKind.Undefined, (await SeriesAsync("&asOf=2024-12-31")).ValueKind);

        await Record("Ministry", 400, "2024-11-30");

        Assert.Equal(400, Latest(await SeriesAsync("&asOf=2024-12-31")));
        Assert.Equal(500, Latest(await SeriesAsync()));
    }

    [Fact]
    public async Task a_past_basis_gives_exactly_the_answer_given_then()
    {
        await Record("Ministry", 100, "2025-01-10");
        var (_, then) = await app.Host.GetAsync($"/api/estimates?party={_party}&asOf=2025-12-31");
        var basis = then.GetProperty("basis").GetInt64();

        var id = await Record("Ministry", 200, "2025-02-10");
        await app.Host.PostAsync($"/api/statements/{id}/corrections", Api.Correction(250, "2025-03-01", _party));
        await Record("Institute", 50, "2024-06-01");

        var (_, again) = await app.Host.GetAsync($"/api/estimates?party={_party}&asOf=2025-12-31&knownAt={basis}");
        Assert.Equal(then.GetProperty("series").GetRawText(), again.GetProperty("series").GetRawText());
        Assert.Equal(basis, again.GetProperty("basis").GetInt64());
        Assert.Equal(250, Latest(await SeriesAsync("&asOf=2025-12-31")));
    }

    [Fact]
    public async Task a_past_instant_gives_the_answer_known_then()
    {
        // The instant the first figure was recorded, as the service recorded it: the second comes after it.
        var first = await Record("Ministry", 100, "2025-01-10");
        var instant = (await app.Host.GetAsync($"/api/statements/{first}")).Body.GetProperty("recordedAt").GetDateTimeOffset();
        await Record("Ministry", 200, "2025-02-10");

        var (_, answer) = await app.Host.GetAsync($"/api/estimates?party={_party}&knownAt={Uri.EscapeDataString(instant.ToString("O"))}");

        var series = answer.GetProperty("series").EnumerateArray().Single();
        Assert.Equal(100, Latest(series));
        Assert.Equal(instant.UtcDateTime, answer.GetProperty("knownAt").GetDateTimeOffset().UtcDateTime);
    }

    [Fact]
    public async Task a_bounded_period_forms_its_own_series()
    {
        await app.Host.RecordedAsync(Api.Figure("Intelligence", 420000, "2026-02-23", party: _party, measure: "killed-or-wounded").Period("2025-01-01", "2025-12-31"));
        await app.Host.RecordedAsync(Api.Figure("Intelligence", 1100000, "2026-02-23", party: _party, measure: "killed-or-wounded"));

        var (_, body) = await app.Host.GetAsync($"/api/estimates?party={_party}");

        var ids = body.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Equal([$"{_party}-military-killed-or-wounded", $"{_party}-military-killed-or-wounded-2025"], ids);
        Assert.All(ids, id => Assert.Matches("^[a-z0-9-]+$", id!));
    }

    [Fact]
    public async Task filters_by_group_and_measure()
    {
        await Record("Ministry", 100, "2025-01-10");
        await app.Host.RecordedAsync(Api.Figure("Ministry", 7, "2025-01-10", party: _party, measure: "captured"));

        var (_, body) = await app.Host.GetAsync($"/api/estimates?party={_party}&group=military&measure=captured");

        Assert.Equal([$"{_party}-military-captured"], body.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task the_seed_answers_what_each_source_said_as_of_23_february_2026()
    {
        var (_, body) = await app.Host.GetAsync("/api/estimates?asOf=2026-02-23&party=ukraine&measure=killed");

        var series = body.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "ukraine-military-killed");
        var zelenskyy = series.GetProperty("bySource").EnumerateArray().Single(e => e.GetProperty("statedBy").GetString() == "Volodymyr Zelenskyy");
        Assert.Equal(55000, zelenskyy.GetProperty("value").GetInt64());
        Assert.Equal("approximately", zelenskyy.GetProperty("qualifier").GetString());
        Assert.Contains("55,000 Ukrainian soldiers", zelenskyy.GetProperty("quote").GetString());
    }

    [Fact]
    public async Task history_lists_every_change_in_stated_on_order_with_the_sources_previous_figure()
    {
        await Record("Ministry", 300, "2025-03-10");
        var first = await Record("Ministry", 100, "2025-01-10");
        await app.Host.PostAsync($"/api/statements/{first}/corrections", Api.Correction(120, "2025-02-01", _party));
        var last = await Record("Ministry", 400, "2025-05-10");
        await app.Host.PostAsync($"/api/statements/{last}/retractions", Api.Retraction("2025-06-01"));

        var (status, body) = await app.Host.GetAsync($"/api/estimates/{Series}/history");

        Assert.Equal(HttpStatusCode.OK, status);
        var entries = body.GetProperty("entries").EnumerateArray()
            .Select(e => (e.GetProperty("change").GetString(), e.GetProperty("statedOn").GetString(),
                e.TryGetProperty("value", out var v) ? v.GetInt64() : (long?)null,
                e.TryGetProperty("previous", out var p) ? p.GetProperty("value").GetInt64() : (long?)null))
            .ToList();
        Assert.Equal(
        [
            ("reported", "2025-01-10", 100, null),
            ("corrected", "2025-02-01", 120, 100),
            ("reported", "2025-03-10", 300, 120),
            ("reported", "2025-05-10", 400, 300),
            ("retracted", "2025-06-01", null, 400),
        ], entries);
    }

    [Fact]
    public async Task history_can_be_limited_to_dates_and_to_what_was_known()
    {
        await Record("Ministry", 100, "2025-01-10");
        var (_, then) = await app.Host.GetAsync($"/api/estimates?party={_party}");
        await Record("Ministry", 300, "2025-03-10");

        var (_, between) = await app.Host.GetAsync($"/api/estimates/{Series}/history?from=2025-02-01&to=2025-12-31");
        var (_, known) = await app.Host.GetAsync($"/api/estimates/{Series}/history?knownAt={then.GetProperty("basis").GetInt64()}");

        var only = Assert.Single(between.GetProperty("entries").EnumerateArray());
        Assert.Equal(300, only.GetProperty("value").GetInt64());
        Assert.Equal(100, only.GetProperty("previous").GetProperty("value").GetInt64());
        Assert.Equal(100, Assert.Single(known.GetProperty("entries").EnumerateArray()).GetProperty("value").GetInt64());
    }

    [Fact]
    public async Task csv_has_a_row_per_series_and_source()
    {
        await Record("Ministry", 100, "2025-01-10");
        await Record("Institute, \"independent\"", 90, "2025-01-11");

        using var client = app.Host.Server.CreateClient();
        var response = await client.GetAsync($"/api/estimates.csv?party={_party}", TestContext.Current.CancellationToken);
        var csv = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("\"as_of\",\"basis\",\"series_id\",", csv);
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromText(csv);
        var rows = reader.Enumerate(r => (Series: r["series_id"].ToString(), By: r["stated_by"].ToString(), Value: r["value"].ToString())).ToList();
        Assert.Equal([(Series, "Institute, \"independent\"", "90"), (Series, "Ministry", "100")], rows.OrderBy(r => r.By));
    }

    [Fact]
    public async Task csv_fields_are_all_quoted_and_none_opens_as_a_formula()
    {
        var hostile = Api.Figure("Ministry", 100, "2025-01-10", party: _party, sourceTitle: "a;=HYPERLINK(\"x\")");
        hostile["source"]!["url"] = "https://example.org/a;=1+1";
        await app.Host.RecordedAsync(hostile);
        await app.Host.RecordedAsync(Api.Figure("Institute", 90, "2025-01-11", party: _party, sourceTitle: "=HYPERLINK(\"x\")"));

        var csv = await app.Host.Server.CreateClient().GetStringAsync($"/api/estimates.csv?party={_party}", TestContext.Current.CancellationToken);

        // Every field of every line is quoted (RFC 4180): a quote opens each line and closes each field.
        Assert.All(csv.TrimEnd().Split('\n'), line => Assert.Matches("^\"(?:[^\"]|\"\")*\"(,\"(?:[^\"]|\"\")*\")*$", line));
        using var comma = Sep.Reader(o => o with { Unescape = true }).FromText(csv);
        var titles = comma.Enumerate(r => r["source_title"].ToString()).Order().ToList();
        Assert.Equal(["'=HYPERLINK(\"x\")", "a;=HYPERLINK(\"x\")"], titles);
        Assert.Contains("\"https://example.org/a;=1+1\"", csv);
        // Read as a spreadsheet in a locale that splits on ';' reads it: no cell starts a formula.
        using var semicolon = Sep.Reader(o => o with { Sep = new Sep(';'), Unescape = true, HasHeader = false }).FromText(csv);
        var cells = new List<string>();
        foreach (var row in semicolon)
            for (var c = 0; c < row.ColCount; c++) cells.Add(row[c].ToString());
        Assert.DoesNotContain(cells, c => c.StartsWith('='));
    }

    [Theory]
    [InlineData("/api/estimates?asOf=23-02-2026", "asOf")]
    [InlineData("/api/estimates?knownAt=yesterday", "knownAt")]
    [InlineData("/api/estimates?knownAt=999999999", "knownAt")]
    [InlineData("/api/estimates?measure=slain", "measure")]
    [InlineData("/api/estimates?group=navy", "group")]
    [InlineData("/api/estimates.csv?asOf=2026-13-01", "asOf")]
    [InlineData("/api/estimates/ukraine-military-killed/history?from=2026-03-01&to=2026-02-01", "from")]
    [InlineData("/api/estimates?series=no-such-series", "series")]
    [InlineData("/api/estimates?series=,", "series")]
    [InlineData("/api/timeline?limit=0", "limit")]
    [InlineData("/api/timeline?cursor=zzz", "cursor")]
    [InlineData("/api/timeline?kind=rumour", "kind")]
    [InlineData("/api/negotiations?asOf=soon", "asOf")]
    public async Task bad_parameters_are_a_400_problem_naming_the_parameter(string url, string field)
    {
        var (status, problem) = await app.Host.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task an_unknown_series_is_a_404_problem()
    {
        var (status, problem) = await app.Host.GetAsync($"/api/estimates/{Series}-nothing/history");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task the_series_parameter_answers_for_just_those_series()
    {
        await Record("Ministry", 100, "2025-01-10");
        await app.Host.RecordedAsync(Api.Figure("Ministry", 40, "2025-02-10", party: _party).Period("2024-01-01", "2024-12-31"));
        await app.Host.RecordedAsync(Api.Figure("Ministry", 7, "2025-02-10", party: _party, measure: "wounded"));

        var (_, one) = await app.Host.GetAsync($"/api/estimates?series={Series}");
        var (_, two) = await app.Host.GetAsync($"/api/estimates?series={Series},{_party}-military-wounded&measure=wounded");

        Assert.Equal([Series], one.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(100, Latest(one.GetProperty("series")[0]));
        // The other parameters still narrow what the list names.
        Assert.Equal([$"{_party}-military-wounded"], two.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task a_statement_corrected_into_another_series_stands_there_and_leaves_its_first()
    {
        var id = await Record("Ministry", 100, "2025-01-10");
        await Record("Institute", 90, "2025-01-05");
        await app.Host.PostAsync($"/api/statements/{id}/corrections", Api.Correction(120, "2025-03-01", _party, measure: "wounded"));

        var (_, before) = await app.Host.GetAsync($"/api/estimates?series={Series},{_party}-military-wounded&asOf=2025-02-01");
        var (_, after) = await app.Host.GetAsync($"/api/estimates?series={Series},{_party}-military-wounded&asOf=2025-03-01");

        Assert.Equal([Series], before.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(100, Latest(before.GetProperty("series")[0]));
        var moved = after.GetProperty("series").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        Assert.Equal(90, Latest(moved[Series]));
        Assert.Equal(120, Latest(moved[$"{_party}-military-wounded"]));
    }

    [Fact]
    public async Task the_history_as_known_before_a_series_began_is_a_404_problem()
    {
        var before = await BasisNow();
        await Record("Ministry", 100, "2025-01-10");

        var (status, problem) = await app.Host.GetAsync($"/api/estimates/{Series}/history?knownAt={before}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    async Task<long> BasisNow() => (await app.Host.GetAsync("/api/estimates?party=none")).Body.GetProperty("basis").GetInt64();

    [Fact]
    public async Task history_pages_follow_their_cursor_through_one_and_the_same_history()
    {
        for (var i = 1; i <= 7; i++) await Record($"Source {i % 3}", i * 100, $"2025-{i:00}-01");
        var (_, whole) = await app.Host.GetAsync($"/api/estimates/{Series}/history");

        var (_, first) = await app.Host.GetAsync($"/api/estimates/{Series}/history?limit=3");
        await Record("Late source", 999, "2025-01-15"); // recorded after the first page: not in this history
        var entries = first.GetProperty("entries").EnumerateArray().Select(e => e.GetRawText()).ToList();
        for (var cursor = first.GetProperty("nextCursor").GetString(); cursor is not null;)
        {
            var (status, page) = await app.Host.GetAsync($"/api/estimates/{Series}/history?limit=3&cursor={Uri.EscapeDataString(cursor)}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(first.GetProperty("basis").GetInt64(), page.GetProperty("basis").GetInt64());
            entries.AddRange(page.GetProperty("entries").EnumerateArray().Select(e => e.GetRawText()));
            cursor = page.GetProperty("nextCursor").GetString();
        }

        Assert.Equal(7, entries.Count);
        Assert.Equal(whole.GetProperty("entries").EnumerateArray().Select(e => e.GetRawText()), entries);
        Assert.Equal(JsonValueKind.Null, whole.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task known_at_an_instant_is_answered_by_an_index_that_marten_leaves_alone()
    {
        var db = await TestCluster.NewDatabaseAsync();
        async Task<bool> IndexExists()
        {
            await using var source = Npgsql.NpgsqlDataSource.Create(db);
            await using var cmd = source.CreateCommand($"select exists (select 1 from pg_indexes where schemaname = 'timeline' and indexname = '{Timeline.EventLog.LogTables.RecordedIndex}')");
            return (bool)(await cmd.ExecuteScalarAsync())!;
        }

        await using (var first = await AppFixture.StartHostAsync(db)) Assert.True(await IndexExists());
        // A second start runs Marten's schema migration again: our index must survive it.
        await using var second = await AppFixture.StartHostAsync(db);
        Assert.True(await IndexExists());
        var (status, answer) = await second.GetAsync("/api/estimates?knownAt=2026-01-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, answer.GetProperty("basis").GetInt64());
    }
}

public sealed class CsvFieldSpec
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("", "\"\"")]
    [InlineData("say \"no\"", "\"say \"\"no\"\"\"")]
    [InlineData("a;=HYPERLINK(\"x\")", "\"a;=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-1+2", "\"'-1+2\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("-3000", "\"-3000\"")]
    [InlineData("-0.0625", "\"-0.0625\"")]
    [InlineData("-1E-05", "\"-1E-05\"")]
    public void every_field_is_quoted_and_a_formula_is_guarded_but_a_negative_number_stays_a_number(string value, string written) =>
        Assert.Equal(written, CsvField.Escape(value));
}

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

    /// <summary>This test's series in the party's estimates, or null when they have none.</summary>
    async Task<Wire.SeriesEstimate?> SeriesAsync(string? asOf = null) => (await app.Host.Estimates(party: _party, asOf: asOf))[Series];

    static long? Latest(Wire.SeriesEstimate? series) => series!.Latest.Value;

    static Dictionary<string, long?> BySource(Wire.SeriesEstimate? series) => series!.BySource.ToDictionary(e => e.StatedBy, e => e.Value);

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
        Assert.Equal(new Dictionary<string, long?> { ["Institute"] = 200, ["Ministry"] = 300 }, BySource(series));
        Assert.Equal(new Wire.Range(200, 300), series!.Range);
        Assert.Equal("since 24 Feb 2022", series.Label.Split('(')[1].TrimEnd(')'));
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

        var range = (await SeriesAsync())!.Range;

        Assert.Equal(new Wire.Range(400, 1000), range);
    }

    [Fact]
    public async Task as_of_a_date_only_statements_made_by_then_count()
    {
        await Record("Ministry", 100, "2025-01-10");
        await Record("Ministry", 300, "2025-03-10");

        Assert.Equal(100, Latest(await SeriesAsync(asOf: "2025-02-01")));
        Assert.Equal(300, Latest(await SeriesAsync(asOf: "2025-03-10")));
        Assert.Null(await SeriesAsync(asOf: "2025-01-09"));
    }

    [Fact]
    public async Task a_correction_counts_from_its_own_stated_on()
    {
        var id = await Record("Ministry", 100, "2025-01-10");
        await app.Host.Correct(id, Api.Correction(120, "2025-02-01", _party));

        Assert.Equal(100, Latest(await SeriesAsync(asOf: "2025-01-31")));
        var corrected = (await SeriesAsync(asOf: "2025-02-01"))!.Latest;
        Assert.Equal((120L, "2025-01-10", "2025-02-01"), (corrected.Value, corrected.StatedOn, corrected.CorrectedOn));
    }

    [Fact]
    public async Task a_retraction_removes_the_statement_from_its_stated_on_and_the_previous_figure_is_latest_again()
    {
        await Record("Ministry", 100, "2025-01-10");
        var id = await Record("Ministry", 300, "2025-03-10");
        await app.Host.Retract(id, Api.Retraction("2025-04-01"));

        Assert.Equal(300, Latest(await SeriesAsync(asOf: "2025-03-31")));
        Assert.Equal(100, Latest(await SeriesAsync(asOf: "2025-04-01")));
    }

    [Fact]
    public async Task as_of_before_a_retraction_still_shows_the_figure()
    {
        var id = await Record("Ministry", 100, "2025-01-10");
        await app.Host.Retract(id, Api.Retraction("2025-06-01"));

        Assert.Equal(100, Latest(await SeriesAsync(asOf: "2025-05-31")));
        Assert.Null(await SeriesAsync(asOf: "2025-06-01"));
    }

    [Fact]
    public async Task a_statement_recorded_today_about_2024_changes_the_answer_for_2024()
    {
        await Record("Ministry", 500, "2025-06-01");
        Assert.Null(await SeriesAsync(asOf: "2024-12-31"));

        await Record("Ministry", 400, "2024-11-30");

        Assert.Equal(400, Latest(await SeriesAsync(asOf: "2024-12-31")));
        Assert.Equal(500, Latest(await SeriesAsync()));
    }

    [Fact]
    public async Task a_past_basis_gives_exactly_the_answer_given_then()
    {
        await Record("Ministry", 100, "2025-01-10");
        var (_, then) = await app.Host.GetAsync($"/api/estimates?party={_party}&asOf=2025-12-31");
        var basis = then.As<Wire.Estimates>().Basis;

        var id = await Record("Ministry", 200, "2025-02-10");
        await app.Host.Correct(id, Api.Correction(250, "2025-03-01", _party));
        await Record("Institute", 50, "2024-06-01");

        var (_, again) = await app.Host.GetAsync($"/api/estimates?party={_party}&asOf=2025-12-31&knownAt={basis}");
        // The same answer to the byte, not just the same values.
        Assert.Equal(then.GetProperty("series").GetRawText(), again.GetProperty("series").GetRawText());
        Assert.Equal(basis, again.As<Wire.Estimates>().Basis);
        Assert.Equal(250, Latest(await SeriesAsync(asOf: "2025-12-31")));
    }

    [Fact]
    public async Task a_past_instant_gives_the_answer_known_then()
    {
        // The instant the first figure was recorded, as the service recorded it: the second comes after it.
        var first = await Record("Ministry", 100, "2025-01-10");
        var instant = (await app.Host.Statement(first)).RecordedAt;
        await Record("Ministry", 200, "2025-02-10");

        var answer = await app.Host.Estimates(party: _party, knownAt: instant.ToString("O"));

        Assert.Equal(100, Latest(Assert.Single(answer.Series)));
        Assert.Equal(instant.UtcDateTime, answer.KnownAt?.UtcDateTime);
    }

    [Fact]
    public async Task a_bounded_period_forms_its_own_series()
    {
        await app.Host.RecordedAsync(Api.Figure("Intelligence", 420000, "2026-02-23", party: _party, measure: "killed-or-wounded").Period("2025-01-01", "2025-12-31"));
        await app.Host.RecordedAsync(Api.Figure("Intelligence", 1100000, "2026-02-23", party: _party, measure: "killed-or-wounded"));

        var ids = (await app.Host.Estimates(party: _party)).Series.Select(s => s.Id).ToList();

        Assert.Equal([$"{_party}-military-killed-or-wounded", $"{_party}-military-killed-or-wounded-2025"], ids);
        Assert.All(ids, id => Assert.Matches("^[a-z0-9-]+$", id));
    }

    [Fact]
    public async Task filters_by_group_and_measure()
    {
        await Record("Ministry", 100, "2025-01-10");
        await app.Host.RecordedAsync(Api.Figure("Ministry", 7, "2025-01-10", party: _party, measure: "captured"));

        var answer = await app.Host.Estimates(party: _party, group: "military", measure: "captured");

        Assert.Equal([$"{_party}-military-captured"], answer.Series.Select(s => s.Id));
    }

    [Fact]
    public async Task the_seed_answers_what_each_source_said_as_of_23_february_2026()
    {
        var answer = await app.Host.Estimates(asOf: "2026-02-23", party: "ukraine", measure: "killed");

        var zelenskyy = answer.Series.Single(s => s.Id == "ukraine-military-killed").BySource.Single(e => e.StatedBy == "Volodymyr Zelenskyy");
        Assert.Equal(55000, zelenskyy.Value);
        Assert.Equal("approximately", zelenskyy.Qualifier);
        Assert.Contains("55,000 Ukrainian soldiers", zelenskyy.Quote);
    }

    [Fact]
    public async Task history_lists_every_change_in_stated_on_order_with_the_sources_previous_figure()
    {
        await Record("Ministry", 300, "2025-03-10");
        var first = await Record("Ministry", 100, "2025-01-10");
        await app.Host.Correct(first, Api.Correction(120, "2025-02-01", _party));
        var last = await Record("Ministry", 400, "2025-05-10");
        await app.Host.Retract(last, Api.Retraction("2025-06-01"));

        var history = await app.Host.History(Series);

        var entries = history.Entries.Select(e => (e.Change, e.StatedOn, e.Value, e.Previous?.Value)).ToList();
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
        var then = await app.Host.Estimates(party: _party);
        await Record("Ministry", 300, "2025-03-10");

        var between = await app.Host.History(Series, from: "2025-02-01", to: "2025-12-31");
        var known = await app.Host.History(Series, knownAt: then.Basis.ToString());

        var only = Assert.Single(between.Entries);
        Assert.Equal(300, only.Value);
        Assert.Equal(100, only.Previous!.Value);
        Assert.Equal(100, Assert.Single(known.Entries).Value);
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
        problem.NamesField(field);
    }

    [Fact]
    public async Task an_unknown_series_is_a_404_problem()
    {
        var (status, problem) = await app.Host.GetAsync($"/api/estimates/{Series}-nothing/history");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, problem.As<Wire.Problem>().Status);
    }

    [Fact]
    public async Task the_series_parameter_answers_for_just_those_series()
    {
        await Record("Ministry", 100, "2025-01-10");
        await app.Host.RecordedAsync(Api.Figure("Ministry", 40, "2025-02-10", party: _party).Period("2024-01-01", "2024-12-31"));
        await app.Host.RecordedAsync(Api.Figure("Ministry", 7, "2025-02-10", party: _party, measure: "wounded"));

        var one = await app.Host.Estimates(series: Series);
        var two = await app.Host.Estimates(series: $"{Series},{_party}-military-wounded", measure: "wounded");

        Assert.Equal([Series], one.Series.Select(s => s.Id));
        Assert.Equal(100, Latest(one.Series[0]));
        // The other parameters still narrow what the list names.
        Assert.Equal([$"{_party}-military-wounded"], two.Series.Select(s => s.Id));
    }

    [Fact]
    public async Task a_statement_corrected_into_another_series_stands_there_and_leaves_its_first()
    {
        var id = await Record("Ministry", 100, "2025-01-10");
        await Record("Institute", 90, "2025-01-05");
        await app.Host.Correct(id, Api.Correction(120, "2025-03-01", _party, measure: "wounded"));

        var before = await app.Host.Estimates(series: $"{Series},{_party}-military-wounded", asOf: "2025-02-01");
        var after = await app.Host.Estimates(series: $"{Series},{_party}-military-wounded", asOf: "2025-03-01");

        Assert.Equal([Series], before.Series.Select(s => s.Id));
        Assert.Equal(100, Latest(before.Series[0]));
        var moved = after.Series.ToDictionary(s => s.Id);
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
        Assert.Equal(404, problem.As<Wire.Problem>().Status);
    }

    async Task<long> BasisNow() => (await app.Host.Estimates(party: "none")).Basis;

    [Fact]
    public async Task history_pages_follow_their_cursor_through_one_and_the_same_history()
    {
        for (var i = 1; i <= 7; i++) await Record($"Source {i % 3}", i * 100, $"2025-{i:00}-01");
        var (_, whole) = await app.Host.GetAsync($"/api/estimates/{Series}/history");

        var (_, first) = await app.Host.GetAsync($"/api/estimates/{Series}/history?limit=3");
        await Record("Late source", 999, "2025-01-15"); // recorded after the first page: not in this history
        // Entries compared as written: each page's are exactly the whole history's.
        var entries = first.GetProperty("entries").EnumerateArray().Select(e => e.GetRawText()).ToList();
        for (var cursor = first.As<Wire.History>().NextCursor; cursor is not null;)
        {
            var (status, page) = await app.Host.GetAsync($"/api/estimates/{Series}/history?limit=3&cursor={Uri.EscapeDataString(cursor)}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(first.As<Wire.History>().Basis, page.As<Wire.History>().Basis);
            entries.AddRange(page.GetProperty("entries").EnumerateArray().Select(e => e.GetRawText()));
            cursor = page.As<Wire.History>().NextCursor;
        }

        Assert.Equal(7, entries.Count);
        Assert.Equal(whole.GetProperty("entries").EnumerateArray().Select(e => e.GetRawText()), entries);
        Assert.Equal(JsonValueKind.Null, whole.GetProperty("nextCursor").ValueKind); // written as null, not left out
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
        Assert.Equal(0, answer.As<Wire.Estimates>().Basis);
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

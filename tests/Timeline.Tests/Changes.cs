// What changed between two dates, and because of whom; what was learned between two moments.
// Each test works in a party of its own.
using System.Net;
using System.Text.Json;
using nietras.SeparatedValues;
using Timeline.Estimates;
using Timeline.Statements;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class Changes(SharedApp app)
{
    readonly string _party = Api.UniqueParty();
    string Killed => $"{_party}-military-killed";

    async Task<Guid> Record(string statedBy, long value, string statedOn, string measure = "killed") =>
        await app.Host.RecordedAsync(Api.Figure(statedBy, value, statedOn, party: _party, measure: measure));

    Task<Wire.Changes> Get(string url) => app.Host.Read<Wire.Changes>(url);

    static Wire.SeriesChange SeriesOf(Wire.Changes answer, string id) => answer.Series.Single(s => s.Id == id);

    [Fact]
    public async Task reports_corrections_and_retractions_between_the_dates_are_listed_with_what_each_did()
    {
        await Record("Ministry", 43_000, "2025-01-10");
        var institute = await Record("Institute", 50_000, "2025-01-15");
        await Record("Ministry", 900, "2025-01-12", measure: "wounded");
        var agency = await Record("Agency", 61_000, "2025-02-05");
        await Record("Ministry", 46_000, "2025-02-10");
        await Record("Monitor", 30_000, "2025-02-12");
        await app.Host.Correct(institute, Api.Correction(52_000, "2025-02-15", _party));
        await app.Host.Retract(agency, Api.Retraction("2025-02-20"));

        var answer = await Get($"/api/changes?from=2025-01-31&to=2025-02-28&party={_party}");

        var series = Assert.Single(answer.Series);
        Assert.Equal(Killed, series.Id);
        Assert.Equal(["new source: about 61,000", "raised its figure from about 43,000 to about 46,000", "new source: about 30,000",
                      "corrected from about 50,000 to about 52,000", "withdrawn; the source has no figure here now"],
            series.Statements.Select(s => s.Explanation));
        Assert.Equal(["new-source", "raised", "new-source", "corrected", "withdrawn"], series.Statements.Select(s => s.Effect));
        Assert.Equal("Institute", series.Before!.Latest.StatedBy);
        Assert.Equal("Monitor", series.After!.Latest.StatedBy);
        Assert.Equal(new Wire.Delta(-20_000, -0.4), series.Latest!.Value);
        var ministry = series.BySource.Single(s => s.StatedBy == "Ministry");
        Assert.Equal(new Wire.Delta(3_000, 0.0698), ministry.Change!.Value);
        var monitor = series.BySource.Single(s => s.StatedBy == "Monitor");
        Assert.Null(monitor.Before); // written as null: the record requires it there
        Assert.Equal(new Wire.Range(43_000, 50_000), series.Before.Range);
        Assert.Equal(new Wire.Range(30_000, 52_000), series.After.Range);

        // The wounded series did not move between the dates: listed only when asked for all.
        var all = await Get($"/api/changes?from=2025-01-31&to=2025-02-28&party={_party}&all=true");
        Assert.False(SeriesOf(all, $"{_party}-military-wounded").Changed);
        Assert.Empty(SeriesOf(all, $"{_party}-military-wounded").Statements);
    }

    [Fact]
    public async Task the_same_dates_at_the_same_basis_give_the_same_bytes_whatever_is_recorded_later()
    {
        await Record("Ministry", 100, "2025-03-01");
        await Record("Ministry", 150, "2025-03-20");
        var basis = (await Get($"/api/changes?from=2025-03-10&to=2025-03-31&party={_party}")).Basis;
        var url = $"/api/changes?from=2025-03-10&to=2025-03-31&party={_party}&knownAt={basis}";
        var first = await app.Host.Server.CreateClient().GetStringAsync(url);

        await Record("Institute", 170, "2025-03-25");

        Assert.Equal(first, await app.Host.Server.CreateClient().GetStringAsync(url));
        var now = await Get($"/api/changes?from=2025-03-10&to=2025-03-31&party={_party}");
        Assert.Equal(2, SeriesOf(now, Killed).Statements.Count);
    }

    [Fact]
    public async Task what_was_learned_between_two_moments_lists_what_was_recorded_whatever_its_date()
    {
        await Record("Ministry", 100, "2025-03-01");
        var since = (await app.Host.Estimates(party: _party)).Basis;
        await Record("Institute", 400, "2024-11-01"); // a backfill: recorded now, stated long ago
        await Record("Ministry", 120, "2025-04-01");

        var answer = await Get($"/api/changes?knownFrom={since}&party={_party}");

        var series = SeriesOf(answer, Killed);
        Assert.Equal(since, answer.KnownFrom);
        Assert.Equal(["Institute", "Ministry"], series.Statements.Select(s => s.StatedBy));
        Assert.Equal(["new source: about 400", "raised its figure from about 100 to about 120"], series.Statements.Select(s => s.Explanation));
        Assert.Equal(100, series.Before!.Latest.Value);
        Assert.Equal(120, series.After!.Latest.Value);
    }

    [Fact]
    public async Task one_series_answers_alone_and_as_csv()
    {
        await Record("Ministry", 43_000, "2025-01-10");
        await Record("Ministry", 46_000, "2025-02-10");

        var one = await Get($"/api/estimates/{Killed}/changes?from=2025-01-31&to=2025-02-28");
        Assert.Equal(Killed, Assert.Single(one.Series).Id);
        var csv = await app.Host.Server.CreateClient().GetStringAsync($"/api/changes.csv?from=2025-01-31&to=2025-02-28&party={_party}");
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromText(csv);
        var rows = reader.Enumerate(r => (Row: r["row"].ToString(), Explanation: r["explanation"].ToString(), Absolute: r["absolute"].ToString())).ToList();
        Assert.Equal([("latest", "", "3000"), ("source", "", "3000"), ("statement", "raised its figure from about 43,000 to about 46,000", "3000")], rows);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Host.GetAsync($"/api/estimates/{_party}-nothing/changes?from=2025-01-01")).Status);
    }

    /// <summary>Series of the test's party, one per period start (`since` a day), each stated twice: once before `from`, once after.</summary>
    async Task<string[]> ManySeries(int count, int statementsAfter = 1)
    {
        var batch = new System.Text.Json.Nodes.JsonArray();
        for (var i = 0; i < count; i++)
        {
            var since = new DateOnly(2023, 1, 1).AddDays(i).ToString("yyyy-MM-dd");
            batch.Add(Api.Figure("Ministry", 1000 + i, "2024-06-01", party: _party).Period(since, null));
            for (var k = 0; k < statementsAfter; k++)
                batch.Add(Api.Figure($"Source {k}", 2000 + i + k, "2024-08-01", party: _party).Period(since, null));
        }
        var (status, body, _) = await app.Host.PostAsync("/api/statements/batch", batch);
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, body.ToString());
        return Enumerable.Range(0, count).Select(i => $"{_party}-military-killed-since-{new DateOnly(2023, 1, 1).AddDays(i):yyyy-MM-dd}").Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public async Task more_series_than_a_page_come_a_page_at_a_time_and_the_pages_together_give_each_series_once()
    {
        var ids = await ManySeries(23);
        // limit=1000 statements per series: 10 series a page.
        foreach (var question in new[] { "from=2024-07-01&to=2024-12-31", "from=2024-07-01&to=2024-12-31&all=true", "knownFrom=0" })
        {
            var seen = new List<string>();
            var pages = 0;
            string? cursor = null;
            long? basis = null;
            do
            {
                var page = await Get($"/api/changes?{question}&party={_party}&limit=1000" + (cursor is null ? "" : $"&cursor={cursor}"));
                pages++;
                Assert.InRange(page.Series.Count, 0, GetChanges.SeriesPerPage(1000));
                seen.AddRange(page.Series.Select(s => s.Id));
                basis ??= page.Basis;
                Assert.Equal(basis, page.Basis); // every page at the first page's basis
                cursor = page.NextCursor;
            } while (cursor is not null);
            Assert.Equal(ids, seen);
            Assert.Equal(3, pages);
        }

        // The CSV pages alike, the next page named in the Link header.
        using var client = app.Host.Server.CreateClient();
        var rows = new List<string>();
        for (var url = $"/api/changes.csv?from=2024-07-01&to=2024-12-31&party={_party}&limit=1000"; url is not null;)
        {
            using var response = await client.GetAsync(url);
            using var reader = Sep.Reader(o => o with { Unescape = true }).FromText(await response.Content.ReadAsStringAsync());
            rows.AddRange(reader.Enumerate(r => r["row"].ToString() == "latest" ? r["series_id"].ToString() : null).OfType<string>());
            url = response.Headers.TryGetValues("Link", out var link) ? link.Single().Split('<', '>')[1] : null;
        }
        Assert.Equal(ids, rows);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Host.GetAsync($"/api/changes?from=2024-07-01&cursor=nonsense")).Status);
    }

    [Fact]
    public async Task the_csv_of_many_series_arrives_while_it_is_still_being_worked_out()
    {
        await ManySeries(100, statementsAfter: 3);
        var url = $"/api/changes.csv?from=2024-07-01&to=2024-12-31&party={_party}";
        using var client = app.Host.Server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode); // warm: plans and code ready

        // An answer built whole before it is sent declares its length; a streamed one cannot know it and is sent in chunks
        // as its rows are worked out. (A timing of first row against last was tried and failed on a loaded machine.)
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        Assert.Null(response.Content.Headers.ContentLength);
        using var body = new StreamReader(await response.Content.ReadAsStreamAsync());
        await body.ReadLineAsync(); // header
        var firstRow = await body.ReadLineAsync();
        var rest = await body.ReadToEndAsync();
        Assert.Equal(100, $"{firstRow}\n{rest}".Split('\n').Count(line => line.Contains(",\"latest\",", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("/api/changes", "from")]
    [InlineData("/api/changes?from=2025-02-01&to=2025-01-01", "from")]
    [InlineData("/api/changes?from=2025-01-01&knownFrom=3", "knownFrom")]
    [InlineData("/api/changes?knownFrom=soon", "knownFrom")]
    [InlineData("/api/changes?knownFrom=1&knownTo=999999999", "knownTo")]
    [InlineData("/api/changes?from=2025-01-01&limit=5000", "limit")]
    [InlineData("/api/changes?from=2025-01-01&asOf=2025-01-01", "asOf")]
    public async Task bad_questions_are_refused_naming_the_field(string url, string field)
    {
        var (status, problem) = await app.Host.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        problem.NamesField(field);
    }
}

public sealed class ChangeExplanationSpec
{
    static FigureEntry Entry(long? value, long? low = null, long? high = null, Qualifier? q = Qualifier.Approximately, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), new DateOnly(2025, 1, 1), "Ministry", Attribution.OwnSide, value, low, high, q, null, "q",
            new Source("Outlet", null, null, null), null, 1);

    [Fact]
    public void a_value_to_a_value_is_one_delta_and_a_range_is_two()
    {
        Assert.Equal(new AmountChange(new Delta(3_000, 0.0698), null, null), ChangeExplanation.Compare(Entry(43_000), Entry(46_000)));
        Assert.Equal(new AmountChange(null, new Delta(0, 0), new Delta(5_000, 0.125)), ChangeExplanation.Compare(Entry(40_000), Entry(null, 40_000, 45_000)));
        Assert.Null(ChangeExplanation.Compare(Entry(null, q: null) with { Qualitative = "many" }, Entry(5)));
        Assert.Equal(new Delta(7, null), ChangeExplanation.DeltaOf(0, 7));
    }

    [Fact]
    public void a_figure_is_described_with_its_qualifier_in_words()
    {
        Assert.Equal("at least 1,100,000", ChangeExplanation.Describe(Entry(1_100_000, q: Qualifier.AtLeast)));
        Assert.Equal("400,000–440,000", ChangeExplanation.Describe(Entry(null, 400_000, 440_000, q: null)));
        Assert.Equal("“a large number”", ChangeExplanation.Describe(Entry(null, q: null) with { Qualitative = "a large number" }));
    }
}

public sealed class ChangesModel(SharedApp app)
{
    static readonly string[] Measures = RandomLog.Measures;

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task between_any_two_dates_the_answer_is_the_difference_of_two_naive_estimates_and_lists_exactly_the_statements_that_moved_it(int seed)
    {
        var random = new Random(seed);
        var party = Api.UniqueParty();
        var start = RandomLog.Start;
        await RandomLog.RecordAsync(app.Host, party, random);
        var facts = (await Facts.OfPartyAsync(app.Host, party, Measures)).OrderBy(f => f.StatedOn).ThenBy(f => f.Seq).ToList();

        for (var pair = 0; pair < 8; pair++)
        {
            var a = start.AddDays(random.Next(-10, 160));
            var b = start.AddDays(random.Next(-10, 160));
            var (from, to) = a <= b ? (a, b) : (b, a);
            var answer = await app.Host.Changes($"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&party={party}&all=true&limit=1000");
            foreach (var measure in Measures)
            {
                var id = $"{party}-military-{measure}";
                var before = Facts.NaiveEstimates(facts, from, long.MaxValue).FirstOrDefault(e => e.Id == id);
                var after = Facts.NaiveEstimates(facts, to, long.MaxValue).FirstOrDefault(e => e.Id == id);
                var listed = answer[id];
                if (before is null && after is null)
                {
                    Assert.Null(listed);
                    continue;
                }
                var changed = !EstimateCalculator.SameEstimate(before, after);
                var context = $"seed {seed}, {from}..{to}, {measure}";
                Assert.True(changed == listed!.Changed, context);
                Assert.Equal(Figures(before), Figures(listed.Before));
                Assert.Equal(Figures(after), Figures(listed.After));

                // The statements that moved it: each fact stated in (from, to] after which the series' estimate differs from just before it.
                var expected = new List<string>();
                for (var i = 0; changed && i < facts.Count; i++)
                {
                    if (facts[i].StatedOn <= from || facts[i].StatedOn > to) continue;
                    var justBefore = Facts.NaiveEstimates(facts.Take(i), DateOnly.MaxValue, long.MaxValue).FirstOrDefault(e => e.Id == id);
                    var justAfter = Facts.NaiveEstimates(facts.Take(i + 1), DateOnly.MaxValue, long.MaxValue).FirstOrDefault(e => e.Id == id);
                    if (!EstimateCalculator.SameEstimate(justBefore, justAfter)) expected.Add($"{facts[i].StatementId} {facts[i].Seq}");
                }
                Assert.Equal(expected, listed.Statements.Select(s => $"{s.StatementId} {s.Sequence}"));
            }
        }
    }

    static List<string> Figures(SeriesEstimate? e) =>
        e is null ? [] : [.. e.BySource.Select(s => $"{s.StatedBy} {s.StatementId} {s.Value}")];

    static List<string> Figures(Wire.SeriesEstimate? e) =>
        e is null ? [] : [.. e.BySource.Select(s => $"{s.StatedBy} {s.StatementId} {s.Value!.Value}")];
}

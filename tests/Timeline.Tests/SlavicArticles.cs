// A Ukrainian report archived over HTTP: its language detected (or as the request says), its two
// figures found with quotes that are the archived text at their offsets, recorded as statements
// that keep the quote verbatim and say its language.
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class SlavicArticles(SharedApp app)
{
    // Each test its own numbers, so its text and its statements are its own.
    static (string Text, long Total, long Day) Report()
    {
        var total = Random.Shared.Next(1_000_000, 1_999_999);
        var day = Random.Shared.Next(100, 1_999);
        string Spaced(long n) => n.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '\u00a0');
        return ("Загальні бойові втрати противника з 24.02.22 по 03.03.26 орієнтовно склали:\n" +
            $"особового складу ‒ близько {Spaced(total)} (+{Spaced(day)}) осіб\n" +
            "танків ‒ 11 000 (+5) од.\n" +
            "Генеральний штаб ЗСУ", total, day);
    }

    static JsonObject Archive(string text, string? language = null)
    {
        var body = new JsonObject
        {
            ["text"] = text,
            ["source"] = new JsonObject { ["title"] = "Загальні бойові втрати противника", ["publisher"] = "Генштаб ЗСУ", ["publishedOn"] = "2026-03-03" },
        };
        if (language is not null) body["language"] = language;
        return body;
    }

    [Fact]
    public async Task a_ukrainian_report_is_archived_as_ukrainian_with_its_two_figures_quoted_verbatim_and_recorded_in_ukrainian()
    {
        var (text, total, day) = Report();
        var archived = await app.Host.Archive(Archive(text));
        Assert.Equal("uk", archived.Language);
        var candidates = archived.Candidates;
        Assert.Equal([total, day], candidates.Select(c => c.Figure!.Value));
        foreach (var c in candidates)
            Assert.Equal(text[c.Start..c.End], c.Quote);
        Assert.Equal(["2022-02-24", "2026-03-03"], candidates.Select(c => c.Figure!.Period.From));

        Assert.Equal("uk", (await app.Host.Article(archived.Id)).Language);

        var (recorded, statement, _) = await app.Host.PostAsync($"/api/articles/{archived.Id}/candidates/0/record", "");
        Assert.True(recorded == HttpStatusCode.Created, statement.ToString());
        var stored = await app.Host.Statement(statement.As<Wire.Recorded>().Id);
        Assert.Equal(candidates[0].Quote, stored.Quote);
        Assert.Equal("uk", stored.Language);
        Assert.Equal("Генеральний штаб ЗСУ", stored.StatedBy);
    }

    [Fact]
    public async Task the_language_given_with_the_article_decides_which_rules_read_it()
    {
        var (text, _, _) = Report();
        var archived = await app.Host.Archive(Archive(text, "en"));
        Assert.Equal("en", archived.Language);
        // The English rules find no figure in Ukrainian words.
        Assert.Empty(archived.Candidates);
    }

    [Fact]
    public async Task a_language_outside_the_vocabulary_is_a_problem_naming_the_field_and_archives_nothing()
    {
        var (text, _, _) = Report();
        var (status, problem, _) = await app.Host.PostAsync("/api/articles", Archive(text, "ua"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        problem.NamesField("language");
        Assert.Equal("uk", (await app.Host.Archive(Archive(text))).Language);
    }

    [Fact]
    public async Task a_month_of_daily_reports_reads_back_as_a_series_whose_history_and_changes_step_once_a_day()
    {
        // The test's own party, put on each figure as it is recorded, keeps the series its own; the rest is recorded as found.
        var party = Api.UniqueParty();
        var total = 1_200_000L;
        var days = Enumerable.Range(1, 30).Select(d => new DateOnly(2026, 4, d)).ToList();
        var totals = new List<long>();
        foreach (var day in days)
        {
            var increase = 900 + day.Day * 7;
            total += increase;
            totals.Add(total);
            string Spaced(long n) => n.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', ' ');
            var text = $"Загальні бойові втрати противника з 24.02.22 по {day.ToString("dd.MM.yy", CultureInfo.InvariantCulture)} орієнтовно склали:\n" +
                $"особового складу ‒ близько {Spaced(total)} (+{Spaced(increase)}) осіб\nтанків ‒ 11 000 (+5) од.\nГенеральний штаб ЗСУ";
            var body = Archive(text);
            body["source"]!["publishedOn"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var (status, archivedBody, _) = await app.Host.PostAsync("/api/articles", body);
            Assert.Equal(HttpStatusCode.Created, status);
            var archived = archivedBody.As<Wire.Archived>();
            Assert.Equal([total, (long)increase], archived.Candidates.Select(c => c.Figure!.Value));
            for (var i = 0; i < archived.Candidates.Count; i++)
            {
                // The candidate's figure as the service wrote it, put in this test's party.
                var figure = JsonNode.Parse(archivedBody.GetProperty("candidates")[i].GetProperty("figure").GetRawText())!.AsObject();
                figure["party"] = party;
                var (recorded, answer, _) = await app.Host.PostAsync($"/api/articles/{archived.Id}/candidates/{i}/record", new JsonObject { ["figure"] = figure });
                Assert.True(recorded == HttpStatusCode.Created, answer.ToString());
            }
        }

        // The running total is one series: its history is the month's reports, one a day, each stepping from the day before's.
        var series = $"{party}-military-killed-or-wounded";
        var entries = (await app.Host.History(series)).Entries;
        Assert.Equal(days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), entries.Select(e => e.StatedOn));
        Assert.Equal(totals, entries.Select(e => e.Value!.Value));
        Assert.All(entries, e => Assert.Equal("Генеральний штаб ЗСУ", e.StatedBy));
        Assert.Null(entries[0].Previous);
        for (var k = 1; k < entries.Count; k++)
            Assert.Equal(totals[k - 1], entries[k].Previous!.Value);

        // Explaining the month's change: each day's report is one step of it.
        var steps = Assert.Single((await app.Host.Changes($"from=2026-03-31&to=2026-04-30&series={series}")).Series).Statements;
        Assert.Equal(30, steps.Count);
        Assert.Equal(30, steps.Select(s => s.StatedOn).Distinct().Count());
        Assert.All(steps, s => Assert.Equal("reported", s.Change));

        // Each day's increase is a figure for that day alone: thirty one-day series beside the running total.
        Assert.Equal(31, (await app.Host.Estimates(party: party)).Series.Count);
    }
}

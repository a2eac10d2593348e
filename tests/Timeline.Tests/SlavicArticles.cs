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
        var (status, archived, _) = await app.Host.PostAsync("/api/articles", Archive(text));
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("uk", archived.GetProperty("language").GetString());
        var candidates = archived.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal([total, day], candidates.Select(c => c.GetProperty("figure").GetProperty("value").GetInt64()));
        foreach (var c in candidates)
            Assert.Equal(text[c.GetProperty("start").GetInt32()..c.GetProperty("end").GetInt32()], c.GetProperty("quote").GetString());
        Assert.Equal(["2022-02-24", "2026-03-03"], candidates.Select(c => c.GetProperty("figure").GetProperty("period").GetProperty("from").GetString()));

        var id = archived.GetProperty("id").GetGuid();
        var (read, article) = await app.Host.GetAsync($"/api/articles/{id}");
        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal("uk", article.GetProperty("language").GetString());

        var (recorded, statement, _) = await app.Host.PostAsync($"/api/articles/{id}/candidates/0/record", "");
        Assert.True(recorded == HttpStatusCode.Created, statement.ToString());
        var (_, stored) = await app.Host.GetAsync($"/api/statements/{statement.GetProperty("id").GetGuid()}");
        Assert.Equal(candidates[0].GetProperty("quote").GetString(), stored.GetProperty("quote").GetString());
        Assert.Equal("uk", stored.GetProperty("language").GetString());
        Assert.Equal("Генеральний штаб ЗСУ", stored.GetProperty("statedBy").GetString());
    }

    [Fact]
    public async Task the_language_given_with_the_article_decides_which_rules_read_it()
    {
        var (text, _, _) = Report();
        var (status, archived, _) = await app.Host.PostAsync("/api/articles", Archive(text, "en"));
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("en", archived.GetProperty("language").GetString());
        // The English rules find no figure in Ukrainian words.
        Assert.Empty(archived.GetProperty("candidates").EnumerateArray());
    }

    [Fact]
    public async Task a_language_outside_the_vocabulary_is_a_problem_naming_the_field_and_archives_nothing()
    {
        var (text, _, _) = Report();
        var (status, problem, _) = await app.Host.PostAsync("/api/articles", Archive(text, "ua"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("language", out _), problem.ToString());
        var (again, archived, _) = await app.Host.PostAsync("/api/articles", Archive(text));
        Assert.Equal(HttpStatusCode.Created, again);
        Assert.Equal("uk", archived.GetProperty("language").GetString());
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
            var (status, archived, _) = await app.Host.PostAsync("/api/articles", body);
            Assert.Equal(HttpStatusCode.Created, status);
            var candidates = archived.GetProperty("candidates").EnumerateArray().ToList();
            Assert.Equal([total, (long)increase], candidates.Select(c => c.GetProperty("figure").GetProperty("value").GetInt64()));
            for (var i = 0; i < candidates.Count; i++)
            {
                var figure = JsonNode.Parse(candidates[i].GetProperty("figure").GetRawText())!.AsObject();
                figure["party"] = party;
                var (recorded, answer, _) = await app.Host.PostAsync($"/api/articles/{archived.GetProperty("id").GetGuid()}/candidates/{i}/record", new JsonObject { ["figure"] = figure });
                Assert.True(recorded == HttpStatusCode.Created, answer.ToString());
            }
        }

        // The running total is one series: its history is the month's reports, one a day, each stepping from the day before's.
        var series = $"{party}-military-killed-or-wounded";
        var (read, history) = await app.Host.GetAsync($"/api/estimates/{series}/history");
        Assert.Equal(HttpStatusCode.OK, read);
        var entries = history.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), entries.Select(e => e.GetProperty("statedOn").GetString()));
        Assert.Equal(totals, entries.Select(e => e.GetProperty("value").GetInt64()));
        Assert.All(entries, e => Assert.Equal("Генеральний штаб ЗСУ", e.GetProperty("statedBy").GetString()));
        Assert.False(entries[0].TryGetProperty("previous", out var none) && none.ValueKind != System.Text.Json.JsonValueKind.Null);
        for (var k = 1; k < entries.Count; k++)
            Assert.Equal(totals[k - 1], entries[k].GetProperty("previous").GetProperty("value").GetInt64());

        // Explaining the month's change: each day's report is one step of it.
        var (changed, changes) = await app.Host.GetAsync($"/api/changes?from=2026-03-31&to=2026-04-30&series={series}");
        Assert.Equal(HttpStatusCode.OK, changed);
        var steps = Assert.Single(changes.GetProperty("series").EnumerateArray()).GetProperty("statements").EnumerateArray().ToList();
        Assert.Equal(30, steps.Count);
        Assert.Equal(30, steps.Select(s => s.GetProperty("statedOn").GetString()).Distinct().Count());
        Assert.All(steps, s => Assert.Equal("reported", s.GetProperty("change").GetString()));

        // Each day's increase is a figure for that day alone: thirty one-day series beside the running total.
        var (_, estimates) = await app.Host.GetAsync($"/api/estimates?party={party}");
        Assert.Equal(31, estimates.GetProperty("series").GetArrayLength());
    }
}

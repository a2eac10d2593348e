// A Ukrainian and a Russian quote on the page in a real browser, as written (screenshot in
// bin/.../artifacts), and in the CSV export as UTF-8.
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class SlavicPage(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    const string Ukrainian = "особового складу ‒ близько 1 250 000 (+1 020) осіб";
    const string Russian = "Противник потерял до 45 военнослужащих, два автомобиля и 122-мм гаубицу Д-30.";

    static JsonObject Statement(string party, string statedBy, string quote, long value, string qualifier, string title) => new()
    {
        ["kind"] = "figure",
        ["statedOn"] = "2026-03-03",
        ["statedBy"] = statedBy,
        ["quote"] = quote,
        ["source"] = new JsonObject { ["title"] = title, ["publishedOn"] = "2026-03-03" },
        ["figure"] = new JsonObject
        {
            ["party"] = party, ["group"] = "military", ["measure"] = "killed-or-wounded", ["value"] = value, ["qualifier"] = qualifier,
            ["period"] = new JsonObject { ["from"] = "2022-02-24" }, ["attribution"] = "adversary",
        },
    };

    [Fact]
    public async Task a_ukrainian_and_a_russian_quote_are_shown_as_written_and_exported_in_utf8()
    {
        var party = Api.UniqueParty();
        foreach (var s in new[]
        {
            Statement(party, "Генеральний штаб ЗСУ", Ukrainian, 1_250_000, "approximately", "Загальні бойові втрати противника"),
            Statement(party, "Министерство обороны Российской Федерации", Russian, 45, "at-most", "Сводка Министерства обороны"),
        })
        {
            var response = await fixture.Api.PostAsync("/api/statements", JsonContent.Create(s));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.WaitForSelectorAsync("#estimates tbody tr");
        await Assertions.Expect(page.Locator("#f-party option[value='" + party + "']")).ToHaveCountAsync(1);
        await page.SelectOptionAsync("#f-party", party);
        var timeline = page.Locator("#timeline");
        await Assertions.Expect(timeline).ToContainTextAsync(Ukrainian);
        await Assertions.Expect(timeline).ToContainTextAsync(Russian);
        await Assertions.Expect(timeline).ToContainTextAsync("Генеральний штаб ЗСУ");
        await timeline.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "timeline-ukrainian-russian.png") });
        Assert.Empty(errors);

        var csv = await fixture.Api.GetAsync($"/api/estimates.csv?party={party}");
        Assert.Equal("utf-8", csv.Content.Headers.ContentType?.CharSet);
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.Contains(Ukrainian, text);
        Assert.Contains("Генеральний штаб ЗСУ", text);
        Assert.Contains(Russian, text);
    }
}

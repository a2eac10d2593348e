// The page's Review view in a real browser: the queue with each quote marked in its paragraph,
// fields edited in place, accept and dismiss from the keyboard, a new article arriving live, the
// count of what waits. A service of its own (so the queue is this class's), screenshots in artifacts.
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class ReviewPage(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    IBrowserContext _context = null!;
    IPage _page = null!;
    readonly List<string> _errors = [];

    public async ValueTask InitializeAsync()
    {
        _context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        _page = await _context.NewPageAsync();
        _page.Console += (_, message) => { if (message.Type == "error") _errors.Add(message.Text); };
        _page.PageError += (_, error) => _errors.Add(error);
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        Assert.Empty(_errors);
    }

    async Task<Guid> Archive(string text, string title)
    {
        var response = await fixture.Api.PostAsync("/api/articles", JsonContent.Create(new JsonObject
        {
            ["text"] = text,
            ["source"] = new JsonObject { ["title"] = title, ["url"] = "https://example.org/" + Guid.NewGuid().ToString("N"), ["publisher"] = "Test Wire", ["publishedOn"] = "2026-03-10" },
        }));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    async Task<long> Pending() =>
        (await fixture.Api.GetFromJsonAsync<JsonElement>("/api/review?limit=1")).GetProperty("counts").GetProperty("pending").GetInt64();

    ILocator Card(Guid article, int index) => _page.Locator($"#review-queue li[data-article='{article}'][data-index='{index}']");

    [Fact]
    public async Task a_reviewer_works_the_queue_from_the_keyboard_and_new_articles_arrive_live()
    {
        var party = Api.UniqueParty();
        var article = await Archive(
            $"The {party} ministry said on Monday that 12,345 Russian soldiers had been killed in the {party} sector since January. " +
            "<img src=x onerror=\"document.title='pwned'\">\n" +
            "Some 4,000 Russian soldiers were wounded over the same period, the ministry said.", "Wire report <b>bold</b>");

        await _page.GotoAsync(fixture.BaseUrl + "/");
        // What waits is counted before the view is opened.
        await Assertions.Expect(_page.Locator("#review-count")).ToHaveTextAsync($"{await Pending():N0} waiting");
        await BrowserFixture.OpenViewAsync(_page, "#review");

        // The newest article first, each quote marked in its paragraph; markup in the text or the title is shown as text.
        var first = Card(article, 0);
        var second = Card(article, 1);
        await Assertions.Expect(_page.Locator("#review-queue li.review-item").First).ToHaveAttributeAsync("data-article", article.ToString());
        await Assertions.Expect(first.Locator("mark")).ToContainTextAsync("12,345 Russian soldiers had been killed");
        await Assertions.Expect(first.Locator(".paragraph")).ToContainTextAsync("<img src=x");
        await Assertions.Expect(first.Locator(".head")).ToContainTextAsync("Wire report <b>bold</b>");
        await Assertions.Expect(second.Locator("mark")).ToContainTextAsync("Some 4,000 Russian soldiers were wounded");
        Assert.Equal(0, await _page.Locator("#review img, #review b").CountAsync());
        await Assertions.Expect(first).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bselected\b"));

        await _page.FillAsync("#review-key", BrowserFixture.Key);
        await first.Locator(".paragraph").ClickAsync(); // back to the card, out of the key's field
        await _page.Keyboard.PressAsync("j");
        await Assertions.Expect(second).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bselected\b"));
        await _page.Keyboard.PressAsync("k");
        await Assertions.Expect(first).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bselected\b"));

        // Edit in place, leave the field with Escape, accept with a; the next candidate is selected; dismiss it with d.
        await first.Locator(".grid [name=party]").FillAsync(party);
        await first.Locator(".grid [name=value]").FillAsync("12400");
        await _page.Keyboard.PressAsync("Escape");
        await _page.Keyboard.PressAsync("a");
        await Assertions.Expect(first.Locator(".outcome")).ToHaveTextAsync("recorded");
        await Assertions.Expect(second).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bselected\b"));
        await second.Locator("[name=reason]").SelectOptionAsync("duplicate");
        await _page.Keyboard.PressAsync("Escape");
        await _page.Keyboard.PressAsync("d");
        await Assertions.Expect(second.Locator(".outcome")).ToHaveTextAsync("dismissed: duplicate");

        var recorded = (await fixture.Api.GetFromJsonAsync<JsonElement>("/api/review?state=recorded")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("articleId").GetGuid() == article);
        var statement = await fixture.Api.GetFromJsonAsync<JsonElement>($"/api/statements/{recorded.GetProperty("statementId").GetGuid()}");
        Assert.Equal((party, 12_400L), (statement.GetProperty("figure").GetProperty("party").GetString(), statement.GetProperty("figure").GetProperty("value").GetInt64()));
        var dismissed = (await fixture.Api.GetFromJsonAsync<JsonElement>("/api/review?state=dismissed")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("articleId").GetGuid() == article);
        Assert.Equal((1, "duplicate"), (dismissed.GetProperty("index").GetInt32(), dismissed.GetProperty("reason").GetString()));
        await Assertions.Expect(_page.Locator("#review-count")).ToHaveTextAsync($"{await Pending():N0} waiting");

        // A new article arrives while the page is open: it joins the top of the queue, and the count follows.
        var arriving = await Archive($"The {Api.UniqueParty()} governor said 17 civilians had been killed in the shelling.\nOfficials said 40 people were wounded.", "Evening report");
        await Assertions.Expect(Card(arriving, 0)).ToBeVisibleAsync();
        await Assertions.Expect(_page.Locator("#review-arrived")).ToContainTextAsync("New: Evening report");
        await Assertions.Expect(_page.Locator("#review-count")).ToHaveTextAsync($"{await Pending():N0} waiting");
        await Assertions.Expect(first.Locator(".outcome")).ToHaveTextAsync("recorded"); // what was on screen stays as it was
        Assert.NotEqual("pwned", await _page.TitleAsync());

        await _page.Locator("#review").ScrollIntoViewIfNeededAsync();
        await _page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "timeline-review.png") });
        await _page.Locator("#review").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "timeline-review-queue.png") });
    }
}

// The page at / in a real browser: seed data, charts per source, the as-of control and its URL,
// live updates, and no console errors. Each run leaves screenshots in bin/.../artifacts.
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class WebPage(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
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
        Assert.Empty(_errors); // no console errors in any test
    }

    async Task Open(string path = "/")
    {
        await _page.GotoAsync(fixture.BaseUrl + path);
        await _page.WaitForSelectorAsync("#estimates tbody tr");
        await _page.WaitForSelectorAsync(".chart-card", new() { State = WaitForSelectorState.Attached });
    }

    async Task Record(JsonObject statement)
    {
        var response = await fixture.Api.PostAsync("/api/statements", JsonContent.Create(statement));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task the_page_shows_the_seed_figures_in_the_table_and_charts()
    {
        await Open();

        var row = _page.Locator("#estimates tr[data-series='ukraine-military-killed']");
        await Assertions.Expect(row).ToContainTextAsync("about 55,000");
        await Assertions.Expect(_page.Locator("#estimates tr[data-series='russia-military-killed-or-wounded']")).ToContainTextAsync("at least 1.1 million");
        await Assertions.Expect(_page.Locator(".chart-card[data-series='ukraine-military-killed'] canvas")).ToBeVisibleAsync();
        await Assertions.Expect(_page.Locator("#timeline")).ToContainTextAsync("Abu Dhabi");
        await Assertions.Expect(_page.Locator("#live")).ToContainTextAsync("live");
        await _page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "timeline-page.png"), FullPage = true });
    }

    const string Hostile = "https://example.org/a\" onmouseover=\"alert(1)\" x=\"";

    [Fact]
    public async Task a_source_url_that_would_break_out_of_its_attribute_is_refused()
    {
        var statement = Api.Figure(Api.Unique());
        statement["source"]!["url"] = Hostile;

        var response = await fixture.Api.PostAsync("/api/statements", JsonContent.Create(statement));
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("source.url", out _));
    }

    [Fact]
    public async Task a_hostile_url_stored_before_it_was_refused_is_shown_harmlessly()
    {
        // As if recorded before URLs were checked: the stored statement carries the hostile URL.
        var who = Api.Unique("Planted");
        await Record(Api.Figure(who, 1, "2025-01-01"));
        await using (var db = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString))
        await using (var plant = db.CreateCommand("update timeline.mt_doc_statement set data = jsonb_set(data, '{Source,Url}', to_jsonb($1::text)) where data->>'StatedBy' = $2"))
        {
            plant.Parameters.AddWithValue(Hostile);
            plant.Parameters.AddWithValue(who);
            Assert.Equal(1, await plant.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }
        var dialogs = 0;
        _page.Dialog += async (_, dialog) => { dialogs++; await dialog.DismissAsync(); };

        var response = await _page.GotoAsync(fixture.BaseUrl + "/?asOf=2025-12-31");
        var item = _page.Locator("#timeline li", new() { HasText = who });
        await Assertions.Expect(item).ToBeVisibleAsync();
        await item.HoverAsync();
        await _page.Locator("#timeline li", new() { HasText = who }).Locator("a").HoverAsync();

        Assert.Equal(0, await _page.EvaluateAsync<int>("() => document.querySelectorAll('[onmouseover], [onerror], [onclick]').length"));
        var href = await item.Locator("a").GetAttributeAsync("href");
        Assert.DoesNotContain("\"", href);
        Assert.StartsWith("https://example.org/", href);
        Assert.Equal(0, dialogs);
        Assert.Contains("script-src 'self'", response!.Headers["content-security-policy"]);
        Assert.Contains("frame-ancestors 'none'", response.Headers["content-security-policy"]);
        Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
        Assert.Equal("nosniff", (await fixture.Api.GetAsync("/api/estimates")).Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task each_source_has_its_own_line_on_the_chart()
    {
        var party = Api.UniqueParty();
        await Record(Api.Figure("Ministry", 100, "2025-01-01", party: party));
        await Record(Api.Figure("Ministry", 150, "2025-03-01", party: party));
        await Record(Api.Figure("Institute", 120, "2025-02-01", party: party));
        await Open();

        var lines = await _page.EvaluateAsync<string[]>(
            $"() => Chart.getChart(document.querySelector(\".chart-card[data-series='{party}-military-killed'] canvas\")).data.datasets.filter(d => !d.label.endsWith('(range)')).map(d => d.label).sort()");

        Assert.Equal(["Institute", "Ministry"], lines);
    }

    [Fact]
    public async Task moving_as_of_before_the_seed_date_changes_the_figures_and_the_url()
    {
        await Open();
        await Assertions.Expect(_page.Locator("#estimates")).ToContainTextAsync("about 55,000");

        await _page.FillAsync("#asof-date", "2026-02-22");
        await _page.DispatchEventAsync("#asof-date", "change");

        await Assertions.Expect(_page.Locator("#table-asof")).ToHaveTextAsync("22 Feb 2026");
        await Assertions.Expect(_page.Locator("#estimates")).Not.ToContainTextAsync("55,000");
        Assert.EndsWith("?asOf=2026-02-22", _page.Url);
    }

    [Fact]
    public async Task the_as_of_date_survives_a_reload_through_the_url()
    {
        await Open("/?asOf=2026-02-22");

        Assert.Equal("2026-02-22", await _page.InputValueAsync("#asof-date"));
        await Assertions.Expect(_page.Locator("#estimates")).Not.ToContainTextAsync("55,000");

        await _page.ReloadAsync();
        await _page.WaitForSelectorAsync("#estimates tbody tr");
        Assert.Equal("2026-02-22", await _page.InputValueAsync("#asof-date"));
    }

    [Fact]
    public async Task a_statement_recorded_through_the_api_appears_on_the_open_page_within_two_seconds()
    {
        await Open();
        await Assertions.Expect(_page.Locator("#live")).ToHaveClassAsync("live connected");
        var who = Api.Unique("Live source");

        await Record(Api.Figure(who, 4321, "2026-01-15", party: Api.UniqueParty()));

        await Assertions.Expect(_page.Locator("#timeline")).ToContainTextAsync(who, new() { Timeout = 2000 });
    }

    [Fact]
    public async Task on_a_phone_the_page_fits_the_screen()
    {
        await _page.SetViewportSizeAsync(390, 844);
        await Open();

        var overflow = await _page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 1, $"the page is {overflow}px wider than the screen");
        await _page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "timeline-phone.png"), FullPage = false });
    }

    [Fact]
    public async Task the_as_of_control_works_from_the_keyboard()
    {
        await Open();
        await _page.FocusAsync("#asof-slider");
        var before = await _page.InputValueAsync("#asof-date");

        await _page.Keyboard.PressAsync("ArrowLeft");

        await Assertions.Expect(_page.Locator("#asof-date")).Not.ToHaveValueAsync(before);
    }

    [Fact]
    public async Task an_article_pasted_into_the_page_is_marked_edited_recorded_and_appears_on_the_charts()
    {
        await Open();
        var party = Api.UniqueParty();
        var text = $"The {party} ministry said on Monday that 12,345 Russian soldiers had been killed in the {party} sector since January. " +
                   "<img src=x onerror=\"document.title='pwned'\">\n" +
                   "Some 4,000 Russian soldiers were wounded over the same period, the ministry said.";

        await BrowserFixture.OpenViewAsync(_page, "#intake");
        await _page.FillAsync("#intake-text", text);
        await _page.FillAsync("#intake-title", "Wire report from the page");
        await _page.FillAsync("#intake-published", "2026-03-10");
        await _page.FillAsync("#intake-key", BrowserFixture.Key);
        await _page.ClickAsync("#intake-find");

        // Each candidate's quote is marked in the archived text, which is shown as text, markup and all.
        var marks = _page.Locator("#intake-article mark");
        await Assertions.Expect(marks).ToHaveCountAsync(2);
        await Assertions.Expect(marks.First).ToContainTextAsync("12,345 Russian soldiers");
        await Assertions.Expect(_page.Locator("#intake-article")).ToContainTextAsync("<img src=x");
        Assert.Equal(0, await _page.Locator("#intake img").CountAsync());
        var first = _page.Locator("#intake-candidates li[data-index='0']");
        var second = _page.Locator("#intake-candidates li[data-index='1']");
        await Assertions.Expect(first.Locator("[name=value]")).ToHaveValueAsync("12345");
        await Assertions.Expect(first.Locator("[name=measure]")).ToHaveValueAsync("killed");

        // The reviewer corrects the party and the figure, accepts it (a figure below the page's confidence threshold starts
        // unticked), and leaves the second statement out.
        await first.Locator(".accept").CheckAsync();
        await first.Locator("[name=party]").FillAsync(party);
        await first.Locator("[name=value]").FillAsync("12400");
        await second.Locator(".accept").UncheckAsync();
        await _page.ClickAsync("#intake-record");

        await Assertions.Expect(first.Locator(".outcome")).ToHaveTextAsync("recorded");
        await Assertions.Expect(second.Locator(".outcome")).ToHaveTextAsync("");
        // Live: the new series reaches the table and the charts without a reload.
        await Assertions.Expect(_page.Locator("#estimates tr", new() { HasText = party })).ToContainTextAsync("12,400");
        await Assertions.Expect(_page.Locator(".chart-card", new() { HasText = party }).Locator("canvas")).ToBeVisibleAsync();
        Assert.NotEqual("pwned", await _page.TitleAsync());

        var estimates = await fixture.Api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/estimates?party={party}");
        var series = Assert.Single(estimates.GetProperty("series").EnumerateArray());
        Assert.Equal(12_400, series.GetProperty("latest").GetProperty("value").GetInt64());
        var statement = await fixture.Api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/statements/{series.GetProperty("latest").GetProperty("statementId").GetGuid()}");
        var quoted = statement.GetProperty("article");
        Assert.Equal(text.Replace("\r\n", "\n")[quoted.GetProperty("start").GetInt32()..quoted.GetProperty("end").GetInt32()], statement.GetProperty("quote").GetString());
        Assert.Equal("Wire report from the page", statement.GetProperty("source").GetProperty("title").GetString());
        await _page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "timeline-intake.png"), FullPage = true });
    }

    [Fact]
    public async Task recording_from_an_article_without_the_right_key_says_so_and_records_nothing()
    {
        await Open();
        await BrowserFixture.OpenViewAsync(_page, "#intake");
        await _page.FillAsync("#intake-text", $"The {Api.UniqueParty()} ministry said that 1,234 Russian soldiers had been killed since January.");
        await _page.FillAsync("#intake-title", "Wire report");
        await _page.FillAsync("#intake-key", "not-a-key");
        await _page.ClickAsync("#intake-find");

        await Assertions.Expect(_page.Locator("#intake-status")).Not.ToBeEmptyAsync();
        await Assertions.Expect(_page.Locator("#intake-status")).Not.ToContainTextAsync("Archived");
        Assert.True(await _page.Locator("#intake-review").IsHiddenAsync());
        // The browser reports the refused request itself on the console; that one is expected here. It
        // can arrive after the page has shown the refusal, so it is waited for before it is set aside.
        await Eventually.Until(() => Task.FromResult(_errors.ToArray().Any(e => e.Contains("status of 401", StringComparison.Ordinal))), seen => seen,
            TimeSpan.FromSeconds(10), "the browser's console report of the 401");
        _errors.RemoveAll(e => e.Contains("status of 401", StringComparison.Ordinal));
    }

    [Fact]
    public async Task what_changed_between_two_dates_shows_each_moved_series_and_the_statements_that_moved_it()
    {
        var party = Api.UniqueParty();
        await Record(Api.Figure("Ministry", 43_000, "2025-01-10", party: party));
        var raised = Api.Figure("Ministry", 46_000, "2025-02-10", party: party);
        raised["quote"] = "<b>46,000</b> <img src=x onerror=\"document.title='pwned'\">";
        await Record(raised);

        await Open("/?changesFrom=2025-01-31&changesTo=2025-02-28");

        var series = _page.Locator("#changes > li", new() { HasText = party });
        await Assertions.Expect(series).ToContainTextAsync("about 43,000 → about 46,000");
        await Assertions.Expect(series).ToContainTextAsync("+3,000 (+7.0 %)");
        await Assertions.Expect(series.Locator(".moves li")).ToContainTextAsync("raised its figure from about 43,000 to about 46,000");
        await Assertions.Expect(series.Locator("blockquote")).ToContainTextAsync("<b>46,000</b> <img src=x");
        Assert.Equal(0, await _page.Locator("#changes img, #changes b").CountAsync());
        Assert.NotEqual("pwned", await _page.TitleAsync());

        // Earlier dates: kept in the URL, and the answer follows them.
        await _page.FillAsync("#changes-to", "2025-02-01");
        await _page.DispatchEventAsync("#changes-to", "change");
        await Assertions.Expect(_page.Locator("#changes > li", new() { HasText = party })).ToHaveCountAsync(0);
        Assert.Contains("changesTo=2025-02-01", _page.Url);
    }

    [Fact]
    public async Task a_chart_point_whose_source_is_not_a_web_address_opens_the_statement_instead()
    {
        // As if recorded before URLs were checked: the fact the chart draws carries a script URL.
        var party = Api.UniqueParty();
        var who = Api.Unique("Planted");
        await Record(Api.Figure(who, 100, "2025-01-01", party: party));
        await using (var db = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString))
        await using (var plant = db.CreateCommand("update timeline.tl_estimate_facts set source = jsonb_set(source, '{url}', to_jsonb($1::text)) where stated_by = $2"))
        {
            plant.Parameters.AddWithValue("javascript:alert(document.domain)");
            plant.Parameters.AddWithValue(who);
            Assert.Equal(1, await plant.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }
        var dialogs = 0;
        _context.Dialog += async (_, dialog) => { dialogs++; await dialog.DismissAsync(); };
        await Open("/?asOf=2025-12-31");
        var canvas = $".chart-card[data-series='{party}-military-killed'] canvas";
        await _page.WaitForSelectorAsync(canvas);

        // The chart's own click handler, on the planted point.
        var opened = await _context.RunAndWaitForPageAsync(() => _page.EvaluateAsync(
            $"() => {{ const c = Chart.getChart(document.querySelector(\"{canvas}\")); c.options.onClick(null, [{{ datasetIndex: 0, index: 0 }}], c); }}"));
        await opened.WaitForURLAsync("**/api/statements/*");

        Assert.StartsWith(fixture.BaseUrl + "/api/statements/", opened.Url);
        Assert.Equal(0, dialogs);
        await opened.CloseAsync();
    }

    [Fact]
    public async Task every_series_is_shown_when_the_estimates_come_a_page_at_a_time()
    {
        var party = Api.UniqueParty();
        await Record(Api.Figure("Ministry", 100, "2025-01-01", party: party));
        await Record(Api.Figure("Ministry", 7, "2025-01-01", party: party, measure: "wounded"));
        var all = await fixture.Api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/estimates?limit={Timeline.Estimates.GetEstimates.MaxSeriesPage}");
        Assert.False(all.TryGetProperty("nextCursor", out _));
        var ids = all.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToArray();
        // Pages of one series each, asked of the real service: the page must follow every cursor to show them all.
        var followed = 0;
        await _page.RouteAsync(new System.Text.RegularExpressions.Regex(@"/api/estimates(\?|$)"), async route =>
        {
            var url = new Uri(route.Request.Url);
            var query = System.Web.HttpUtility.ParseQueryString(url.Query);
            if (query["cursor"] is not null) Interlocked.Increment(ref followed);
            query["limit"] = "1";
            await route.ContinueAsync(new() { Url = new UriBuilder(url) { Query = query.ToString() }.Uri.ToString() });
        });

        await Open();
        await Assertions.Expect(_page.Locator("#estimates tr[data-series]")).ToHaveCountAsync(ids.Length);

        var picked = await _page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#series-picker input')].map(i => i.value)");
        var rows = await _page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#estimates tr[data-series]')].map(r => r.dataset.series)");
        Assert.Equal(ids, picked.Order(StringComparer.Ordinal));
        Assert.Equal(ids, rows.Order(StringComparer.Ordinal));
        Assert.Contains($"{party}-military-wounded", ids);
        Assert.True(followed >= 2 * (ids.Length - 1), $"followed {followed} cursors for {ids.Length} series");
    }

    [Fact]
    public async Task the_api_reference_runs_under_a_content_security_policy_that_allows_only_its_own_scripts()
    {
        var response = await _page.GotoAsync(fixture.BaseUrl + "/docs/");
        var policy = response!.Headers["content-security-policy"];

        Assert.Matches("script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("object-src 'none'", policy);
        // It still works under that policy (a blocked script or request would be a console error, failing the test).
        await Assertions.Expect(_page.GetByText("/api/statements/batch").First).ToBeAttachedAsync(new() { Timeout = 30_000 });
        // And a script the page did not bring is refused.
        var ran = await _page.EvaluateAsync<bool>(
            "() => new Promise(done => { const s = document.createElement('script'); s.textContent = 'window.__injected = true'; " +
            "document.addEventListener('securitypolicyviolation', () => done(window.__injected === true), { once: true }); document.body.appendChild(s); })");
        Assert.False(ran);
        _errors.RemoveAll(e => e.Contains("Content Security Policy") && e.Contains("inline script")); // the refusal just provoked
    }
}

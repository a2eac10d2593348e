// The real service as its own process on a loopback port (Kestrel, not the test server) and a
// real headless Chromium (Debian's) driven by Playwright, for the web page's tests.
using System.Diagnostics;
using Microsoft.Playwright;

namespace Timeline.Tests.Support;

public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Key = "browser-test-key-0123456789abcdef";
    Process? _service;
    IPlaywright? _playwright;

    /// <summary>Opens a &lt;details&gt; view by clicking its summary, again while it stays closed: a click can land on
    /// whatever the page's charts, rendering as their data arrives, moved under it.</summary>
    public static async Task OpenViewAsync(IPage page, string details)
    {
        var view = page.Locator(details);
        for (var tries = 0; tries < 5 && !await view.EvaluateAsync<bool>("d => d.open"); tries++)
            await page.ClickAsync($"{details} > summary");
        await Assertions.Expect(view).ToHaveAttributeAsync("open", "");
    }

    public string BaseUrl { get; private set; } = "";
    /// <summary>The service's database, for tests that must plant what the API would now refuse.</summary>
    public string ConnectionString { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Api { get; } = new();
    public static string Artifacts => Path.Combine(AppContext.BaseDirectory, "artifacts");

    public async ValueTask InitializeAsync()
    {
        var port = Ports.Free();
        BaseUrl = $"http://127.0.0.1:{port}";
        // The service's own build output (same configuration as ours), run as the service runs.
        var serviceDir = AppContext.BaseDirectory.Replace(
            Path.Combine("tests", "Timeline.Tests", "bin"), Path.Combine("src", "Timeline", "bin"), StringComparison.Ordinal);
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(serviceDir, "Timeline.dll")])
        {
            WorkingDirectory = serviceDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        ConnectionString = await TestCluster.NewDatabaseAsync();
        psi.Environment["ConnectionStrings__Timeline"] = ConnectionString;
        psi.Environment["ASPNETCORE_URLS"] = BaseUrl;
        // One client on loopback drives it hard: the request limits are not what is measured here.
        psi.Environment["Timeline__Limits__ReadsPerSecond"] = "100000";
        psi.Environment["Timeline__Limits__ReadBurst"] = "100000";
        psi.Environment["Timeline__Limits__WritesPerSecond"] = "100000";
        psi.Environment["Timeline__Limits__WriteBurst"] = "100000";
        psi.Environment["Timeline__Limits__SsePerClient"] = "100000";
        psi.Environment["TIMELINE_API_KEY"] = Key;
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        _service = Process.Start(psi)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _service.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        _service.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        _service.BeginOutputReadLine();
        _service.BeginErrorReadLine();
        Api.BaseAddress = new Uri(BaseUrl);
        Api.DefaultRequestHeaders.Authorization = new("Bearer", Key);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try { if ((await Api.GetAsync("/health/ready")).IsSuccessStatusCode) break; }
            catch (HttpRequestException) { }
            if (_service.HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException("the service did not become ready:\n" + string.Join('\n', output.TakeLast(30)));
            await Task.Delay(200);
        }

        const string chromium = "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"{chromium} is missing: run the README's test command (.ci/test), which installs Debian's chromium.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(Artifacts);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_service is { HasExited: false }) { _service.Kill(entireProcessTree: true); await _service.WaitForExitAsync(); }
        Api.Dispose();
    }
}

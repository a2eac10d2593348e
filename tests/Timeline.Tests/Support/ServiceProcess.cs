// The service as its own process (dotnet Timeline.dll), on a fresh database and a loopback port:
// for what is process-wide, such as OpenTelemetry's meters and activity sources, which every
// in-process test host would otherwise see each other's instruments through.
using System.Diagnostics;
using System.Net;

namespace Timeline.Tests.Support;

public sealed class ServiceProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly List<string> _output = [];

    public HttpClient Http { get; }

    ServiceProcess(Process process, HttpClient http)
    {
        _process = process;
        Http = http;
    }

    /// <summary>A client of its own (one that a test may dispose), with the writer's key.</summary>
    public HttpClient NewClient()
    {
        var client = new HttpClient { BaseAddress = Http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", AppFixture.WriterKey);
        return client;
    }

    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    public static async Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = Ports.Free();
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Timeline.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["ConnectionStrings__Timeline"] = await TestCluster.NewDatabaseAsync();
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        // One client on loopback drives it hard: the request limits are not what is measured here.
        psi.Environment["Timeline__Limits__ReadsPerSecond"] = "100000";
        psi.Environment["Timeline__Limits__ReadBurst"] = "100000";
        psi.Environment["Timeline__Limits__WritesPerSecond"] = "100000";
        psi.Environment["Timeline__Limits__WriteBurst"] = "100000";
        psi.Environment["Timeline__Limits__SsePerClient"] = "100000";
        psi.Environment["TIMELINE_API_KEY"] = AppFixture.WriterKey;
        psi.Environment["Timeline__Seed"] = "false";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        var process = Process.Start(psi)!;
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", AppFixture.WriterKey);
        var service = new ServiceProcess(process, http);
        process.OutputDataReceived += (_, e) => { if (e.Data is { } l) lock (service._output) service._output.Add(l); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } l) lock (service._output) service._output.Add(l); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Eventually.Until(async () =>
                {
                    if (process.HasExited) throw new InvalidOperationException($"the service exited while starting:\n{service.Output}");
                    try { return (await http.GetAsync("/health/ready")).StatusCode; }
                    catch (HttpRequestException) { return HttpStatusCode.ServiceUnavailable; }
                },
                s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the service being ready");
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
        return service;
    }

    /// <summary>Runs the service expecting it to refuse to start: its exit code and what it printed.</summary>
    public static Task<(int ExitCode, string Output)> RefusalAsync(IReadOnlyDictionary<string, string> environment) => RunToExitAsync([], environment);

    /// <summary>Runs Timeline.dll with these arguments until it exits: its exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Timeline.dll"), .. args])
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Ports.Free()}";
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException("the service did not exit"); }
        return (process.ExitCode, await output + await error);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

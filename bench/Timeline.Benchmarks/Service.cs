// The service under test, as users run it: its own process on loopback.

namespace Timeline.Benchmarks;

/// <summary>The service as users run it: its own process, on Kestrel, on loopback.</summary>
public sealed class Service : IAsyncDisposable
{
    public const string Key = "bench-key-0123456789abcdefghijkl";
    public required Process Process { get; init; }
    public required HttpClient Http { get; init; }
    public required string BaseUrl { get; init; }

    public static async Task<Service> StartAsync(Dictionary<string, string> environment)
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var baseUrl = $"http://127.0.0.1:{port}";
        var dir = AppContext.BaseDirectory.Replace(Path.Combine("bench", "Timeline.Benchmarks", "bin"), Path.Combine("src", "Timeline", "bin"), StringComparison.Ordinal);
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(dir, "Timeline.dll")]) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["ASPNETCORE_URLS"] = baseUrl;
        // One client on loopback drives it hard: the request limits are not what is measured here.
        psi.Environment["Timeline__Limits__ReadsPerSecond"] = "100000";
        psi.Environment["Timeline__Limits__ReadBurst"] = "100000";
        psi.Environment["Timeline__Limits__WritesPerSecond"] = "100000";
        psi.Environment["Timeline__Limits__WriteBurst"] = "100000";
        psi.Environment["Timeline__Limits__SsePerClient"] = "100000";
        psi.Environment["Timeline__Limits__SseTotal"] = "12000"; // the ten-thousand-subscriber scenario, and room besides
        psi.Environment["TIMELINE_API_KEY"] = Key;
        psi.Environment["Timeline__Seed"] = "false";
        psi.Environment["Timeline__MaxBatchBytes"] = (64 * 1024 * 1024).ToString(CultureInfo.InvariantCulture);
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line && line.Contains("fail", StringComparison.Ordinal)) Console.Error.WriteLine("service: " + line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 2048, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", Key);
        var service = new Service { Process = process, Http = http, BaseUrl = baseUrl };
        service._stop = service.StopAsync;
        Cleanup.Register(service._stop);
        await service.WaitReadyAsync(TimeSpan.FromSeconds(90));
        return service;
    }

    public async Task<TimeSpan> WaitReadyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try { if ((await Http.GetAsync("/health/ready")).IsSuccessStatusCode) return clock.Elapsed; }
            catch (HttpRequestException) { }
            if (Process.HasExited) throw new InvalidOperationException("the service exited while starting");
            if (clock.Elapsed > timeout) throw new TimeoutException("the service did not become ready");
            await Task.Delay(20);
        }
    }

    /// <summary>Resident memory of the service process now (VmRSS), in MB.</summary>
    public double RssMb() => Status("VmRSS:");

    /// <summary>Starts the peak (VmHWM) afresh from the current resident size (Linux: clear_refs 5).</summary>
    public void ResetPeakRss() => File.WriteAllText($"/proc/{Process.Id}/clear_refs", "5");

    double Status(string field)
    {
        var line = File.ReadLines($"/proc/{Process.Id}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>The service's garbage collections and total GC pause so far, by its own runtime metrics (/metrics).</summary>
    public async Task<(long Collections, long Gen2, double PausedMs)> GcAsync()
    {
        var sum = await MetricsAsync();
        return ((long)sum("dotnet_gc_collections_total", null), (long)sum("dotnet_gc_collections_total", "gc_heap_generation=\"gen2\""),
            sum("dotnet_gc_pause_time_seconds_total", null) * 1000);
    }

    /// <summary>The JIT's work in the service so far, by its own runtime metrics: methods compiled and seconds spent compiling.</summary>
    public async Task<(long Methods, double Seconds)> JitAsync()
    {
        var sum = await MetricsAsync();
        return ((long)sum("dotnet_jit_compiled_methods_total", null), sum("dotnet_jit_compilation_time_seconds_total", null));
    }

    /// <summary>Runs work and says what the service's JIT compiled meanwhile, and how long the work took.</summary>
    public async Task<JitWork> WithJitAsync(Func<Task> work)
    {
        await Task.Delay(1500); // the exporter answers scrapes from a short-lived cache
        var before = await JitAsync();
        var clock = Stopwatch.StartNew();
        await work();
        var took = clock.Elapsed;
        await Task.Delay(1500);
        var after = await JitAsync();
        return new(after.Methods - before.Methods, after.Seconds - before.Seconds, took);
    }

    // One scrape of /metrics, summed by a metric's name and, optionally, a label it carries.
    async Task<Func<string, string?, double>> MetricsAsync()
    {
        var lines = (await Http.GetStringAsync("/metrics")).Split('\n');
        return (prefix, label) => lines
            .Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && (label is null || l.Contains(label, StringComparison.Ordinal)))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>Peak resident memory of the service process so far (VmHWM), in MB.</summary>
    public double PeakRssMb() => Status("VmHWM:");

    Func<Task>? _stop;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_stop is not null) Cleanup.Unregister(_stop);
        Http.Dispose();
    }

    async Task StopAsync()
    {
        if (!Process.HasExited)
        {
            // SIGTERM: a graceful stop (the embedded cluster, when there is one, stops with it).
            using var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            if (!Process.WaitForExit(30_000)) Process.Kill(entireProcessTree: true);
        }
    }
}

/// <summary>What the service's JIT compiled while some work ran, and how long the work took.</summary>
public readonly record struct JitWork(long Methods, double Seconds, TimeSpan Took)
{
    /// <summary>The JIT's seconds as a share of the work's: under 3 % counts as settled.</summary>
    public double Share => Took > TimeSpan.Zero ? Seconds / Took.TotalSeconds : 0;
    public bool Settled => Share < 0.03;
    public override string ToString() => $"the service's JIT compiled {Methods:N0} methods in {Seconds:N2} s of {Took.TotalSeconds:N2} s";
}

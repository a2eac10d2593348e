// Pushpin, the fan-out engine, in front of the service with docker/pushpin.conf's rules, on
// loopback, its folders under the benchmark's own; stopped with everything else (Cleanup).

namespace Timeline.Benchmarks;

public sealed class Pushpin : IAsyncDisposable
{
    readonly Process _runner;
    readonly string _routes;
    Func<Task>? _stop;

    Pushpin(Process runner, string routes, string baseUrl, string publishUrl, string key)
    {
        _runner = runner;
        _routes = routes;
        BaseUrl = baseUrl;
        PublishUrl = publishUrl;
        Key = key;
    }

    public string BaseUrl { get; }
    public string PublishUrl { get; }
    public string Key { get; }

    /// <summary>Pushpin routing to <paramref name="upstream"/> (http://host:port), or null when Pushpin is not installed.</summary>
    public static async Task<Pushpin?> StartAsync(string dir, string upstream)
    {
        if (!new[] { "/usr/bin/pushpin", "/usr/local/bin/pushpin" }.Any(File.Exists)) return null;
        var rules = Path.Combine(RepositoryRoot(), "docker", "pushpin.conf");
        var port = FreePort();
        var control = Enumerable.Range(0, 4).Select(_ => FreePort()).ToArray();
        var key = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        Directory.CreateDirectory(Path.Combine(dir, "run"));
        Directory.CreateDirectory(Path.Combine(dir, "log"));
        var settings = new Dictionary<string, string>
        {
            ["rundir"] = Path.Combine(dir, "run"), ["logdir"] = Path.Combine(dir, "log"), ["routesfile"] = Path.Combine(dir, "routes"),
            ["sig_key"] = key, ["http_port"] = port.ToString(CultureInfo.InvariantCulture),
            ["push_in_spec"] = $"tcp://127.0.0.1:{control[0]}", ["push_in_http_port"] = control[1].ToString(CultureInfo.InvariantCulture),
            ["push_in_sub_specs"] = $"tcp://127.0.0.1:{control[2]}", ["command_spec"] = $"tcp://127.0.0.1:{control[3]}",
        };
        var lines = (await File.ReadAllLinesAsync(rules)).Select(l =>
            l.IndexOf('=') is var eq && eq > 0 && !l.StartsWith('#') && settings.TryGetValue(l[..eq], out var v) ? $"{l[..eq]}={v}" : l);
        var config = Path.Combine(dir, "pushpin.conf");
        await File.WriteAllLinesAsync(config, lines);
        await File.WriteAllTextAsync(Path.Combine(dir, "routes"), $"* {new Uri(upstream).Authority}\n");
        // Each held stream is a descriptor: room for 20,000 and more (as root the hard limit may be raised).
        var runner = Process.Start(new ProcessStartInfo("bash",
            ["-c", "ulimit -n 200000 2>/dev/null || ulimit -n $(ulimit -Hn); exec pushpin --config \"$0\" --port \"$1\" --merge-output > \"$2\" 2>&1", config, $"127.0.0.1:{port}", Path.Combine(dir, "pushpin.log")]))!;
        var pushpin = new Pushpin(runner, Path.Combine(dir, "routes"), $"http://127.0.0.1:{port}", $"http://127.0.0.1:{control[1]}/publish/", key);
        pushpin._stop = pushpin.StopAsync;
        Cleanup.Register(pushpin._stop);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        for (var clock = Stopwatch.StartNew(); ; await Task.Delay(100))
        {
            try { await probe.GetAsync($"{pushpin.BaseUrl}/health/live"); break; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (runner.HasExited || clock.Elapsed > TimeSpan.FromSeconds(20))
                throw new InvalidOperationException($"pushpin did not start: {await File.ReadAllTextAsync(Path.Combine(dir, "pushpin.log"))}");
        }
        return pushpin;
    }

    /// <summary>Routes every request to <paramref name="upstream"/> (Pushpin reloads its routes file), once it answers through Pushpin.</summary>
    public async Task RouteToAsync(string upstream)
    {
        await File.WriteAllTextAsync(_routes, $"* {new Uri(upstream).Authority}\n");
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(20); await Task.Delay(200))
        {
            try { if ((await probe.GetAsync($"{BaseUrl}/health/live")).IsSuccessStatusCode) return; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
        }
        throw new TimeoutException($"Pushpin did not route to {upstream}");
    }

    /// <summary>Resident memory of Pushpin and every process it runs (condure, zurl, proxy, handler), in MB.</summary>
    public double RssMb()
    {
        var pids = new List<int> { _runner.Id };
        foreach (var stat in Directory.GetDirectories("/proc").Select(d => Path.Combine(d, "stat")))
        {
            try
            {
                var text = File.ReadAllText(stat);
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == _runner.Id) pids.Add(int.Parse(Path.GetFileName(Path.GetDirectoryName(stat)!), CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        }
        return pids.Sum(pid =>
        {
            try
            {
                var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
            catch (IOException) { return 0; }
        });
    }

    static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    async Task StopAsync()
    {
        if (_runner.HasExited) return;
        // SIGTERM: the runner stops the processes it started; SIGKILL would leave them running.
        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", _runner.Id.ToString(CultureInfo.InvariantCulture)]))!) await term.WaitForExitAsync();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await _runner.WaitForExitAsync(wait.Token); }
        catch (OperationCanceledException) { _runner.Kill(entireProcessTree: true); }
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "docker", "pushpin.conf"))) return dir.FullName;
        throw new InvalidOperationException("docker/pushpin.conf not found above the benchmark's folder");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_stop is not null) Cleanup.Unregister(_stop);
        _runner.Dispose();
    }
}

// nginx in front of the service with docker/nginx.conf's rules (its cache above all), on loopback,
// its folders under the benchmark's own; stopped with everything else (Cleanup).

namespace Timeline.Benchmarks;

public sealed class Nginx : IAsyncDisposable
{
    readonly string _dir;
    readonly string _binary;
    Func<Task>? _stop;

    Nginx(string dir, string binary, string baseUrl)
    {
        _dir = dir;
        _binary = binary;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>nginx proxying to <paramref name="upstream"/> (http://host:port), or null when nginx is not installed.</summary>
    public static async Task<Nginx?> StartAsync(string dir, string upstream)
    {
        var binary = new[] { "/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx" }.FirstOrDefault(File.Exists);
        if (binary is null) return null;
        var rules = Path.Combine(RepositoryRoot(), "docker", "nginx.conf");
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        Directory.CreateDirectory(Path.Combine(dir, "cache"));
        Directory.CreateDirectory(Path.Combine(dir, "temp"));
        var upstreamAddress = new Uri(upstream).Authority;
        var lines = new List<string>();
        if (Environment.UserName == "root") lines.Add("user root;");
        lines.Add($"pid {dir}/nginx.pid;");
        lines.Add($"error_log {dir}/error.log warn;");
        foreach (var line in await File.ReadAllLinesAsync(rules))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("server timeline-", StringComparison.Ordinal))
            {
                // One instance here: the first upstream line becomes it, the others go.
                if (trimmed.StartsWith("server timeline-1:", StringComparison.Ordinal)) lines.Add($"    server {upstreamAddress};");
                continue;
            }
            var changed = line
                .Replace("/var/cache/nginx/timeline", Path.Combine(dir, "cache"), StringComparison.Ordinal)
                .Replace("listen 8080;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal);
            lines.Add(changed);
            if (trimmed == "http {")
            {
                lines.Add("  access_log off;");
                foreach (var temp in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" })
                    lines.Add($"  {temp}_temp_path {dir}/temp/{temp};");
            }
        }
        var config = Path.Combine(dir, "nginx.conf");
        await File.WriteAllLinesAsync(config, lines);

        var nginx = new Nginx(dir, binary, $"http://127.0.0.1:{port}");
        using (var start = Process.Start(new ProcessStartInfo(binary, ["-p", dir, "-c", config]) { RedirectStandardError = true })!)
        {
            var error = await start.StandardError.ReadToEndAsync();
            await start.WaitForExitAsync();
            if (start.ExitCode != 0) throw new InvalidOperationException($"nginx did not start: {error}");
        }
        nginx._stop = nginx.StopAsync;
        Cleanup.Register(nginx._stop);
        return nginx;
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "docker", "nginx.conf"))) return dir.FullName;
        throw new InvalidOperationException("docker/nginx.conf not found above the benchmark's folder");
    }

    async Task StopAsync()
    {
        var pidFile = Path.Combine(_dir, "nginx.pid");
        if (!File.Exists(pidFile)) return;
        var pid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), CultureInfo.InvariantCulture);
        using (var stop = Process.Start(new ProcessStartInfo(_binary, ["-p", _dir, "-c", Path.Combine(_dir, "nginx.conf"), "-s", "stop"]) { RedirectStandardError = true })!)
        {
            await stop.StandardError.ReadToEndAsync(); // its "signal process started" notice, not for the report
            await stop.WaitForExitAsync();
        }
        // The master is gone once its workers are.
        for (var i = 0; i < 100 && Alive(pid); i++) await Task.Delay(100);
    }

    static bool Alive(int pid)
    {
        try { return !Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_stop is not null) Cleanup.Unregister(_stop);
    }
}

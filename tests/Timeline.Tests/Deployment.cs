// What the container files promise, checked: the role set-up the compose file runs is run here
// against a real server and the service works as that role; no password has a default; the
// service binds to loopback unless told; both services have health checks, and the probe the
// image uses answers as it should. (Containers cannot run on this machine; their files are read.)
using System.Net;
using Alba;
using Npgsql;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class Deployment
{
    static string Repo(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Timeline.sln"))) return Path.Combine([dir.FullName, .. parts]);
        throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public async Task the_service_runs_as_a_role_that_owns_its_schema_and_nothing_else()
    {
        var admin = new NpgsqlConnectionStringBuilder(await TestCluster.NewDatabaseAsync());
        var role = $"tl_{Guid.NewGuid():N}"[..20];
        var password = Guid.NewGuid().ToString("N");
        var sql = (await File.ReadAllTextAsync(Repo("docker", "initdb", "timeline.sql"), TestContext.Current.CancellationToken))
            .Replace(":'app_password'", $"'{password}'").Replace("timeline_app", role);
        await using (var setup = new NpgsqlConnection(admin.ConnectionString))
        {
            await setup.OpenAsync(TestContext.Current.CancellationToken);
            await using var run = new NpgsqlCommand(sql, setup);
            await run.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        var asApp = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Username = role, Password = password }.ConnectionString;

        await using (var host = await AppFixture.StartHostAsync(asApp))
        {
            var id = await host.RecordedAsync(Api.Figure(Api.Unique()));
            Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"/api/statements/{id}")).Status);
        }

        await using var app = new NpgsqlConnection(asApp);
        await app.OpenAsync(TestContext.Current.CancellationToken);
        await using (var super = new NpgsqlCommand("select rolsuper or rolcreatedb or rolcreaterole from pg_roles where rolname = current_user", app))
            Assert.False((bool)(await super.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
        await using var outside = new NpgsqlCommand("create table public.not_ours (i int)", app);
        await Assert.ThrowsAsync<PostgresException>(() => outside.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void compose_sets_no_default_password_binds_to_loopback_and_checks_health()
    {
        var compose = File.ReadAllText(Repo("docker", "compose.yaml"));
        var dockerfile = File.ReadAllText(Repo("docker", "Dockerfile"));

        foreach (var secret in new[] { "POSTGRES_PASSWORD", "TIMELINE_DB_PASSWORD", "TIMELINE_REPLICATION_PASSWORD", "TIMELINE_API_KEY", "TIMELINE_PUSHPIN_KEY" })
        {
            Assert.DoesNotContain($"${{{secret}:-", compose); // a default would be a password everyone knows
            Assert.Contains($"${{{secret}:?", compose);       // unset, compose refuses to start
        }
        Assert.Contains("\"${TIMELINE_BIND:-127.0.0.1}:8080:8080\"", compose);
        // nginx and Pushpin (subscribers) are the only ways in, both on the same bind.
        Assert.Equal(2, compose.Split('\n').Count(l => l.TrimStart().StartsWith("ports:", StringComparison.Ordinal)));
        Assert.Contains("\"${TIMELINE_BIND:-127.0.0.1}:7999:7999\"", compose);
        Assert.Equal(3, compose.Split("healthcheck:").Length - 1); // primary, replica, and each instance (one anchor)
        Assert.Contains("Username=timeline_app", compose);
        Assert.Contains("HEALTHCHECK", dockerfile);
        Assert.Contains("USER app", dockerfile);
        Assert.True(File.Exists(Repo("docker", "initdb", "01-timeline.sh")));
    }

    [Fact]
    public void compose_runs_the_one_box_topology_and_nginx_balances_over_exactly_its_instances()
    {
        var compose = File.ReadAllText(Repo("docker", "compose.yaml"));
        var nginx = File.ReadAllText(Repo("docker", "nginx.conf"));
        var services = compose.Split('\n').Where(l => l.Length > 2 && l.StartsWith("  ", StringComparison.Ordinal) && l[2] != ' ' && l.TrimEnd().EndsWith(':'))
            .Select(l => l.Trim().TrimEnd(':')).ToHashSet();
        Assert.Superset(new HashSet<string> { "postgres", "postgres-replica", "timeline-1", "timeline-2", "timeline-3", "nginx" }, services);

        var upstream = System.Text.RegularExpressions.Regex.Matches(nginx, @"server (timeline-\d):8080").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["timeline-1", "timeline-2", "timeline-3"], upstream);
        // Writes to the primary, reads from the replica; the forwarded client believed from nginx's own address only.
        Assert.Contains("ConnectionStrings__Timeline: \"Host=postgres;", compose);
        Assert.Contains("ConnectionStrings__TimelineReplica: \"Host=postgres-replica;", compose);
        var proxy = System.Text.RegularExpressions.Regex.Match(compose, @"ipv4_address: (\S+)").Groups[1].Value;
        Assert.Contains($"Timeline__TrustedProxies__0: {proxy}", compose);
        // The replica streams as a role made for it, and the primary lets only that role replicate.
        Assert.Contains("pg_basebackup -h postgres -U replicator", compose);
        var init = File.ReadAllText(Repo("docker", "initdb", "01-timeline.sh"));
        Assert.Contains("create role replicator login replication", init);
        Assert.Contains("host replication replicator all scram-sha-256", init);
    }

    [Fact]
    public void compose_puts_pushpin_in_front_of_the_instances_and_they_publish_to_it()
    {
        var compose = File.ReadAllText(Repo("docker", "compose.yaml"));
        var pushpin = File.ReadAllText(Repo("docker", "pushpin.conf"));
        string Setting(string name) => System.Text.RegularExpressions.Regex.Match(pushpin, $@"^{name}=(.*)$", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value.Trim();

        Assert.Contains("  pushpin:", compose);
        // Subscribe requests go to the instances themselves, each tried in turn: three targets, separated by spaces
        // (after a comma Pushpin reads options of the one target, so "a,b,c" routed everything to timeline-1).
        Assert.Contains("echo \"* timeline-1:8080 timeline-2:8080 timeline-3:8080\"", compose);
        // The instances publish to the handler's HTTP endpoint, and know the key Pushpin signs its requests with.
        Assert.Contains($"Timeline__Pushpin__PublishUrl: http://pushpin:{Setting("push_in_http_port")}/publish/", compose);
        Assert.Contains("Timeline__Pushpin__Enabled: \"true\"", compose);
        Assert.Contains("s|^sig_key=.*|sig_key=$$TIMELINE_PUSHPIN_KEY|", compose);
        Assert.Equal("TIMELINE_PUSHPIN_KEY", Setting("sig_key")); // a placeholder, never a key
        // Pushpin names the client to the instances, and their per-address limits count it; its address is trusted for that.
        Assert.Equal("append", Setting("x_forwarded_for"));
        var address = System.Text.RegularExpressions.Regex.Match(compose, @"\n  pushpin:\n.*?ipv4_address: (\S+)", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains($"Timeline__TrustedProxies__1: {address}", compose);
        // Its own zurl makes the requests to the instances; a message published twice is dropped; the default
        // delivery rate (2,500 a second) would hold one event for ten thousand subscribers four seconds.
        Assert.Contains("zurl", Setting("services"));
        Assert.True(int.Parse(Setting("id_cache_ttl"), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(int.Parse(Setting("message_rate"), System.Globalization.CultureInfo.InvariantCulture) >= 100_000);
        Assert.True(int.Parse(Setting("message_hwm"), System.Globalization.CultureInfo.InvariantCulture) >= 100_000);
    }

    [Fact]
    public void nginx_takes_a_full_batch_and_gives_health_and_metrics_only_to_the_addresses_it_names()
    {
        var nginx = File.ReadAllText(Repo("docker", "nginx.conf"));

        // A 16 MiB batch (and the 64 KiB Kestrel allows on top) reaches the service, which answers its own 413 past that.
        var size = System.Text.RegularExpressions.Regex.Match(nginx, @"^\s*client_max_body_size (\d+)([km]);", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(size.Success, "client_max_body_size is not set: nginx's default is 1 MiB");
        var bytes = long.Parse(size.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * (size.Groups[2].Value == "m" ? 1024 * 1024 : 1024);
        Assert.True(bytes > 16 * 1024 * 1024 + 64 * 1024, $"client_max_body_size is {bytes} bytes");

        // /metrics and /health/*: matched whatever their case (the service's routes ignore it), allowed to named addresses, denied to all others.
        var guarded = System.Text.RegularExpressions.Regex.Match(nginx, @"location ~\* \^/\(metrics\|health\)\(/\|\$\) \{(?<body>[^}]*)\}");
        Assert.True(guarded.Success, "no location guards /metrics and /health");
        var rules = guarded.Groups["body"].Value.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("allow ", StringComparison.Ordinal) || l.StartsWith("deny ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rules.SkipLast(1));
        Assert.All(rules.SkipLast(1), r => Assert.Matches(@"^allow [0-9a-f:.]+(/\d+)?;$", r)); // addresses, never "all"
        Assert.Equal("deny all;", rules[^1]);
        foreach (var path in new[] { "/metrics", "/METRICS", "/health/ready", "/Health/live", "/metrics/" })
            Assert.Matches("^/(metrics|health)(/|$)", path.ToLowerInvariant()); // what the location's pattern takes in
    }

    [Fact]
    public async Task through_the_shipped_nginx_health_and_metrics_answer_only_the_named_addresses_and_a_full_batch_reaches_the_service()
    {
        await using var service = await ServiceProcess.StartAsync();
        var dir = Directory.CreateTempSubdirectory("timeline-nginx-").FullName;
        var port = Ports.Free();
        // docker/nginx.conf as .ci/cluster runs it: this box's address, port and folders; the service as every upstream.
        var conf = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(Repo("docker", "nginx.conf")), @"server timeline-\d:8080", $"server {service.Http.BaseAddress!.Authority}")
            .Replace("worker_processes auto;", "worker_processes 1;")
            .Replace("/var/cache/nginx/timeline", Path.Combine(dir, "cache"))
            .Replace("listen 8080;", $"listen 127.0.0.1:{port};")
            .Replace("\nhttp {", $"\nhttp {{\n  access_log off;\n  client_body_temp_path {dir}/body;\n  proxy_temp_path {dir}/proxy;");
        conf = (Environment.UserName == "root" ? "user root;\n" : "") + $"pid {dir}/nginx.pid;\nerror_log {dir}/error.log warn;\n" + conf;
        await File.WriteAllTextAsync(Path.Combine(dir, "nginx.conf"), conf, TestContext.Current.CancellationToken);
        var nginx = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx",
            ["-p", dir, "-e", Path.Combine(dir, "error.log"), "-c", Path.Combine(dir, "nginx.conf"), "-g", "daemon off;"]))!;
        try
        {
            using var named = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            // Another address of this box (127.0.0.0/8 is all loopback): a client the configuration does not name.
            using var other = new HttpClient(new SocketsHttpHandler
            {
                ConnectCallback = async (context, ct) =>
                {
                    var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                    socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                },
            }) { BaseAddress = named.BaseAddress };
            await Eventually.Until(async () =>
                {
                    Assert.False(nginx.HasExited, File.Exists(Path.Combine(dir, "error.log")) ? File.ReadAllText(Path.Combine(dir, "error.log")) : "nginx exited");
                    try { return (await named.GetAsync("/api/estimates")).StatusCode; } catch (HttpRequestException) { return HttpStatusCode.ServiceUnavailable; }
                }, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(20), "nginx answering");

            Assert.Equal(HttpStatusCode.OK, (await named.GetAsync("/metrics")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await named.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/estimates")).StatusCode);
            foreach (var path in new[] { "/metrics", "/METRICS", "/metrics/", "/%6Detrics", "//metrics", "/api/../metrics", "/health/ready", "/Health/live", "/health/replica" })
            {
                var uri = new Uri(named.BaseAddress + path.TrimStart('/'), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
                Assert.True((await other.GetAsync(uri)).StatusCode == HttpStatusCode.Forbidden, $"{path} reached the service from an address the configuration does not name");
            }

            // A batch past the service's 16 MiB reaches the service, which refuses it with its own problem (nginx's would be an HTML page).
            using var batch = new HttpRequestMessage(HttpMethod.Post, "/api/statements/batch") { Content = new ByteArrayContent(new byte[16 * 1024 * 1024 + 1024]) };
            batch.Content.Headers.ContentType = new("application/x-ndjson");
            batch.Headers.Authorization = new("Bearer", AppFixture.WriterKey);
            using var refused = await named.SendAsync(batch, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            // nginx -s stop: the master stops its workers and reaps them (killed outright, they were left as zombies).
            using (var stop = System.Diagnostics.Process.Start(nginx.StartInfo.FileName, ["-p", dir, "-e", Path.Combine(dir, "error.log"), "-c", Path.Combine(dir, "nginx.conf"), "-s", "stop"]))
                await stop.WaitForExitAsync(TestContext.Current.CancellationToken);
            using (var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
                try { await nginx.WaitForExitAsync(stopped.Token); }
                catch (OperationCanceledException) { nginx.Kill(entireProcessTree: true); }
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void compose_mounts_only_its_entry_script_where_the_postgres_image_runs_scripts()
    {
        var compose = File.ReadAllText(Repo("docker", "compose.yaml"));
        var init = File.ReadAllText(Repo("docker", "initdb", "01-timeline.sh"));

        // The image runs every *.sh and *.sql in /docker-entrypoint-initdb.d; timeline.sql needs the password 01-timeline.sh passes it.
        var mounts = System.Text.RegularExpressions.Regex.Matches(compose, @"- \./initdb/(?<file>[^:\s]+):(?<target>[^:\s]+)(:ro)?").ToDictionary(m => m.Groups["file"].Value, m => m.Groups["target"].Value);
        Assert.Equal("/docker-entrypoint-initdb.d/01-timeline.sh", mounts["01-timeline.sh"]);
        Assert.DoesNotContain("/docker-entrypoint-initdb.d", mounts["timeline.sql"]);
        Assert.Single(mounts.Values, t => t.StartsWith("/docker-entrypoint-initdb.d/", StringComparison.Ordinal));
        Assert.Contains($"-f {mounts["timeline.sql"]}", init);
    }

    [Fact]
    public async Task the_health_probe_the_image_uses_says_whether_the_service_is_ready()
    {
        await using var service = await ServiceProcess.StartAsync();
        var ready = new Uri(service.Http.BaseAddress!, "/health/ready").ToString();

        var (up, _) = await ServiceProcess.RunToExitAsync(["probe", ready], new Dictionary<string, string>());
        var (down, _) = await ServiceProcess.RunToExitAsync(["probe", "http://127.0.0.1:9/health/ready"], new Dictionary<string, string>());

        Assert.Equal(0, up);
        Assert.Equal(1, down);
    }
}

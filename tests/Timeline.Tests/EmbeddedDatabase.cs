// The service's own PostgreSQL: started from the machine's binaries when no connection string
// is configured, stopped with the service, and the data still there at the next start.
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Hosting;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class EmbeddedDatabase : IDisposable
{
    readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"timeline-embedded-{Guid.NewGuid():N}");

    Task<IAlbaHost> StartService() => AlbaHost.For<Program>(b => b
        .UseSetting("TIMELINE_DATA_DIR", _dataDir)
        .UseSetting("Logging:LogLevel:Default", "Warning"));

    [Fact]
    public async Task a_port_taken_before_the_server_binds_it_is_passed_over_for_another()
    {
        // Something holds the first port offered, as another server or an outgoing connection may
        // between the probe and the server's bind.
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var offered = new List<int>();
        int Offer()
        {
            offered.Add(offered.Count == 0 ? taken : Ports.Free());
            return offered[^1];
        }

        await using var server = await EmbeddedPostgres.StartAsync(Path.Combine(_dataDir, "squatted"), NullLogger.Instance, throwaway: true, Offer, TestContext.Current.CancellationToken);

        Assert.Equal(2, offered.Count);
        Assert.Equal(offered[1], server.Port);
        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task statements_survive_a_restart_of_the_service_and_its_database()
    {
        Guid id;
        await using (var first = await StartService())
        {
            // No key configured: the service made one and keeps it in its data folder.
            var key = (await File.ReadAllTextAsync(Path.Combine(_dataDir, "api-key"), TestContext.Current.CancellationToken)).Trim();
            id = (await first.Record(Api.Figure(Api.Unique()), key)).Id;
        }
        Assert.False(File.Exists(Path.Combine(_dataDir, "postgres", "data", "postmaster.pid")), "the embedded server should have stopped");

        await using var second = await StartService();
        Assert.Equal(id, (await second.Statement(id)).Id);
        // The seed loaded at both starts is still there once.
        Assert.Equal(9, (await second.Read<Wire.StatementPage>("/api/statements?limit=500")).Items.Count);
    }

    string PidFile => Path.Combine(_dataDir, "postgres", "data", "postmaster.pid");
    int Postmaster() => int.Parse(File.ReadAllLines(PidFile)[0]);

    // The postmaster's pid, or null while it is away (no pid file, or one being written).
    int? PostmasterIfAny()
    {
        try { return File.Exists(PidFile) && int.TryParse(File.ReadLines(PidFile).FirstOrDefault(), out var pid) ? pid : null; }
        catch (IOException) { return null; }
    }

    [Fact]
    public async Task a_postmaster_killed_with_sigkill_is_started_again_and_writes_go_on_with_nothing_lost()
    {
        await using var service = await StartService();
        var key = (await File.ReadAllTextAsync(Path.Combine(_dataDir, "api-key"), TestContext.Current.CancellationToken)).Trim();
        var before = await service.RecordedAsync(Api.Figure(Api.Unique()), key);
        var killed = Postmaster();

        using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", killed.ToString()])) await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        // While it is away, a write is refused with 503 (never a 500), or already succeeds; repeating it is safe.
        var statement = Api.Figure(Api.Unique());
        var answers = new List<HttpStatusCode>();
        await Eventually.Until(async () =>
            {
                var (status, _, _) = await service.PostAsync("/api/statements", statement, key);
                answers.Add(status);
                return status;
            },
            s => s == HttpStatusCode.Created, TimeSpan.FromSeconds(30), "a write succeeding after the kill");

        Assert.All(answers, s => Assert.Contains(s, new[] { HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable }));
        // A backend the kill left running may commit that write before the watchdog has noticed: the new postmaster is waited for.
        await Eventually.Until(() => Task.FromResult(PostmasterIfAny()), pid => pid is { } p && p != killed, TimeSpan.FromSeconds(30), "the postmaster started again");
        Assert.Equal(HttpStatusCode.OK, await Eventually.Until(async () => (await service.GetAsync($"/api/statements/{before}")).Status,
            s => s != HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), "the statement before the kill read back"));
        var (again, duplicate) = await Eventually.Until(async () => { var (status, body, _) = await service.PostAsync("/api/statements", statement, key); return (status, body); },
            a => a.status != HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), "the repeated write answered");
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.True(duplicate.As<Wire.Recorded>().Duplicate);
    }

    [Fact]
    public async Task a_batch_cut_short_by_the_database_dying_leaves_nothing_and_its_repeat_records_it_once()
    {
        await using var service = await StartService();
        var key = (await File.ReadAllTextAsync(Path.Combine(_dataDir, "api-key"), TestContext.Current.CancellationToken)).Trim();
        var who = Api.Unique("Batch");
        var batch = string.Join('\n', Enumerable.Range(1, 6000).Select(i => Api.Figure(who, i, "2025-03-01").ToJsonString()));
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };

        // The append lock held here, so the batch's transaction is certainly open (waiting its turn) when the server dies.
        var database = service.Services.GetRequiredService<TimelineDatabase>().ConnectionString;
        var holder = new NpgsqlConnection(database);
        await holder.OpenAsync(TestContext.Current.CancellationToken);
        var held = await holder.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var hold = new NpgsqlCommand("select pg_advisory_xact_lock($1)", holder, held) { Parameters = { new() { Value = Timeline.EventLog.AppendOrder.LockKey } } })
            await hold.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        var first = service.PostAsync("/api/statements/batch", batch, key, "application/x-ndjson", headers);
        await using (var watch = new NpgsqlConnection(database))
        {
            await watch.OpenAsync(TestContext.Current.CancellationToken);
            await Eventually.Until(async () =>
                {
                    await using var waiting = new NpgsqlCommand("select count(*) from pg_stat_activity where wait_event_type = 'Lock' and wait_event = 'advisory'", watch);
                    return (long)(await waiting.ExecuteScalarAsync())!;
                },
                n => n > 0, TimeSpan.FromSeconds(30), "the batch waiting for the append lock");
        }
        using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", Postmaster().ToString()])) await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        var (firstStatus, firstBody, _) = await first;
        try { await held.DisposeAsync(); await holder.DisposeAsync(); } catch (NpgsqlException) { } // its server is gone
        await Eventually.Until(async () => (await service.GetAsync("/health/ready")).Status, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the database back");

        // Interrupted: a 503, and nothing of it is there.
        Assert.True(firstStatus == HttpStatusCode.ServiceUnavailable, $"{(int)firstStatus}: {firstBody}");
        Assert.Equal(0, await CountAsync(service, who));
        var (again, body, _) = await Eventually.Until(() => service.PostAsync("/api/statements/batch", batch, key, "application/x-ndjson", headers),
            r => r.Status != HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), "the repeat being answered");
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(6000, body.As<Wire.Batch>().Items.Count);
        Assert.Equal(6000, await CountAsync(service, who));
    }

    static async Task<int> CountAsync(Alba.IAlbaHost service, string statedBy)
    {
        var count = 0;
        for (string? cursor = null; ;)
        {
            var page = await service.Timeline($"statedBy={Uri.EscapeDataString(statedBy)}&limit=500{(cursor is null ? "" : "&cursor=" + cursor)}");
            count += page.Items.Count;
            cursor = page.NextCursor;
            if (cursor is null) return count;
        }
    }

    [Fact]
    public async Task a_stale_postmaster_pid_of_another_process_is_cleared_not_signalled()
    {
        await using (var first = await StartService()) { }
        // Another program now has the PID the file names (this test process, say): the file is stale.
        Directory.CreateDirectory(Path.GetDirectoryName(PidFile)!);
        await File.WriteAllLinesAsync(PidFile, [Environment.ProcessId.ToString(), Path.GetDirectoryName(PidFile)!, "0", "1", "", "127.0.0.1"],
            TestContext.Current.CancellationToken);

        await using var second = await StartService();

        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/statements?limit=1")).Status);
        Assert.NotEqual(Environment.ProcessId, Postmaster());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task the_generated_key_and_the_database_password_are_readable_by_the_service_alone()
    {
        await using (var _ = await StartService()) { }

        foreach (var secret in new[] { "api-key", "postgres.password" })
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dataDir, secret)));
    }

    [Fact]
    public async Task a_short_api_key_refuses_to_start_with_a_clear_message()
    {
        var (code, output) = await ServiceProcess.RefusalAsync(new Dictionary<string, string>
        {
            ["TIMELINE_API_KEY"] = "too-short",
            ["TIMELINE_DATA_DIR"] = _dataDir,
        });

        Assert.Equal(1, code);
        Assert.Contains("TIMELINE_API_KEY must be at least 16 characters", output);
        Assert.DoesNotContain("   at ", output); // one line, no stack trace
        Assert.False(Directory.Exists(Path.Combine(_dataDir, "postgres")), "nothing should have been started");
    }

    [Fact]
    public void without_server_binaries_the_message_says_how_to_install_them_or_where_to_point()
    {
        Assert.Null(EmbeddedPostgres.FindServerBinaries(path: "", debian: Path.Combine(_dataDir, "none")));
        Assert.Contains("apt-get install -y postgresql", EmbeddedPostgres.MissingBinaries);
        Assert.Contains("ConnectionStrings__Timeline", EmbeddedPostgres.MissingBinaries);
    }

    [Fact]
    public void the_newest_installed_server_is_found()
    {
        Assert.NotNull(EmbeddedPostgres.FindServerBinaries(path: ""));
    }

    public void Dispose()
    {
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

// The primary fails over: PostgreSQL run by Patroni with etcd (`.ci/patroni`, Debian's packages),
// two nodes with synchronous replication, Timeline connected through a multi-host connection string
// that asks for the read-write one. The leader's node is killed with SIGKILL during a stream of
// single writes; Timeline finds the promoted standby by itself.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class PrimaryFailover : IAsyncLifetime
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), $"timeline-patroni-{Guid.NewGuid():N}");
    Dictionary<string, string> _env = [];
    string _connectionString = "";
    string _upOutput = "";

    public async ValueTask InitializeAsync()
    {
        _env = new()
        {
            ["TIMELINE_PATRONI_DIR"] = _dir,
            ["TIMELINE_PATRONI_PG_PORT"] = Ports.Free(2).ToString(CultureInfo.InvariantCulture),
            ["TIMELINE_PATRONI_API_PORT"] = Ports.Free(2).ToString(CultureInfo.InvariantCulture),
            ["TIMELINE_PATRONI_ETCD_PORT"] = Ports.Free(11).ToString(CultureInfo.InvariantCulture),
        };
        var (code, up) = await Scripts.RunAsync("patroni", "up", _env);
        // A pair that did not come up is stopped here: one left half-started by a failed start was
        // still running long after the test run had ended.
        if (code != 0) await Scripts.RunAsync("patroni", "down", _env);
        Assert.True(code == 0, up);
        _upOutput = up;
        var (_, connection) = await Scripts.RunAsync("patroni", "connection-string", _env);
        _connectionString = connection.Trim();
    }

    public async ValueTask DisposeAsync()
    {
        await Scripts.RunAsync("patroni", "down", _env);
        var (_, status) = await Scripts.RunAsync("patroni", "status", _env);
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        Assert.DoesNotContain(": running", status); // everything it started, stopped
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task the_superusers_password_is_readable_by_postgres_alone_never_printed_and_timeline_connects_as_its_own_role()
    {
        var superuser = (await File.ReadAllTextAsync(Path.Combine(_dir, "pg.password"), TestContext.Current.CancellationToken)).Trim();
        Assert.Equal(48, superuser.Length);
        foreach (var secret in new[] { "pg.password", "node1.yml", "node2.yml" }.Select(f => Path.Combine(_dir, f)))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secret));
            if (Environment.UserName == "root") Assert.Equal("postgres:postgres", await OwnerAsync(secret));
        }
        Assert.Contains(superuser, await File.ReadAllTextAsync(Path.Combine(_dir, "node1.yml"), TestContext.Current.CancellationToken));
        Assert.DoesNotContain(superuser, _upOutput);
        var (_, status) = await Scripts.RunAsync("patroni", "status", _env);
        Assert.DoesNotContain(superuser, status);
        Assert.DoesNotContain(superuser, _connectionString);

        Assert.Contains("Username=timeline_app;", _connectionString);
        await using var db = Npgsql.NpgsqlDataSource.Create(_connectionString);
        await using var who = db.CreateCommand("select current_user, rolsuper, rolcreatedb, rolcreaterole, rolreplication from pg_roles where rolname = current_user");
        await using var row = await who.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await row.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(("timeline_app", false, false, false, false), (row.GetString(0), row.GetBoolean(1), row.GetBoolean(2), row.GetBoolean(3), row.GetBoolean(4)));
    }

    static async Task<string> OwnerAsync(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%U:%G", path]) { RedirectStandardOutput = true })!;
        var owner = await stat.StandardOutput.ReadToEndAsync();
        await stat.WaitForExitAsync();
        return owner.Trim();
    }

    [Fact]
    public async Task the_primary_killed_mid_stream_loses_no_acknowledged_statement_records_none_twice_and_the_feed_and_webhooks_carry_on()
    {
        await using var host = await AppFixture.StartHostAsync(_connectionString);
        await using var receiver = await Receiver.StartAsync();
        var party = Api.UniqueParty();
        var (created, _, _) = await host.PostAsync("/api/webhooks", new JsonObject { ["url"] = receiver.Url, ["filter"] = new JsonObject { ["party"] = party } });
        Assert.Equal(HttpStatusCode.Created, created);
        await using var sse = await SseClient.ConnectAsync(host, $"/api/subscribe?party={party}");

        // Four writers; the leader's node is killed once ten statements are acknowledged, with writes
        // in flight, and they write on until ten more sent after the kill are acknowledged. Each
        // statement is sent until acknowledged, with the same Idempotency-Key each time.
        const int writers = 4, killAt = 10, afterKill = 10, most = 300;
        var acknowledged = new List<long>();
        var values = new List<long>();
        var refusals = new List<(HttpStatusCode Status, string? ContentType, JsonElement Body)>();
        var clock = Stopwatch.StartNew();
        var kill = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        TimeSpan? recoveredAt = null;
        var sentAfterKill = 0;
        var numbered = 0;
        async Task WriteAsync()
        {
            using var retryPace = new PeriodicTimer(TimeSpan.FromMilliseconds(100)); // a refused write is sent again at most ten times a second
            while (true)
            {
                lock (acknowledged) if (sentAfterKill >= afterKill) return;
                var value = 1000 + Interlocked.Increment(ref numbered);
                Assert.True(value < 1000 + most, "the writes never got past the kill");
                var statement = Api.Figure($"Briefing {value} {party}", value, "2025-03-01", party: party);
                var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
                while (true)
                {
                    var sent = clock.Elapsed;
                    var (status, body, response) = await host.PostAsync("/api/statements", statement, headers: headers);
                    if (status is HttpStatusCode.Created or HttpStatusCode.OK)
                    {
                        lock (acknowledged)
                        {
                            acknowledged.Add(body.GetProperty("sequence").GetInt64());
                            values.Add(value);
                            if (acknowledged.Count == killAt) _ = KillLeaderAsync();
                            if (kill.Task.IsCompletedSuccessfully && sent > kill.Task.Result)
                            {
                                sentAfterKill++;
                                recoveredAt ??= clock.Elapsed;
                            }
                        }
                        break;
                    }
                    lock (refusals) refusals.Add((status, response.Content.Headers.ContentType?.MediaType, body));
                    Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), $"no primary after two minutes; last answer {(int)status}: {body}");
                    await retryPace.WaitForNextTickAsync();
                }
            }
        }
        async Task KillLeaderAsync()
        {
            var (code, killed) = await Scripts.RunAsync("patroni", "kill-leader", _env);
            if (code != 0) kill.SetException(new InvalidOperationException(killed));
            else kill.SetResult(clock.Elapsed);
        }
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => WriteAsync()));
        var killedAt = await kill.Task;
        var total = acknowledged.Count;
        Measured.Report($"Primary's node killed (SIGKILL) after {killAt} writes were acknowledged, {writers} writers, {total} in all; " +
            $"the first write sent after the kill was acknowledged {(recoveredAt!.Value - killedAt).TotalSeconds:F1} s after it; {refusals.Count} refusals meanwhile.");

        // While no primary existed, writes were refused as 503 problem+json, and only so.
        Assert.NotEmpty(refusals);
        Assert.All(refusals, r =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, r.Status);
            Assert.Equal("application/problem+json", r.ContentType);
        });

        // Every acknowledged statement is in the log, once: on the promoted primary.
        var (_, listed) = await host.GetAsync("/api/statements?limit=500"); // this cluster's database holds only this test's statements
        var logged = listed.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("figure").GetProperty("value").GetInt64()).Order().ToList();
        Assert.Equal(values.Order(), logged);
        Assert.Equal(total, acknowledged.Distinct().Count());

        // The feed carried on where it was: every acknowledged event once, in order.
        var streamed = new List<long>();
        while (streamed.Count < total)
        {
            var item = await sse.NextAsync(TimeSpan.FromSeconds(30));
            if (item.EventId is { Length: > 0 } id) streamed.Add(long.Parse(id, CultureInfo.InvariantCulture));
        }
        Assert.Equal(acknowledged.Order(), streamed); // in sequence order, which is commit order

        // And so did webhook fan-out and delivery: every event delivered (at least once, by design).
        // A delivery whose "delivered" mark was lost with the old primary is made again, so the count
        // of requests can reach the count of events before the last event's delivery: wait on the events.
        static long Figure(Received r) => ((JsonElement)Feeds.Parse(r.Body).Data!).GetProperty("figure").GetProperty("value").GetInt64();
        await Eventually.Until(() => Task.FromResult(receiver.Requests.Select(Figure).Distinct().Count()), n => n == total, TimeSpan.FromSeconds(60),
            "every event delivered by webhook");
        var figures = receiver.Requests.Select(Figure).ToList();
        Assert.Equal(values.Order(), figures.Distinct().Order());
        Measured.Report($"Webhook deliveries: {figures.Count} for {total} events ({figures.Count - total} repeated).");
    }
}

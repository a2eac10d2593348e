// Reads from a real PostgreSQL streaming replica (pg_basebackup, standby mode): answers come from
// it at the basis it has replayed; a basis it has not reached is answered by the primary, never
// lower; when it stops, the primary answers every read. Its own primary and replica.
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Timeline.EventLog;
using Timeline.Hosting;
using Timeline.Replicas;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class ReadReplicas
{
    [Fact]
    public async Task reads_come_from_the_replica_at_its_basis_a_basis_it_lacks_comes_from_the_primary_and_without_it_the_primary_answers()
    {
        var ct = TestContext.Current.CancellationToken;
        var (root, primary, database) = await PrimaryAsync(ct);
        // Declared before the servers, so disposed after them: a folder deleted under a running server leaves it running.
        await using var folder = new RemovedFolder(root);
        await using var _ = primary;
        await using var replica = await primary.StartReplicaAsync(Path.Combine(root, "replica"), ct);
        // Each read below that must fall back to the primary waits this out; none relies on it to find the replica caught up.
        await using var host = await HostAsync(database, replica.ConnectionString("timeline"), "00:00:00.500");
        var party = Api.UniqueParty();

        // Recorded on the primary; read back at its own sequence once the replica has replayed it: the replica answers.
        var recorded = await host.Record(Api.Figure("Ministry", 100, "2025-01-10", party: party));
        var sequence = recorded.Sequence;
        await ReplayedAsync(replica, sequence, ct);
        var (fromReplica, body) = await Read(host, $"/api/estimates?party={party}&knownAt={sequence}");
        Assert.Equal("replica", fromReplica);
        Assert.Equal(sequence, body.As<Wire.Estimates>().Basis);
        Assert.Equal(100, body.As<Wire.Estimates>().Series[0].Latest.Value);
        // The replica's own sessions prove where it ran: a standby is in recovery.
        await using (var standby = NpgsqlDataSource.Create(replica.ConnectionString("timeline")))
        await using (var inRecovery = standby.CreateCommand("select pg_is_in_recovery()"))
            Assert.True((bool)(await inRecovery.ExecuteScalarAsync(ct))!);

        // Replay paused: the next statement is not on the replica, so a read at its basis goes to the primary.
        await PauseAsync(replica, ct);
        var later = await host.Record(Api.Figure("Ministry", 200, "2025-02-10", party: party));
        var laterSequence = later.Sequence;
        var (fromPrimary, fresh) = await Read(host, $"/api/estimates?party={party}&knownAt={laterSequence}");
        Assert.Equal("primary", fromPrimary);
        Assert.Equal(200, fresh.As<Wire.Estimates>().Series[0].Latest.Value);
        // Now, from the replica: its basis is what it has replayed, and says so.
        var (now, behind) = await Read(host, $"/api/estimates?party={party}");
        Assert.Equal("replica", now);
        Assert.Equal(sequence, behind.As<Wire.Estimates>().Basis);
        Assert.Contains("trails the primary by", await (await host.Server.CreateClient().GetAsync("/health/replica", ct)).Content.ReadAsStringAsync(ct));
        // So do the timeline and the statements list: the replica's, at its basis, without the later statement…
        var (timelineFrom, timeline) = await Read(host, $"/api/timeline?party={party}");
        Assert.Equal("replica", timelineFrom);
        Assert.Equal(sequence, timeline.As<Wire.TimelinePage>().Basis);
        Assert.Equal([100L], timeline.As<Wire.TimelinePage>().Items.Select(s => s.Figure!.Value));
        var (listFrom, list) = await Read(host, "/api/statements");
        Assert.Equal("replica", listFrom);
        Assert.DoesNotContain(list.As<Wire.StatementPage>().Items, s => s.Sequence == laterSequence);
        // …and with the later basis asked for, the primary's, with it.
        var (timelineLater, withLater) = await Read(host, $"/api/timeline?party={party}&knownAt={laterSequence}");
        Assert.Equal("primary", timelineLater);
        Assert.Equal([100L, 200L], withLater.As<Wire.TimelinePage>().Items.Select(s => s.Figure!.Value));
        // A statement read back by the id its write returned is found: the replica lacks it, the primary answers.
        var (oneFrom, one) = await Read(host, $"/api/statements/{later.Id}");
        Assert.Equal("primary", oneFrom);
        Assert.Equal(200, one.As<Wire.Statement>().Figure!.Value);
        var (earlierFrom, _) = await Read(host, $"/api/statements/{recorded.Id}");
        Assert.Equal("replica", earlierFrom);
        await Sql(replica, "select pg_wal_replay_resume()", ct);

        // The replica stops: the primary answers, at the latest basis.
        await replica.StopAsync();
        var (fallback, latest) = await Read(host, $"/api/estimates?party={party}");
        Assert.Equal("primary", fallback);
        Assert.Equal(laterSequence, latest.As<Wire.Estimates>().Basis);
    }

    [Fact]
    public async Task with_two_replicas_a_read_goes_to_one_that_has_its_basis_and_to_the_primary_when_neither_has()
    {
        var ct = TestContext.Current.CancellationToken;
        var (root, primary, database) = await PrimaryAsync(ct);
        // Declared before the servers, so disposed after them: a folder deleted under a running server leaves it running.
        await using var folder = new RemovedFolder(root);
        await using var _ = primary;
        await using var first = await primary.StartReplicaAsync(Path.Combine(root, "first"), ct);
        await using var second = await primary.StartReplicaAsync(Path.Combine(root, "second"), ct);
        // Both hosts in one connection string, as a deployment would give them.
        var both = new NpgsqlConnectionStringBuilder(first.ConnectionString("timeline")) { Host = $"127.0.0.1:{first.Port},127.0.0.1:{second.Port}" };
        await using var host = await HostAsync(database, both.ConnectionString, "00:00:00.500");
        var party = Api.UniqueParty();

        // The first replica stops replaying; what is recorded next is on the second only. The reads wait until it is:
        // on a busy machine the second took longer than the routing's wait to replay it (seen as "primary" here once).
        await PauseAsync(first, ct);
        var recorded = await host.Record(Api.Figure("Ministry", 300, "2025-03-10", party: party));
        var sequence = recorded.Sequence;
        await ReplayedAsync(second, sequence, ct);
        for (var i = 0; i < 6; i++) // whichever replica is tried first, the one with the basis answers
        {
            var (from, body) = await Read(host, $"/api/estimates?party={party}&knownAt={sequence}");
            Assert.Equal("replica", from);
            Assert.Equal(300, body.As<Wire.Estimates>().Series[0].Latest.Value);
            var (timelineFrom, timeline) = await Read(host, $"/api/timeline?party={party}&knownAt={sequence}");
            Assert.Equal("replica", timelineFrom);
            Assert.Equal(300, timeline.As<Wire.TimelinePage>().Items[0].Figure!.Value);
        }
        Assert.Contains("The slowest of 2 read replicas trails the primary by", await (await host.Server.CreateClient().GetAsync("/health/replica", ct)).Content.ReadAsStringAsync(ct));

        // Neither has the next: the primary answers it.
        await PauseAsync(second, ct);
        var later = await host.Record(Api.Figure("Ministry", 400, "2025-04-10", party: party));
        var (laterFrom, latest) = await Read(host, $"/api/estimates?party={party}&knownAt={later.Sequence}");
        Assert.Equal("primary", laterFrom);
        Assert.Equal(400, latest.As<Wire.Estimates>().Series[0].Latest.Value);
    }

    [Fact]
    public async Task a_basis_beyond_the_primarys_is_refused_at_once_and_a_replica_past_the_lag_limit_does_not_answer_the_present()
    {
        var ct = TestContext.Current.CancellationToken;
        var (root, primary, database) = await PrimaryAsync(ct);
        // Declared before the servers, so disposed after them: a folder deleted under a running server leaves it running.
        await using var folder = new RemovedFolder(root);
        await using var _ = primary;
        await using var replica = await primary.StartReplicaAsync(Path.Combine(root, "replica"), ct);
        // The longest wait there is: a request that waited on the replica at all would take 30 s.
        await using var host = await HostAsync(database, replica.ConnectionString("timeline"), "00:00:30", maxLagSeconds: 2);
        var party = Api.UniqueParty();
        var recorded = await host.Record(Api.Figure("Ministry", 100, "2025-01-10", party: party));
        var sequence = recorded.Sequence;
        await ReplayedAsync(replica, sequence, ct);
        var (from, body) = await Read(host, $"/api/estimates?party={party}");
        Assert.Equal("replica", from);
        Assert.Equal(sequence, body.As<Wire.Estimates>().Basis);

        // A basis no server has: the primary says so, without waiting for a replica to reach it.
        using var client = host.Server.CreateClient();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var refused = await client.GetAsync($"/api/estimates?party={party}&knownAt={long.MaxValue}", ct);
        var took = clock.Elapsed;
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync(ct)).RootElement;
        problem.NamesField("knownAt");
        Assert.Contains("has not been reached", string.Join(" ", problem.As<Wire.Problem>().Errors!["knownAt"]));
        Assert.Equal("primary", refused.Headers.GetValues(ReplicaReads.Header).Single());
        // Not waited for: a request that waited on the replica would take the whole 30 s (how fast it is belongs in bench/).
        Assert.True(took < TimeSpan.FromSeconds(15), $"refused after {took.TotalMilliseconds:0} ms");

        // Replay paused, then a statement recorded: once the replica has lacked it for longer than the limit,
        // the present is read from the primary…
        await PauseAsync(replica, ct);
        var later = await host.Record(Api.Figure("Ministry", 200, "2025-02-10", party: party));
        var laterSequence = later.Sequence;
        var (_, present) = await Eventually.Until(() => Read(host, $"/api/estimates?party={party}"), r => r.From == "primary",
            TimeSpan.FromSeconds(30), "the present read from the primary");
        Assert.Equal(laterSequence, present.As<Wire.Estimates>().Basis);
        // …while a basis the replica has is still read there: the same answer from any server that has it.
        var (atBasis, _) = await Read(host, $"/api/estimates?party={party}&knownAt={sequence}");
        Assert.Equal("replica", atBasis);

        // Caught up, it answers the present again.
        await Sql(replica, "select pg_wal_replay_resume()", ct);
        var (_, again) = await Eventually.Until(() => Read(host, $"/api/estimates?party={party}"), r => r.From == "replica",
            TimeSpan.FromSeconds(30), "the present read from the replica again");
        Assert.Equal(laterSequence, again.As<Wire.Estimates>().Basis);
    }

    [Fact]
    public void a_replica_connection_string_with_several_hosts_is_one_per_host()
    {
        var hosts = ReplicaSet.PerHost("Host=10.0.0.5:5433, replica-b ,[::1]:6432;Port=5432;Database=timeline;Username=app;Password=x")
            .Select(c => new NpgsqlConnectionStringBuilder(c)).Select(b => (b.Host, b.Port, b.Database)).ToList();
        Assert.Equal([("10.0.0.5", 5433, "timeline"), ("replica-b", 5432, "timeline"), ("::1", 6432, "timeline")], hosts);
    }

    /// <summary>A throwaway primary with the service's database, in a folder of its own for replicas beside it.</summary>
    static async Task<(string Root, EmbeddedPostgres Primary, string Database)> PrimaryAsync(CancellationToken ct)
    {
        var root = Path.Combine(Path.GetTempPath(), $"timeline-replica-{Guid.NewGuid():N}");
        var primary = await EmbeddedPostgres.StartAsync(Path.Combine(root, "primary"), NullLogger.Instance, throwaway: true, ct);
        return (root, primary, await primary.EnsureDatabaseAsync("timeline", ct));
    }

    /// <summary>A service reading from the given replicas; however far behind they run, they answer unless a lag limit is given.</summary>
    static Task<Alba.IAlbaHost> HostAsync(string database, string replicas, string wait, int maxLagSeconds = 3600) =>
        AppFixture.StartHostAsync(database, more: b =>
        {
            b.UseSetting("ConnectionStrings:TimelineReplica", replicas);
            b.UseSetting("Timeline:Replicas:Wait", wait);
            b.UseSetting("Timeline:Replicas:MaxLagSeconds", maxLagSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });

    /// <summary>Waits until the replica has replayed the event at <paramref name="sequence"/>.</summary>
    static Task ReplayedAsync(EmbeddedPostgres replica, long sequence, CancellationToken ct) =>
        Eventually.Until(async () =>
        {
            await using var source = NpgsqlDataSource.Create(replica.ConnectionString("timeline"));
            try { return await LogTables.HighWaterMarkAsync(source, ct); }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable) { return -1L; } // the schema not replayed yet
        }, replayed => replayed >= sequence, TimeSpan.FromSeconds(30), $"the replica replaying sequence {sequence}");

    /// <summary>Pauses the replica's replay and waits until it has paused (the request alone only asks it to).</summary>
    static async Task PauseAsync(EmbeddedPostgres replica, CancellationToken ct)
    {
        await Sql(replica, "select pg_wal_replay_pause()", ct);
        await Eventually.Until(async () =>
        {
            await using var source = NpgsqlDataSource.Create(replica.ConnectionString("postgres"));
            await using var cmd = source.CreateCommand("select pg_get_wal_replay_pause_state()");
            return (string)(await cmd.ExecuteScalarAsync(ct))!;
        }, state => state == "paused", TimeSpan.FromSeconds(30), "the replica's replay paused");
    }

    static async Task<(string From, System.Text.Json.JsonElement Body)> Read(Alba.IAlbaHost host, string url)
    {
        using var response = await host.Server.CreateClient().GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return (response.Headers.GetValues(ReplicaReads.Header).Single(), System.Text.Json.JsonDocument.Parse(text).RootElement.Clone());
    }

    static async Task Sql(EmbeddedPostgres server, string sql, CancellationToken ct)
    {
        await using var source = NpgsqlDataSource.Create(server.ConnectionString("postgres"));
        await using var cmd = source.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>A test's folder, deleted when disposed: after the servers that live in it have stopped.</summary>
sealed class RemovedFolder(string path) : IAsyncDisposable
{
    public ValueTask DisposeAsync()
    {
        try { Directory.Delete(path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }
}

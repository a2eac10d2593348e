// What choosing a source for a read costs the primary: a replica that has the basis asked for
// answers with no question to the primary, and a read the primary answers holds no snapshot.
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Timeline.EventLog;
using Timeline.Replicas;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class ReadRoutingCost(SharedApp app)
{
    [Fact]
    public async Task a_replica_that_has_the_basis_is_chosen_without_asking_the_primary_and_a_basis_beyond_both_goes_to_the_primary_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await app.Host.RecordedAsync(Api.Figure(Api.Unique()));
        // The primary's every connection is a new one, counted; the "replica" is the same database, so it has every basis.
        var opened = 0;
        var builder = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(app.ConnectionString) { Pooling = false }.ConnectionString);
        builder.UsePhysicalConnectionInitializer(_ => Interlocked.Increment(ref opened), _ => { Interlocked.Increment(ref opened); return Task.CompletedTask; });
        await using var primary = builder.Build();
        await using var replica = NpgsqlDataSource.Create(app.ConnectionString);
        var routing = new ReadRouting(primary, Options.Create(new ReplicaOptions()), NullLogger<ReadRouting>.Instance, new ReplicaSet([replica]));
        var latest = await LogTables.HighWaterMarkAsync(replica, ct);

        // Read after write: the basis the write answered with, which the routing has not seen the primary reach.
        var (chosen, replayed) = await routing.ChooseAsync(latest, ct);
        Assert.Same(replica, chosen);
        Assert.True(replayed >= latest);
        Assert.Equal(0, Volatile.Read(ref opened));

        var (beyond, _) = await routing.ChooseAsync(latest + 1_000_000, ct);
        Assert.Same(primary, beyond);
        Assert.Equal(1, Volatile.Read(ref opened));
    }

    [Fact]
    public async Task a_read_the_primary_answers_holds_no_snapshot_and_one_a_replica_answers_does()
    {
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        await using var onPrimary = new ReadSource();
        Assert.Equal(System.Data.IsolationLevel.ReadCommitted, onPrimary.Snapshot(db).IsolationLevel);
        await using var onReplica = new ReadSource { Chosen = db, FromReplica = true, Replayed = 1 };
        Assert.Equal(System.Data.IsolationLevel.RepeatableRead, onReplica.Snapshot(db).IsolationLevel);
    }
}

// A few new statements at a time (single statements, which are committed in groups, and small
// batches) go straight to the tables in one round trip or two (DirectAppend), past Marten's session. What
// they store must be what Marten and the inline projections store for the same statements: the same
// streams, events, documents, facts and catalog, and revisions recorded later through Marten must
// find them as they would their own.
using System.Net;
using System.Text.Json.Nodes;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Timeline.EventLog;
using Timeline.Statements;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class DirectAppends(IsolatedApp app) : IClassFixture<IsolatedApp>
{
    [Fact]
    public async Task a_few_new_statements_are_stored_as_marten_stores_them()
    {
        var party = Api.UniqueParty();
        var known = Api.Figure(Api.Unique(), 7, party: party);
        var singles = new List<JsonObject>();
        for (var i = 0; i < 12; i++)
            singles.Add(Api.Figure(Api.Unique(), 100 + i, $"2025-{1 + i % 12:00}-{1 + i % 28:00}", party: party, measure: i % 3 == 0 ? "wounded" : "killed"));
        singles.Add(Api.Position(Api.Unique()));
        singles.Add(Api.NegotiationDay(Api.Unique()));
        singles.Add(Api.Figure(Api.Unique(), 5, party: party).Range(4, 6));
        // A small batch with the same statement twice, from another outlet the second time: a new stream of two events.
        var fresh = Api.Figure(Api.Unique(), 40, party: party);
        var twice = fresh.Clone();
        twice["source"] = new JsonObject { ["title"] = "Another outlet", ["publishedOn"] = "2025-06-02" };
        JsonObject[] small = [fresh, twice, Api.Figure(Api.Unique(), 41, party: party)];
        // A small batch with a statement already recorded (from another outlet): found recorded, so all of it goes through the session.
        var again = known.Clone();
        again["source"] = new JsonObject { ["title"] = "A third outlet", ["publishedOn"] = "2025-06-03" };
        JsonObject[] mixed = [again, Api.Figure(Api.Unique(), 42, party: party)];

        async Task<Dictionary<string, long>> Record(IAlbaHost host)
        {
            var first = await host.RecordedAsync(known);
            using var paths = new BulkIngest.RecordedPaths(host);
            // Concurrently, so that single statements share commits (groups of several).
            await Task.WhenAll(singles.Select(async s =>
            {
                var (status, body, _) = await host.PostAsync("/api/statements", s.Clone());
                Assert.True(status == HttpStatusCode.Created, body.ToString());
            }));
            foreach (var batch in new[] { small, mixed })
            {
                var (status, body, _) = await host.PostAsync("/api/statements/batch", new JsonArray([.. batch.Select(i => i.Clone())]));
                Assert.True(status == HttpStatusCode.OK, body.ToString());
            }
            // Revisions through Marten, of a statement written directly: their fact rows are built from its report's row.
            var firstSingle = (await host.PostAsync("/api/statements", singles[0].Clone())).Body.GetProperty("id").GetGuid();
            await host.Correct(firstSingle, Api.Correction(150, "2025-07-01", party: party, measure: "wounded"));
            await host.Retract(first, Api.Retraction("2025-07-02"));
            return paths.Counts;
        }

        var direct = await Record(app.Host);
        // Every new statement but the mixed batch's went directly (numbered ahead, or under the lock); the metric says so.
        Assert.Equal(singles.Count + 2, direct.GetValueOrDefault("ahead") + direct.GetValueOrDefault("direct"));
        Assert.Equal(1, direct["session"]);
        Assert.Empty(direct.Keys.Except(["ahead", "direct", "session"]));

        var other = await TestCluster.NewDatabaseAsync();
        await using (var throughMarten = await AppFixture.StartHostAsync(other, more: BulkIngest.ThroughMartenOnly))
            Assert.Equal(new Dictionary<string, long> { ["session"] = singles.Count + 3 }, await Record(throughMarten));

        var directRows = await BulkIngest.StoredAsync(app.ConnectionString);
        var martenRows = await BulkIngest.StoredAsync(other);
        Assert.Equal(singles.Count + 4, directRows.Count(r => r.StartsWith("stream ", StringComparison.Ordinal)));
        Assert.Equal(martenRows, directRows);
    }
}

// An append of a few new statements is numbered ahead, from where this instance's last one ended, and sent with
// its turn, its rows and its commit in one round trip; a check under the lock makes a wrong guess fail before
// anything is written. Each test here reads the whole log, so they have a database of their own.
public sealed class AppendsNumberedAhead(IsolatedApp app) : IClassFixture<IsolatedApp>
{
    [Fact]
    public async Task an_append_numbered_ahead_after_someone_else_appended_is_numbered_again_under_the_lock()
    {
        var first = (await app.Host.PostAsync("/api/statements", Api.Figure(Api.Unique(), 11))).Body.As<Wire.Recorded>();
        // Another writer takes its turn and draws a sequence (an instance whose append then failed: a gap in the log).
        long drawn;
        await using (var db = new NpgsqlConnection(app.ConnectionString))
        {
            await db.OpenAsync();
            await using var tx = await db.BeginTransactionAsync();
            await using (var turn = new NpgsqlCommand($"select pg_advisory_xact_lock({AppendOrder.LockKey})", db, tx)) await turn.ExecuteNonQueryAsync();
            await using (var draw = new NpgsqlCommand("select nextval('timeline.mt_events_sequence')", db, tx)) drawn = (long)(await draw.ExecuteScalarAsync())!;
            await tx.CommitAsync();
        }
        Assert.True(drawn > first.Sequence);

        using var paths = new BulkIngest.RecordedPaths(app.Host);
        var second = (await app.Host.PostAsync("/api/statements", Api.Figure(Api.Unique(), 12))).Body.As<Wire.Recorded>();
        var afterSecond = paths.Counts;
        var third = (await app.Host.PostAsync("/api/statements", Api.Figure(Api.Unique(), 13))).Body.As<Wire.Recorded>();

        // Not the number this instance would have guessed but one after the other writer's, drawn under the lock (the
        // failed guess drew its own first: a gap, as any append that does not commit leaves); then numbered ahead again.
        Assert.True(second.Sequence > drawn, $"{second.Sequence} after {drawn}");
        Assert.Equal(new Dictionary<string, long> { ["direct"] = 1 }, afterSecond);
        Assert.Equal(second.Sequence + 1, third.Sequence);
        Assert.Equal(new Dictionary<string, long> { ["direct"] = 1, ["ahead"] = 1 }, paths.Counts);
        await AssertLogInOrderAsync();
    }

    [Fact]
    public async Task an_append_numbered_ahead_after_a_revision_through_the_session_comes_after_it()
    {
        var first = await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 31));
        await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 32));
        // A revision goes through Marten's session: it draws the next sequence under the lock and commits an event there.
        await app.Host.Correct(first, Api.Correction(33, "2025-07-01"));
        var corrected = await HighWaterMarkAsync();

        using var paths = new BulkIngest.RecordedPaths(app.Host);
        var next = (await app.Host.PostAsync("/api/statements", Api.Figure(Api.Unique(), 34))).Body.As<Wire.Recorded>();
        var after = (await app.Host.PostAsync("/api/statements", Api.Figure(Api.Unique(), 35))).Body.As<Wire.Recorded>();

        // The guess (the number the revision took) fails under the lock before anything is written: no collision, no
        // detour through the session.
        // Nor a sequence drawn and left unused: a gap holds webhooks and subscriptions back while the daemon waits it out.
        Assert.Equal(corrected + 1, next.Sequence);
        Assert.Equal(next.Sequence + 1, after.Sequence);
        Assert.Equal(new Dictionary<string, long> { ["direct"] = 1, ["ahead"] = 1 }, paths.Counts);
        await AssertLogInOrderAsync();
    }

    [Fact]
    public async Task the_database_refuses_an_event_from_a_transaction_that_did_not_take_its_turn()
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        // No row is inserted either way: the guard is on the statement.
        const string insert = "insert into timeline.mt_events select * from timeline.mt_events where false";
        await using (var tx = await db.BeginTransactionAsync())
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand(insert, db, tx).ExecuteNonQueryAsync());
            Assert.Equal("55000", refused.SqlState);
        }
        await using (var tx = await db.BeginTransactionAsync())
        {
            await using (var turn = new NpgsqlBatch(db, tx))
            {
                foreach (var command in AppendOrder.TurnCommands()) turn.BatchCommands.Add(command);
                await turn.ExecuteNonQueryAsync();
            }
            Assert.Equal(0, await new NpgsqlCommand(insert, db, tx).ExecuteNonQueryAsync());
        }
    }

    [Fact]
    public async Task appends_numbered_after_one_that_fails_are_numbered_again_and_nothing_takes_its_numbers()
    {
        var direct = app.Host.Services.GetRequiredService<DirectAppend>();
        var taken = await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 21));
        // Learnt where the log goes on.
        await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 22));
        var before = await HighWaterMarkAsync();

        static KeyValuePair<Guid, List<object>> Stream(Guid id) =>
            new(id, [new PositionStated(id, "Test outlet", new DateOnly(2025, 1, 1), "A quote", new Source("Test outlet", null, null, new DateOnly(2025, 1, 1)),
                new Position("ukraine", "A position stated for the test"))]);
        // Sent one after another without waiting: the first fails (its stream exists), the two numbered after it cannot stand.
        var failing = direct.StartStreamsAsync<Statement>([Stream(taken)], CancellationToken.None);
        var next = direct.StartStreamsAsync<Statement>([Stream(Guid.NewGuid())], CancellationToken.None);
        var last = direct.StartStreamsAsync<Statement>([Stream(Guid.NewGuid()), Stream(Guid.NewGuid())], CancellationToken.None);

        Assert.Null(await failing);
        var appended = (await next)!.Value.Log.Concat((await last)!.Value.Log).ToList();
        Assert.Equal(3, appended.Count);
        Assert.All(appended, e => Assert.True(e.Sequence > before));
        Assert.Equal(3, appended.Select(e => e.Sequence).Distinct().Count());
        Assert.Equal(3, await EventCountAsync(since: before));
        await AssertLogInOrderAsync();
    }

    async Task<long> HighWaterMarkAsync()
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand(LogTables.HighWaterMarkSql, db);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    async Task<long> EventCountAsync(long since)
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from timeline.mt_events where seq_id > $1", db);
        cmd.Parameters.AddWithValue(since);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    // Recorded time follows the sequence, and every stream's events are numbered in their versions' order.
    async Task AssertLogInOrderAsync()
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            """
            select count(*) from (select timestamp < lag(timestamp) over (order by seq_id) as back,
                                         version <= lag(version) over (partition by stream_id order by seq_id) as reordered
                                  from timeline.mt_events) e
            where back or reordered
            """, db);
        Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
    }
}

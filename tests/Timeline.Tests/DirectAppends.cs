// A few new statements at a time (single statements, which are committed in groups, and small
// batches) go straight to the tables in two round trips (DirectAppend), past Marten's session. What
// they store must be what Marten and the inline projections store for the same statements: the same
// streams, events, documents, facts and catalog, and revisions recorded later through Marten must
// find them as they would their own.
using System.Net;
using System.Text.Json.Nodes;
using Alba;
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
        // Every new statement but the mixed batch's went directly; the metric says so.
        Assert.Equal(new Dictionary<string, long> { ["direct"] = singles.Count + 2, ["session"] = 1 }, direct);

        var other = await TestCluster.NewDatabaseAsync();
        await using (var throughMarten = await AppFixture.StartHostAsync(other, more: BulkIngest.ThroughMartenOnly))
            Assert.Equal(new Dictionary<string, long> { ["session"] = singles.Count + 3 }, await Record(throughMarten));

        var directRows = await BulkIngest.StoredAsync(app.ConnectionString);
        var martenRows = await BulkIngest.StoredAsync(other);
        Assert.Equal(singles.Count + 4, directRows.Count(r => r.StartsWith("stream ", StringComparison.Ordinal)));
        Assert.Equal(martenRows, directRows);
    }
}

// A large batch's new statements are appended by COPY (BulkAppend), past Marten's session. What
// it stores must be what Marten and the inline projections store for the same statements one by
// one: the same streams, events, documents, facts and catalog, with every sequence and recorded
// time agreeing between the log and what is projected from it.
using System.Diagnostics.Metrics;
using System.Net;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using Npgsql;
using Timeline.Statements;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class BulkIngest(IsolatedApp app) : IClassFixture<IsolatedApp>
{
    [Fact]
    public async Task a_large_batch_is_stored_as_the_same_statements_recorded_one_by_one()
    {
        var party = Api.UniqueParty();
        var known = Api.Figure(Api.Unique(), 7, party: party);
        var items = new List<JsonObject>();
        for (var i = 0; i < StatementRecorder.BulkFrom + 8; i++)
            items.Add(Api.Figure(Api.Unique(), 100 + i, $"2025-{1 + i % 12:00}-{1 + i % 28:00}", party: party, measure: i % 3 == 0 ? "wounded" : "killed"));
        items.Add(Api.Position(Api.Unique()));
        items.Add(Api.NegotiationDay(Api.Unique()));
        items.Add(Api.Figure(Api.Unique(), 5, party: party).Range(4, 6));
        // The same statement twice in the batch, from another outlet the second time: a new stream of two events.
        var twice = items[3].Clone();
        twice["source"] = new JsonObject { ["title"] = "Another outlet", ["publishedOn"] = "2025-06-02" };
        items.Add(twice);
        // A statement already recorded, from another outlet: appended to its stream by Marten, in the same transaction.
        var again = known.Clone();
        again["source"] = new JsonObject { ["title"] = "A third outlet", ["publishedOn"] = "2025-06-03" };
        items.Add(again);

        await app.Host.RecordedAsync(known);
        using var bulkPaths = new RecordedPaths(app.Host);
        var (status, body, _) = await app.Host.PostAsync("/api/statements/batch", new JsonArray([.. items.Select(i => i.Clone())]));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(items.Count - 2, body.GetProperty("recorded").GetInt32());
        // Every new statement of the batch went by COPY (the metric says how each was written).
        Assert.Equal(new Dictionary<string, long> { ["copy"] = items.Count - 2 }, bulkPaths.Counts);

        // The same statements, one request each, through Marten's session on a database of their own.
        var other = await TestCluster.NewDatabaseAsync();
        await using (var oneByOne = await AppFixture.StartHostAsync(other, more: ThroughMartenOnly))
        {
            await oneByOne.RecordedAsync(known);
            using var sessionPaths = new RecordedPaths(oneByOne);
            foreach (var item in items)
            {
                var (each, answer, _) = await oneByOne.PostAsync("/api/statements", item.Clone());
                Assert.True(each is HttpStatusCode.Created or HttpStatusCode.OK, answer.ToString());
            }
            Assert.Equal(new Dictionary<string, long> { ["session"] = items.Count - 2 }, sessionPaths.Counts);
        }

        var bulk = await StoredAsync(app.ConnectionString);
        var marten = await StoredAsync(other);
        Assert.Equal(items.Count - 1, bulk.Count(r => r.StartsWith("stream ", StringComparison.Ordinal)));
        Assert.Equal(marten, bulk);
    }

    // A host whose few new statements go through Marten's session too, not DirectAppend.
    internal static void ThroughMartenOnly(Microsoft.AspNetCore.Hosting.IWebHostBuilder b) => b.UseSetting("Timeline:DirectAppend", "false");

    /// <summary>
    /// Every stored row, without what differs by when and where it was written (sequences, event ids,
    /// times), after checking that those agree between the log and the projections.
    /// </summary>
    internal static async Task<List<string>> StoredAsync(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await Assert.AllAsync(new[]
        {
            // A document's sequence and recorded time are its first event's.
            """
            select d.id from timeline.mt_doc_statement d join timeline.mt_events e on e.stream_id = d.id and e.version = 1
            where (d.data->>'Sequence')::bigint <> e.seq_id or (d.data->>'RecordedAt')::timestamptz <> e.timestamp or d.mt_version <> (select version from timeline.mt_streams s where s.id = d.id)
            """,
            // A fact is its event's: the same id, sequence and time.
            "select f.id from timeline.tl_estimate_facts f left join timeline.mt_events e on e.id = f.id where e.seq_id is distinct from f.seq or e.timestamp is distinct from f.recorded_at",
            // Recorded time follows the sequence.
            "select a.seq_id from timeline.mt_events a join timeline.mt_events b on b.seq_id = a.seq_id + 1 where b.timestamp < a.timestamp",
        }, async sql =>
        {
            await using var cmd = db.CreateCommand(sql);
            await using var reader = await cmd.ExecuteReaderAsync();
            Assert.False(await reader.ReadAsync(), $"disagreement found by: {sql}");
        });

        var rows = new List<string>();
        async Task Read(string prefix, string sql)
        {
            await using var cmd = db.CreateCommand(sql);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows.Add(prefix + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }
        await Read("stream ", "select id, type, version, tenant_id, is_archived, compacted_version from timeline.mt_streams");
        await Read("event ", "select stream_id, version, type, mt_dotnet_type, tenant_id, is_archived, data::text from timeline.mt_events");
        await Read("statement ", """
            select id, mt_dotnet_type, mt_version, (data - 'Sequence' - 'RecordedAt' - 'Revisions')::text,
                (select jsonb_agg(r - 'Sequence' - 'RecordedAt' order by (r->>'Version')::int) from jsonb_array_elements(data->'Revisions') r)::text
            from timeline.mt_doc_statement
            """);
        await Read("fact ", """
            select statement_id, change, stated_on, statement_stated_on, stated_by, source_key, series_id, party, grp, measure,
                period_from, period_to, value, low, high, qualifier, attribution, qualitative, quote, source::text, revised
            from timeline.tl_estimate_facts
            """);
        await Read("series ", "select series_id, party, grp, measure from timeline.tl_estimate_series");
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>timeline.statements.recorded as one host counts it (its own meters only), summed by path.</summary>
    internal sealed class RecordedPaths : IDisposable
    {
        readonly MeterListener _listener = new();
        readonly Dictionary<string, long> _counts = [];

        public RecordedPaths(IAlbaHost host)
        {
            var meters = host.Services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "timeline.statements.recorded" && ReferenceEquals(instrument.Meter.Scope, meters))
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == "path")
                        lock (_counts) _counts[(string)tag.Value!] = _counts.GetValueOrDefault((string)tag.Value!) + value;
            });
            _listener.Start();
        }

        public Dictionary<string, long> Counts { get { lock (_counts) return new(_counts); } }

        public void Dispose() => _listener.Dispose();
    }
}

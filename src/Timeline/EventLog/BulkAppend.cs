// Starts many new streams at once by binary COPY, in the transaction of an append that holds the
// append lock (AppendOrder): the events and streams go into Marten's own tables, and each inline
// projection's rows are written by COPY through its IBulkProjection. A batch of a thousand new
// statements is then a handful of round trips, where Marten's session sends four parameterised
// statements per event. What the database enforces still holds: a stream id already taken or an
// event id repeated fails the COPY (unique keys), and the whole transaction with it.
using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Timeline.EventLog;

// An inline projection's rows for events appended by BulkAppend, written in the same transaction.
public interface IBulkProjection
{
    // Writes the rows for these new streams' events (in sequence order, grouped by nothing).
    Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<IEvent> events, CancellationToken ct);

    // The same rows as statements for a batch (DirectAppend), to run in the order given.
    IEnumerable<NpgsqlBatchCommand> Inserts(IReadOnlyList<IEvent> events);
}

public sealed class BulkAppend(IDocumentStore store, IEnumerable<IBulkProjection> projections)
{
    internal sealed record NewStream(Guid Id, string Type, long Version, DateTimeOffset Recorded);
    internal sealed record NewEvent(IEvent Event, string Json);

    // Marten's own tables, as Marten 9 lays them out (the tests compare these with the database).
    static readonly CopyTable<NewStream> StreamRows = new(LogTables.Streams,
        CopyColumn<NewStream>.Of("id", NpgsqlDbType.Uuid, s => s.Id),
        CopyColumn<NewStream>.Of("type", NpgsqlDbType.Varchar, s => s.Type),
        CopyColumn<NewStream>.Of("version", NpgsqlDbType.Bigint, s => s.Version),
        CopyColumn<NewStream>.Of("timestamp", NpgsqlDbType.TimestampTz, s => s.Recorded),
        CopyColumn<NewStream>.Of("created", NpgsqlDbType.TimestampTz, s => s.Recorded),
        CopyColumn<NewStream>.Of("tenant_id", NpgsqlDbType.Varchar, _ => StorageConstants.DefaultTenantId));

    static readonly CopyTable<NewEvent> EventRows = new(LogTables.Events,
        CopyColumn<NewEvent>.Of("seq_id", NpgsqlDbType.Bigint, e => e.Event.Sequence),
        CopyColumn<NewEvent>.Of("id", NpgsqlDbType.Uuid, e => e.Event.Id),
        CopyColumn<NewEvent>.Of("stream_id", NpgsqlDbType.Uuid, e => e.Event.StreamId),
        CopyColumn<NewEvent>.Of("version", NpgsqlDbType.Bigint, e => e.Event.Version),
        CopyColumn<NewEvent>.Of("data", NpgsqlDbType.Jsonb, e => e.Json),
        CopyColumn<NewEvent>.Of("type", NpgsqlDbType.Varchar, e => e.Event.EventTypeName),
        CopyColumn<NewEvent>.Of("timestamp", NpgsqlDbType.TimestampTz, e => e.Event.Timestamp),
        CopyColumn<NewEvent>.Of("tenant_id", NpgsqlDbType.Varchar, _ => StorageConstants.DefaultTenantId),
        CopyColumn<NewEvent>.Of("mt_dotnet_type", NpgsqlDbType.Varchar, e => e.Event.DotNetTypeName));

    internal const string Sequence = $"{LogTables.Schema}.mt_events_sequence";
    readonly IReadOnlyList<IBulkProjection> _projections = [.. projections];

    // Appends new streams of TAggregate (their events in order) and returns every event with its sequence,
    // version and recorded time. The session must have begun its append (AppendOrder.BeginAppendAsync): the
    // sequences are reserved under the lock, so they follow commit order like any other append's.
    public async Task<IReadOnlyList<IEvent>> StartStreamsAsync<TAggregate>(
        IDocumentSession session, IReadOnlyCollection<KeyValuePair<Guid, List<object>>> streams, DateTimeOffset now, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)session.Connection!;
        var count = streams.Sum(s => s.Value.Count);
        var sequences = new List<long>(count);
        await using (var reserve = new NpgsqlCommand($"select nextval('{Sequence}') from generate_series(1, $1)", connection))
        {
            reserve.Parameters.AddWithValue(count);
            await using var reader = await reserve.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) sequences.Add(reader.GetInt64(0));
        }

        var appended = Stamp<TAggregate>(streams, sequences, now);
        await StreamRows.WriteAsync(connection, appended.Streams, ct);
        await EventRows.WriteAsync(connection, appended.Events, ct);
        foreach (var projection in _projections) await projection.WriteAsync(connection, appended.Log, ct);
        return appended.Log;
    }

    // The events of new streams, numbered with sequences reserved under the append lock and stamped with now,
    // and their stream and event rows: what the COPY above and DirectAppend's inserts write alike.
    internal Appended Stamp<TAggregate>(IReadOnlyCollection<KeyValuePair<Guid, List<object>>> streams, List<long> sequences, DateTimeOffset now)
    {
        var graph = (Marten.Events.EventGraph)((StoreOptions)store.Options).Events;
        sequences.Sort();
        // PostgreSQL keeps microseconds: the events carry the time as it will be read back.
        var recorded = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
        var events = new List<IEvent>(sequences.Count);
        foreach (var (id, data) in streams)
            for (var i = 0; i < data.Count; i++)
            {
                var e = graph.BuildEvent(data[i]);
                e.Id = Guid.CreateVersion7(recorded);
                e.StreamId = id;
                e.Version = i + 1;
                e.Sequence = sequences[events.Count];
                e.Timestamp = recorded;
                e.TenantId = StorageConstants.DefaultTenantId;
                events.Add(e);
            }

        var streamType = graph.AggregateAliasFor(typeof(TAggregate));
        var serializer = store.Options.Serializer();
        return new Appended(events,
            [.. streams.Select(s => new NewStream(s.Key, streamType, s.Value.Count, recorded))],
            [.. events.Select(e => new NewEvent(e, serializer.ToJson(e.Data)))]);
    }

    // Every row of an append as batch statements: streams, events (their foreign key to the streams), then each projection's.
    internal IEnumerable<NpgsqlBatchCommand> Inserts(Appended appended)
    {
        yield return StreamRows.Insert(appended.Streams);
        yield return EventRows.Insert(appended.Events);
        foreach (var projection in _projections)
            foreach (var command in projection.Inserts(appended.Log)) yield return command;
    }

    internal sealed record Appended(IReadOnlyList<IEvent> Log, IReadOnlyList<NewStream> Streams, IReadOnlyList<NewEvent> Events);
}

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

/// <summary>An inline projection's rows for events appended by <see cref="BulkAppend"/>, written in the same transaction.</summary>
public interface IBulkProjection
{
    /// <summary>Writes the rows for these new streams' events (in sequence order, grouped by nothing).</summary>
    Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<IEvent> events, CancellationToken ct);
}

public sealed class BulkAppend(IDocumentStore store, IEnumerable<IBulkProjection> projections)
{
    const string Sequence = $"{LogTables.Schema}.mt_events_sequence";
    readonly IReadOnlyList<IBulkProjection> _projections = [.. projections];

    /// <summary>
    /// Appends new streams of <typeparamref name="TAggregate"/> (their events in order) and returns
    /// every event with its sequence, version and recorded time. The session must have begun its
    /// append (<see cref="AppendOrder.BeginAppendAsync"/>): the sequences are reserved under the lock,
    /// so they follow commit order like any other append's.
    /// </summary>
    public async Task<IReadOnlyList<IEvent>> StartStreamsAsync<TAggregate>(
        IDocumentSession session, IReadOnlyCollection<KeyValuePair<Guid, List<object>>> streams, DateTimeOffset now, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)session.Connection!;
        var graph = (Marten.Events.EventGraph)((StoreOptions)store.Options).Events;
        var count = streams.Sum(s => s.Value.Count);
        var sequences = new List<long>(count);
        await using (var reserve = new NpgsqlCommand($"select nextval('{Sequence}') from generate_series(1, $1)", connection))
        {
            reserve.Parameters.AddWithValue(count);
            await using var reader = await reserve.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) sequences.Add(reader.GetInt64(0));
        }
        sequences.Sort();

        // PostgreSQL keeps microseconds: the events carry the time as it will be read back.
        var recorded = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
        var events = new List<IEvent>(count);
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
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"copy {LogTables.Streams} (id, type, version, timestamp, created, tenant_id) from stdin (format binary)", ct))
        {
            foreach (var (id, data) in streams)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(streamType, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync((long)data.Count, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(recorded, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(recorded, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(StorageConstants.DefaultTenantId, NpgsqlDbType.Varchar, ct);
            }
            await copy.CompleteAsync(ct);
        }

        var serializer = store.Options.Serializer();
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"copy {LogTables.Events} (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type) from stdin (format binary)", ct))
        {
            foreach (var e in events)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(e.Sequence, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(e.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(e.StreamId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(e.Version, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(serializer.ToJson(e.Data), NpgsqlDbType.Jsonb, ct);
                await copy.WriteAsync(e.EventTypeName, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(recorded, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(StorageConstants.DefaultTenantId, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.DotNetTypeName, NpgsqlDbType.Varchar, ct);
            }
            await copy.CompleteAsync(ct);
        }

        foreach (var projection in _projections) await projection.WriteAsync(connection, events, ct);
        return events;
    }
}

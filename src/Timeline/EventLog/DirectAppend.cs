// Starts a few new streams in two round trips, past Marten's session: the first begins the transaction,
// takes the append's turn (AppendOrder) and reserves the events' sequences unless a stream exists
// already; the second inserts the streams, events and each inline projection's rows (the same rows
// BulkAppend copies, as one INSERT of arrays per table) and commits. Two, not one, because the events'
// sequences and recorded time are given under the lock and the document and fact rows carry them, as
// the projections fold and serialise them here: one round trip would mean building those rows again in
// SQL. The database enforces what it does for Marten's appends (the streams' and events' unique keys,
// the events' foreign key to their stream): a failure rolls the whole append back.
using JasperFx.Events;
using Npgsql;

namespace Timeline.EventLog;

public sealed class DirectAppend(NpgsqlDataSource db, BulkAppend bulk, TimeProvider clock)
{
    // Appends new streams of TAggregate and returns their events numbered and stamped, or null (nothing
    // written, the turn given up) when one of the streams exists already: the caller then decides again.
    public async Task<IReadOnlyList<IEvent>?> StartStreamsAsync<TAggregate>(
        IReadOnlyCollection<KeyValuePair<Guid, List<object>>> streams, CancellationToken ct)
    {
        var count = streams.Sum(s => s.Value.Count);
        await using var connection = await db.OpenConnectionAsync(ct);
        try
        {
            var sequences = new List<long>(count);
            await using (var turn = new NpgsqlBatch(connection))
            {
                // Transaction control as statements, so that the commit can travel with the inserts.
                turn.BatchCommands.Add(new NpgsqlBatchCommand("begin"));
                foreach (var command in AppendOrder.TurnCommands()) turn.BatchCommands.Add(command);
                // An uncorrelated condition: evaluated once, before any sequence is drawn, so a duplicate costs none.
                turn.BatchCommands.Add(new NpgsqlBatchCommand(
                    $"select nextval('{BulkAppend.Sequence}') from generate_series(1, $1) where not exists (select from {LogTables.Streams} where id = any($2))")
                {
                    Parameters = { new NpgsqlParameter<int> { TypedValue = count }, new NpgsqlParameter<Guid[]> { TypedValue = [.. streams.Select(s => s.Key)] } },
                });
                await using var reader = await turn.ExecuteReaderAsync(ct);
                // Past the results of the lock (one row) to the reservation's.
                do
                {
                    while (await reader.ReadAsync(ct))
                        if (reader.GetFieldType(0) == typeof(long)) sequences.Add(reader.GetInt64(0));
                } while (await reader.NextResultAsync(ct));
            }
            if (sequences.Count < count)
            {
                await RollbackAsync(connection);
                return null;
            }

            // Stamped after the lock was taken, as every append is: recorded time follows the sequence.
            var appended = bulk.Stamp<TAggregate>(streams, sequences, clock.GetUtcNow());
            await using (var write = new NpgsqlBatch(connection))
            {
                foreach (var command in bulk.Inserts(appended)) write.BatchCommands.Add(command);
                write.BatchCommands.Add(new NpgsqlBatchCommand("commit"));
                await write.ExecuteNonQueryAsync(ct);
            }
            return appended.Log;
        }
        catch
        {
            await RollbackAsync(connection);
            throw;
        }
    }

    // Gives the turn up; the connection goes back to its pool outside any transaction. A broken connection is not reused.
    static async Task RollbackAsync(NpgsqlConnection connection)
    {
        if (connection.FullState != System.Data.ConnectionState.Open) return;
        try
        {
            await using var rollback = new NpgsqlCommand("rollback", connection);
            await rollback.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException) { }
    }
}

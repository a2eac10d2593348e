// Upkeep of the event log at start (after Marten has made its tables) and after the embedded server
// restarts from a crash: the index that answers "as known at an instant" (knownAt=…) by a short
// read — on Marten's events table, so Marten is told to ignore it (Events.IgnoreIndex) — and the
// event sequence realigned with the log. A server killed mid-write can come back with its
// sequence behind the highest recorded event; every append would then collide on seq_id.
using Npgsql;

namespace Timeline.EventLog;

public sealed class LogUpkeep(NpgsqlDataSource db) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using (var index = db.CreateCommand(LogTables.RecordedIndexSql))
        {
            index.CommandTimeout = 0; // on a large existing log, building it once takes a while
            await index.ExecuteNonQueryAsync(ct);
        }
        await RealignSequenceAsync(db, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    // Moves the event sequence past the highest recorded event, never back; under the append lock.
    public static async Task RealignSequenceAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var realign = new NpgsqlCommand($"""
            select pg_advisory_xact_lock({AppendOrder.LockKey});
            select setval('{LogTables.Schema}.mt_events_sequence',
                greatest((select coalesce(max(seq_id), 0) from {LogTables.Events}), (select last_value from {LogTables.Schema}.mt_events_sequence)))
            where exists (select 1 from {LogTables.Events});
            """, conn, tx);
        await realign.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }
}

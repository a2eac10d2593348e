// Upkeep of the event log at start (after Marten has made its tables) and after the embedded server
// restarts from a crash: the index that answers "as known at an instant" (knownAt=…) by a short
// read — on Marten's events table, so Marten is told to ignore it (Events.IgnoreIndex) — and the
// event sequence realigned with the log. A server killed mid-write can come back with its
// sequence behind the highest recorded event; every append would then collide on seq_id. And the
// database's own guard on the order of appends: an event inserted by a transaction that did not take
// the append's turn (AppendOrder) fails, so no writer can commit out of sequence order unnoticed.
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
        await GuardTurnsAsync(db, ct);
    }

    // A statement-level trigger on the events table: the inserting transaction must have taken the append's turn
    // (AppendOrder.TurnCommands, which takes the lock and then leaves TurnSetting set for the transaction).
    static async Task GuardTurnsAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Under the lock, so that instances starting together do not replace the function at once.
        await using var guard = new NpgsqlCommand($"""
            select pg_advisory_xact_lock({AppendOrder.LockKey});
            create or replace function {LogTables.Schema}.tl_events_in_turn() returns trigger language plpgsql as $guard$
            begin
              if coalesce(current_setting('{AppendOrder.TurnSetting}', true), '') <> 'taken' then
                raise exception 'events are appended only in their turn (the append lock)' using errcode = '55000';
              end if;
              return null;
            end $guard$;
            create or replace trigger tl_events_in_turn after insert on {LogTables.Events}
              for each statement execute function {LogTables.Schema}.tl_events_in_turn();
            """, conn, tx);
        await guard.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
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

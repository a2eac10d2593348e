// Makes the index that answers "as known at an instant" (knownAt=2026-02-23T12:00:00Z) by a short
// index read rather than a scan of the log. It lives on Marten's events table, so Marten is told to
// ignore it (StoreOptions.Events.IgnoreIndex) and it is made here, once Marten's tables exist.
using Npgsql;

namespace Timeline.EventLog;

public sealed class RecordedIndex(NpgsqlDataSource db) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(LogTables.RecordedIndexSql);
        cmd.CommandTimeout = 0; // on a large existing log, building it once takes a while
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

// A session-level advisory lock (one rebuild at a time, one deliverer per webhook): taken without
// waiting, and let go explicitly, since a pooled connection outlives Close and its lock with it.
using Npgsql;

namespace Timeline.EventLog;

public static class SessionLock
{
    public static async Task<bool> TryTakeAsync(NpgsqlConnection connection, long key, CancellationToken ct)
    {
        await using var take = new NpgsqlCommand("select pg_try_advisory_lock($1)", connection);
        take.Parameters.AddWithValue(key);
        return (bool)(await take.ExecuteScalarAsync(ct))!;
    }

    public static async Task ReleaseAsync(NpgsqlConnection connection, long key)
    {
        await using var release = new NpgsqlCommand("select pg_advisory_unlock($1)", connection);
        release.Parameters.AddWithValue(key);
        await release.ExecuteNonQueryAsync(CancellationToken.None);
    }
}

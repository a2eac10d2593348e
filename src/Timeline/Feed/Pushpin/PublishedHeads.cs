// What the publisher has handed to Pushpin, kept in the database so that whichever instance
// publishes next goes on from it and every instance answers a subscribe consistently with it: how
// far the log is published (the row named ''), and each channel's last published event, which is
// the prev-id Pushpin expects of that channel's next message.
using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using Timeline.EventLog;

namespace Timeline.Feed.Pushpin;

// The log published through Through; the channel's last event at or before it (0: none).
public sealed record PublishedHead(long Through, long Head);

public sealed class PublishedHeads(NpgsqlDataSource db)
{
    const string Table = $"{LogTables.Schema}.tl_pushpin_heads";
    const string Everything = "";
    static readonly TimeSpan Fresh = TimeSpan.FromMilliseconds(100);
    const int MaxCached = 10_000;

    public static async Task EnsureAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var create = new NpgsqlCommand($"create table if not exists {Table} (channel text primary key, sequence bigint not null)", conn);
        await create.ExecuteNonQueryAsync(ct);
    }

    // How far the log was published (null: never) and every channel's head.
    public static async Task<(long? Through, Dictionary<string, long> Heads)> LoadAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        long? through = null;
        var heads = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var read = new NpgsqlCommand($"select channel, sequence from {Table}", conn);
        await using var rows = await read.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            var channel = rows.GetString(0);
            if (channel == Everything) through = rows.GetInt64(1);
            else heads[channel] = rows.GetInt64(1);
        }
        return (through, heads);
    }

    // Records a published page: the heads it moved and how far the log is published, in one statement.
    public static async Task SaveAsync(NpgsqlConnection conn, long through, IReadOnlyDictionary<string, long> moved, CancellationToken ct)
    {
        await using var save = new NpgsqlCommand(
            $"insert into {Table} (channel, sequence) select * from unnest($1::text[], $2::bigint[]) " +
            "on conflict (channel) do update set sequence = excluded.sequence", conn);
        save.Parameters.AddWithValue(moved.Keys.Append(Everything).ToArray());
        save.Parameters.AddWithValue(moved.Values.Append(through).ToArray());
        await save.ExecuteNonQueryAsync(ct);
    }

    readonly ConcurrentDictionary<string, (long At, Task<PublishedHead?> Read)> _recent = new(StringComparer.Ordinal);

    // The channel's head as last published, or null before anything was. Subscribers arriving together
    // share one read (at most 100 ms old): an answer from a stale read has Pushpin ask again within a
    // second (GripHold).
    public Task<PublishedHead?> OfAsync(string channel)
    {
        var now = Stopwatch.GetTimestamp();
        if (_recent.TryGetValue(channel, out var cached) && Stopwatch.GetElapsedTime(cached.At, now) < Fresh && !cached.Read.IsFaulted)
            return cached.Read;
        if (_recent.Count > MaxCached) _recent.Clear(); // channels are free text: the cache may not grow without bound
        var read = ReadAsync(channel);
        _recent[channel] = (now, read);
        return read;
    }

    async Task<PublishedHead?> ReadAsync(string channel)
    {
        try
        {
            await using var read = db.CreateCommand(
                $"select (select sequence from {Table} where channel = $1), (select sequence from {Table} where channel = $2)");
            read.Parameters.AddWithValue(Everything);
            read.Parameters.AddWithValue(channel);
            await using var row = await read.ExecuteReaderAsync();
            await row.ReadAsync();
            if (row.IsDBNull(0)) return null;
            return new PublishedHead(row.GetInt64(0), row.IsDBNull(1) ? 0 : row.GetInt64(1));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null; // no publisher has run yet
        }
    }
}

// Rebuilding every projection beside the COPY floor.

namespace Timeline.Benchmarks;

public static partial class Scenarios
{
    /// <summary>A full rebuild of every projection ÷ COPY OUT of the events + COPY IN of as many rows.</summary>
    public static async Task<IEnumerable<Result>> RebuildAsync(Service service, string serviceDb, NpgsqlDataSource baseline, BenchOptions o)
    {
        var rounds = o.Quick ? 3 : 2;
        Console.WriteLine($"rebuild: {rounds} rounds …");
        var rebuilds = new List<double>();
        var floors = new List<double>();
        await using var events = NpgsqlDataSource.Create(serviceDb);
        for (var r = 0; r < rounds; r++)
        {
            var clock = Stopwatch.StartNew();
            (await service.Http.PostAsync("/api/admin/projections/rebuild", null)).EnsureSuccessStatusCode().Dispose();
            using var rebuilding = Progress.Start($"round {r + 1}, rebuild", 0, "streams and events");
            while (true)
            {
                var rebuild = (await service.Http.GetFromJsonAsync<JsonElement>("/api/admin/projections")).GetProperty("rebuild");
                rebuilding.Set(rebuild.GetProperty("processed").GetInt64());
                var state = rebuild.GetProperty("state").GetString();
                if (state == "succeeded") break;
                if (state == "failed") throw new InvalidOperationException("the rebuild failed");
                await Task.Delay(50);
            }
            rebuilds.Add(clock.Elapsed.TotalSeconds);

            clock.Restart();
            var rows = new List<byte[]>();
            await using (var conn = await events.OpenConnectionAsync())
            await using (var reader = await conn.BeginBinaryExportAsync($"copy (select data::text from {Timeline.EventLog.LogTables.Events} order by seq_id) to stdout (format binary)"))
                while (await reader.StartRowAsync() != -1) rows.Add(Encoding.UTF8.GetBytes(await reader.ReadAsync<string>()));
            await using (var conn = await baseline.OpenConnectionAsync())
            {
                await using (var drop = new NpgsqlCommand("drop table if exists rebuilt; create unlogged table rebuilt (like figures including all)", conn)) await drop.ExecuteNonQueryAsync();
                await using var writer = await conn.BeginBinaryImportAsync("copy rebuilt (id, statement_id, stated_on, stated_by, series_id, quote, source) from stdin (format binary)");
                foreach (var row in rows)
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                    await writer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                    await writer.WriteAsync(new DateOnly(2026, 1, 1), NpgsqlDbType.Date);
                    await writer.WriteAsync("x", NpgsqlDbType.Text);
                    await writer.WriteAsync("x", NpgsqlDbType.Text);
                    await writer.WriteAsync("x", NpgsqlDbType.Text);
                    await writer.WriteAsync(Encoding.UTF8.GetString(row), NpgsqlDbType.Jsonb);
                }
                await writer.CompleteAsync();
            }
            floors.Add(clock.Elapsed.TotalSeconds);
            Console.WriteLine($"  round {r + 1}: rebuild {rebuilds[^1]:N1} s, COPY floor {floors[^1]:N1} s ({rows.Count:N0} events)");
        }
        return [new("rebuild", "full rebuild", Stats.Median(rebuilds), Stats.Median(floors), "s", "≤ 10× COPY floor")];
    }
}

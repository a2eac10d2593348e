// As-of and history queries beside the same questions asked of a plain table.

namespace Timeline.Benchmarks;

public static partial class Scenarios
{
    /// <summary>As-of and history latency for one series ÷ one prepared hand-written query.</summary>
    public static async Task<IEnumerable<Result>> QueriesAsync(Service service, string serviceDb, NpgsqlDataSource baseline, BenchOptions o)
    {
        // Both databases settled the same way first: after a bulk load, autovacuum and analyze would
        // otherwise run in the middle of the samples, on one side or the other.
        Console.WriteLine("queries: vacuum analyze of both databases …");
        await using (var serviceSource = NpgsqlDataSource.Create(serviceDb))
        foreach (var db in new[] { serviceSource, baseline })
        {
            await using var vacuum = db.CreateCommand("vacuum analyze");
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"queries: {o.Samples} samples each, alternating …");
        var (party, group, measure) = ("ukraine", "military", "killed");
        var seriesId = $"{party}-{group}-{measure}";
        var random = new Random(7);
        var asOfService = new List<double>();
        var asOfSql = new List<double>();
        var historyService = new List<double>();
        var historySql = new List<double>();
        var changesService = new List<double>();
        var changesSql = new List<double>();
        await using var conn = await baseline.OpenConnectionAsync();
        await using var asOf = new NpgsqlCommand(Baseline.AsOfSql, conn);
        asOf.Parameters.Add(new NpgsqlParameter { Value = seriesId });
        asOf.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date });
        await asOf.PrepareAsync();
        // What changed between two dates, by hand: each source's figure at both ends, and the first 100 rows stated in between.
        await using var changes = new NpgsqlCommand($"""
            select * from (select distinct on (stated_by) stated_by, stated_on, value, qualifier, quote, source
                from figures where series_id = $1 and stated_on <= $2 order by stated_by, stated_on desc, seq desc) before_
            union all
            select * from (select distinct on (stated_by) stated_by, stated_on, value, qualifier, quote, source
                from figures where series_id = $1 and stated_on <= $3 order by stated_by, stated_on desc, seq desc) after_
            union all
            select * from (select stated_by, stated_on, value, qualifier, quote, source
                from figures where series_id = $1 and stated_on > $2 and stated_on <= $3 order by stated_on, seq limit 100) between_
            """, conn);
        changes.Parameters.Add(new NpgsqlParameter { Value = seriesId });
        changes.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date });
        changes.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date });
        await changes.PrepareAsync();
        // History's first page by hand, with what the answer carries: each entry's figure, quote and
        // source, and the same source's figure before it (the service's page is 1,000 entries too).
        await using var history = new NpgsqlCommand("""
            select stated_by, stated_on, value, qualifier, quote, source,
                   lag(value) over (partition by stated_by order by stated_on, seq) as previous
            from figures where series_id = $1 order by stated_on, seq limit 1000
            """, conn);
        history.Parameters.Add(new NpgsqlParameter { Value = seriesId });
        await history.PrepareAsync();

        async Task<double> Time(Func<Task> work)
        {
            var clock = Stopwatch.StartNew();
            await work();
            return clock.Elapsed.TotalMilliseconds;
        }
        async Task Drain(NpgsqlCommand cmd) { await using var r = await cmd.ExecuteReaderAsync(); while (await r.ReadAsync()) { } }

        // Warmed up unmeasured until the service's JIT has settled (rounds of 100 of each question until the JIT takes under 3 % of one, at most 10): a
        // p99 of 1,500 samples is their slowest 15, and the first hundred or so samples of a fresh path were
        // otherwise asked while the JIT compiled it again at a higher tier on the same 2 cores.
        var warmRandom = new Random(8);
        await WarmUpAsync(service, 10, async _ =>
        {
            for (var i = 0; i < 100; i++) await Sample(new DateOnly(2022, 3, 1).AddDays(warmRandom.Next(0, 1580)));
        });
        await Task.Delay(1500); // the exporter answers scrapes from a short-lived cache
        var gcBefore = await service.GcAsync();
        var jitAtStart = await service.JitAsync();
        using var sampling = Progress.Start("as-of, history and changes samples", o.Samples);
        for (var i = 0; i < o.Samples; i++)
        {
            sampling.Advance();
            var (a, b, c, d, e, f) = await Sample(new DateOnly(2022, 3, 1).AddDays(random.Next(0, 1580)));
            asOfService.Add(a); asOfSql.Add(b); historyService.Add(c); historySql.Add(d); changesService.Add(e); changesSql.Add(f);
        }

        async Task<(double, double, double, double, double, double)> Sample(DateOnly date)
        {
            var a = await Time(async () => (await service.Http.GetAsync($"/api/estimates?asOf={date:yyyy-MM-dd}&series={seriesId}")).EnsureSuccessStatusCode().Dispose());
            asOf.Parameters[1].Value = date;
            var b = await Time(() => Drain(asOf));
            var c = await Time(async () => (await service.Http.GetAsync($"/api/estimates/{seriesId}/history")).EnsureSuccessStatusCode().Dispose());
            var d = await Time(() => Drain(history));
            var (from, to) = (date, date.AddDays(30));
            var e = await Time(async () => (await service.Http.GetAsync($"/api/changes?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&series={seriesId}")).EnsureSuccessStatusCode().Dispose());
            changes.Parameters[1].Value = from;
            changes.Parameters[2].Value = to;
            var f = await Time(() => Drain(changes));
            return (a, b, c, d, e, f);
        }
        await Task.Delay(1500);
        var gcAfter = await service.GcAsync();
        var jitAtEnd = await service.JitAsync();
        // What the service's collector did while the samples were taken: a p99 is its slowest 1 %.
        var gc = $"service GC during all samples: {gcAfter.Collections - gcBefore.Collections} collections ({gcAfter.Gen2 - gcBefore.Gen2} gen2), {gcAfter.PausedMs - gcBefore.PausedMs:N0} ms paused; the JIT compiled {jitAtEnd.Methods - jitAtStart.Methods:N0} methods in {jitAtEnd.Seconds - jitAtStart.Seconds:N2} s";
        return
        [
            new("as-of query", "p50 latency", Stats.Percentile(asOfService, 50), Stats.Percentile(asOfSql, 50), "ms", "—"),
            new("as-of query", "p99 latency", Stats.Percentile(asOfService, 99), Stats.Percentile(asOfSql, 99), "ms", "≤ 2× SQL, a few ms", Note: gc),
            new("history query", "p50 latency", Stats.Percentile(historyService, 50), Stats.Percentile(historySql, 50), "ms", "—"),
            new("history query", "p99 latency", Stats.Percentile(historyService, 99), Stats.Percentile(historySql, 99), "ms", "≤ 2× SQL"),
            new("changes, 30 days", "p50 latency", Stats.Percentile(changesService, 50), Stats.Percentile(changesSql, 50), "ms", "—"),
            new("changes, 30 days", "p99 latency", Stats.Percentile(changesService, 99), Stats.Percentile(changesSql, 99), "ms", "none set; measured"),
        ];
    }
}

// Cold start to ready.

namespace Timeline.Benchmarks;

public static partial class Scenarios
{
    /// <summary>Cold start to /health/ready with the embedded database already initialised.</summary>
    public static async Task<IEnumerable<Result>> StartupAsync(string dataDir, BenchOptions o)
    {
        Console.WriteLine("start-up: initialising the embedded database once, then cold starts …");
        var env = new Dictionary<string, string> { ["TIMELINE_DATA_DIR"] = dataDir };
        await (await Service.StartAsync(env)).DisposeAsync();
        var times = new List<double>();
        for (var r = 0; r < o.Rounds; r++)
        {
            var clock = Stopwatch.StartNew();
            await using var service = await Service.StartAsync(env);
            times.Add(clock.Elapsed.TotalSeconds);
            Console.WriteLine($"  start {r + 1}: {times[^1]:N2} s");
        }
        return [new("start-up", "cold start to ready", Stats.Median(times), null, "s", "< 3 s")];
    }
}

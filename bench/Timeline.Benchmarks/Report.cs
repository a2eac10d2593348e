// The table on the console and benchmarks.json.

namespace Timeline.Benchmarks;

public static class Report
{
    static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    public static void Print(IReadOnlyList<Result> results, BenchOptions o)
    {
        Console.WriteLine();
        Console.WriteLine($"{"scenario",-16} {"metric",-34} {"Timeline",12} {"raw PostgreSQL",16} {"ratio",8}  {"unit",-7} target");
        foreach (var r in results)
            Console.WriteLine($"{r.Scenario,-16} {r.Metric,-34} {r.Service,12:N1} {(r.Baseline is { } b ? b.ToString("N1", CultureInfo.InvariantCulture) : "—"),16} {(r.Ratio is { } x ? x.ToString("N2", CultureInfo.InvariantCulture) : "—"),8}  {r.Unit,-7} {r.Target}{(r.Note is null ? "" : $"  [{r.Note}]")}{(r.Failed ? "  FAILED" : "")}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):N0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
    }

    public static void Write(IReadOnlyList<Result> results, BenchOptions o, string dir)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "benchmarks.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            o.Quick, o.Statements, o.Clients, o.Samples, o.Rounds,
            cores = Environment.ProcessorCount,
            ranAt = DateTimeOffset.UtcNow,
            results = results.Select(r => new { r.Scenario, r.Metric, Service = Finite(r.Service), Baseline = Finite(r.Baseline), Ratio = Finite(r.Ratio), r.Unit, r.Target, r.Failed, r.Note }),
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        Console.WriteLine($"results written to {path}");
    }
}

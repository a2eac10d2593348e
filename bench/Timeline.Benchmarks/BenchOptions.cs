// What to run (the command line) and what a run yields (one figure beside its baseline).

namespace Timeline.Benchmarks;

public sealed record BenchOptions(bool Quick, int Statements, int Clients, int Samples, int Rounds, string? Out, string? Only, string? ServiceGc = null)
{
    public static BenchOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions(quick,
            Int("--statements", quick ? 5_000 : 1_000_000),
            Int("--clients", quick ? 50 : 500),
            Int("--samples", quick ? 100 : 500),
            Int("--rounds", 3),
            Value("--out"),
            Value("--only"),
            Value("--service-gc") is { } gc && gc is not ("server" or "workstation")
                ? throw new ArgumentException("--service-gc is server or workstation") : Value("--service-gc"));
    }

    /// <summary>--only ingest,queries runs just those (all by default).</summary>
    public bool Runs(string scenario) => Only is null || Only.Split(',').Contains(scenario);

    /// <summary>The service's environment for --service-gc (server or workstation garbage collection; its own default otherwise).</summary>
    /// <remarks>
    /// Any TIMELINE_BENCH_SERVICE_X=V in the benchmark's environment reaches the service as X=V (runtime knobs to try, say).</remarks>
    public Dictionary<string, string> ServiceGcEnvironment()
    {
        var env = ServiceGc is null ? new Dictionary<string, string>() : new() { ["DOTNET_gcServer"] = ServiceGc == "server" ? "1" : "0" };
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            if (e.Key is string k && k.StartsWith("TIMELINE_BENCH_SERVICE_", StringComparison.Ordinal) && e.Value is string v)
                env[k["TIMELINE_BENCH_SERVICE_".Length..]] = v;
        return env;
    }
}

/// <summary>One figure: a service measurement, its raw-PostgreSQL baseline, and their ratio.</summary>
public sealed record Result(string Scenario, string Metric, double Service, double? Baseline, string Unit, string Target, bool Failed = false, string? Note = null)
{
    /// <summary>Service ÷ baseline: for rates, higher is better; for latencies and durations, lower is.</summary>
    public double? Ratio => Baseline is { } b && b > 0 ? Service / b : null;
}

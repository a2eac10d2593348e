// Everything the benchmark starts is stopped before it exits — on success, on failure, on Ctrl-C
// or SIGTERM: the service processes (each stops its own embedded cluster) and the shared cluster.
namespace Timeline.Benchmarks;

public static class Cleanup
{
    static readonly List<Func<Task>> Steps = [];
    static int _ran;

    /// <summary>Runs on exit, last registered first.</summary>
    public static void Register(Func<Task> step)
    {
        lock (Steps) Steps.Add(step);
    }

    public static void Unregister(Func<Task> step)
    {
        lock (Steps) Steps.Remove(step);
    }

    /// <summary>Stops whatever is still running; safe to call more than once, from any thread.</summary>
    public static async Task RunAsync()
    {
        if (Interlocked.Exchange(ref _ran, 1) == 1) return;
        Func<Task>[] steps;
        lock (Steps) steps = [.. Enumerable.Reverse(Steps)];
        foreach (var step in steps)
        {
            try { await step(); }
            catch (Exception e) { Console.Error.WriteLine($"cleaning up: {e.Message}"); }
        }
    }

    /// <summary>Ctrl-C and SIGTERM clean up before the process goes.</summary>
    public static void OnInterrupt()
    {
        Console.CancelKeyPress += (_, _) => RunAsync().GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAsync().GetAwaiter().GetResult();
    }
}

// Everything the benchmark starts is stopped before it exits — on success, on failure, on Ctrl-C
// or SIGTERM: the service processes (each stops its own embedded cluster) and the shared cluster.
using System.Runtime.InteropServices;

namespace Timeline.Benchmarks;

public static class Cleanup
{
    static readonly List<Func<Task>> Steps = [];
    static Task? _running;

    /// <summary>
    /// Runs on exit, last registered first. Registered after an interruption (it was starting
    /// meanwhile), it throws: the flow that started it ends, and its cleanup stops it.
    /// </summary>
    public static void Register(Func<Task> step)
    {
        lock (Steps) Steps.Add(step);
        if (Interrupted is not null) throw new OperationCanceledException("interrupted");
    }

    public static void Unregister(Func<Task> step)
    {
        lock (Steps) Steps.Remove(step);
    }

    /// <summary>
    /// Stops whatever is still running; every caller, from any thread, waits for the one cleanup
    /// (the main flow's finally and a signal's handler may both ask for it). A step registered
    /// after a cleanup finished gets a cleanup of its own.
    /// </summary>
    public static Task RunAsync()
    {
        lock (Steps)
        {
            if (_running is null || (_running.IsCompleted && Steps.Count > 0)) _running = Task.Run(RunOnceAsync);
            return _running;
        }
    }

    static async Task RunOnceAsync()
    {
        // Something registered while cleaning up (a service that was starting) is stopped too.
        while (true)
        {
            Func<Task> step;
            lock (Steps)
            {
                if (Steps.Count == 0) return;
                step = Steps[^1];
                Steps.RemoveAt(Steps.Count - 1);
            }
            try { await step(); }
            catch (Exception e) { Console.Error.WriteLine($"cleaning up: {e.Message}"); }
        }
    }

    static readonly List<PosixSignalRegistration> Signals = []; // held: a registration collected stops handling its signal

    /// <summary>The exit code a signal asked for (128 + its number), once one has come.</summary>
    public static int? Interrupted { get; private set; }

    /// <summary>
    /// Ctrl-C, SIGTERM and SIGHUP clean up, then end the process with 128 + the signal's number.
    /// The cleanup starts at once, off the signal's thread; the main flow, whose scenario fails as
    /// its service goes, waits for it and ends the process (ending before it was done left the
    /// cluster running). A flow that does not fail is ended here after a grace period.
    /// </summary>
    public static void OnInterrupt()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            Signals.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true; // this process ends once everything it started has stopped
                Interrupted = 128 + (context.Signal switch { PosixSignal.SIGINT => 2, PosixSignal.SIGHUP => 1, _ => 15 });
                Console.Error.WriteLine($"{context.Signal}: stopping everything the benchmark started …");
                _ = Task.Run(async () =>
                {
                    await RunAsync();
                    await Task.Delay(TimeSpan.FromSeconds(30));
                    await RunAsync(); // anything that finished starting meanwhile
                    Environment.Exit(Interrupted.Value);
                });
            }));
    }
}

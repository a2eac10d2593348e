// The project's own scripts (.ci/cluster, .ci/patroni) run as a user would (their ports: Ports.Free).
using System.Diagnostics;

namespace Timeline.Tests.Support;

public static class Scripts
{
    /// <summary>Runs `bash .ci/{script} {command}` with the given environment; its exit code and output.</summary>
    public static async Task<(int Code, string Output)> RunAsync(string script, string command, IReadOnlyDictionary<string, string> env)
    {
        var path = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", ".ci", script));
        // Into a file, not a pipe: the servers it starts would hold a pipe open long after it exits.
        var log = Path.Combine(Path.GetTempPath(), $"timeline-{script}-{Guid.NewGuid():N}.log");
        var psi = new ProcessStartInfo("bash", ["-c", "bash \"$0\" \"$1\" > \"$2\" 2>&1 < /dev/null", path, command, log]);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var process = Process.Start(psi)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var output = await File.ReadAllTextAsync(log);
        File.Delete(log);
        return (process.ExitCode, output);
    }
}

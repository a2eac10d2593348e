// Figures a test measured (a failover's recovery time, say): kept in artifacts/measured.log, which CI prints after the run.
namespace Timeline.Tests.Support;

public static class Measured
{
    static readonly Lock Gate = new();

    public static void Report(string line)
    {
        var path = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "artifacts", "measured.log"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        lock (Gate) File.AppendAllText(path, $"{DateTimeOffset.UtcNow:u} {TestContext.Current.Test?.TestDisplayName}: {line}{Environment.NewLine}");
    }
}

// One throwaway PostgreSQL cluster for the whole test run, started with the service's own
// embedded-database code (so `dotnet test` needs nothing running beforehand). Each host gets
// a fresh database in it, so test classes never see each other's data.
using Alba;
using Microsoft.Extensions.Logging.Abstractions;
using Timeline.Hosting;

[assembly: AssemblyFixture(typeof(Timeline.Tests.Support.TestCluster))]

namespace Timeline.Tests.Support;

public sealed class TestCluster : IAsyncLifetime
{
    static readonly string Root = Path.Combine(Path.GetTempPath(), $"timeline-tests-{Guid.NewGuid():N}");
    static readonly Lazy<Task<EmbeddedPostgres>> Cluster = new(() =>
        EmbeddedPostgres.StartAsync(Root, NullLogger.Instance, throwaway: true));

    public static async Task<string> NewDatabaseAsync()
    {
        var cluster = await Cluster.Value;
        return await cluster.EnsureDatabaseAsync($"t_{Guid.NewGuid():N}");
    }

    // Every service a test started, so none outlives the cluster: a service whose database has gone retries
    // (Wolverine's agents, the daemon) and logs a stack trace each time, burying a failing test's assertion.
    static readonly List<WeakReference<IAlbaHost>> Hosts = [];

    public static IAlbaHost Running(IAlbaHost host)
    {
        lock (Hosts) Hosts.Add(new WeakReference<IAlbaHost>(host));
        return host;
    }

    /// <summary>Stops the host unless it has been stopped already (whichever of its owner and the cluster comes first).</summary>
    public static async Task StopAsync(IAlbaHost host)
    {
        // A stopped host has disposed its services: asking one tells it apart.
        try { _ = host.Services.GetService(typeof(Microsoft.Extensions.Hosting.IHostApplicationLifetime)); }
        catch (ObjectDisposedException) { return; }
        await host.DisposeAsync();
    }

    public ValueTask InitializeAsync() => new(Cluster.Value);

    public async ValueTask DisposeAsync()
    {
        if (!Cluster.IsValueCreated) return;
        List<IAlbaHost> left;
        lock (Hosts) left = [.. Hosts.Select(h => h.TryGetTarget(out var host) ? host : null).OfType<IAlbaHost>()];
        foreach (var host in left) await StopAsync(host);
        await (await Cluster.Value).StopAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

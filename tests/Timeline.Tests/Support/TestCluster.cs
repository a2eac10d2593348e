// One throwaway PostgreSQL cluster for the whole test run, started with the service's own
// embedded-database code (so `dotnet test` needs nothing running beforehand). Each host gets
// a fresh database in it, so test classes never see each other's data.
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

    public ValueTask InitializeAsync() => new(Cluster.Value);

    public async ValueTask DisposeAsync()
    {
        if (!Cluster.IsValueCreated) return;
        await (await Cluster.Value).StopAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

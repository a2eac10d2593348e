// A running Timeline service over real HTTP (Alba) on its own fresh database.
using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

[assembly: AssemblyFixture(typeof(Timeline.Tests.Support.SharedApp))]

namespace Timeline.Tests.Support;

public abstract class AppFixture : IAsyncLifetime
{
    public const string WriterKey = "test-writer-key-0123456789abcdef";
    public const string AdminOnlyKey = "test-admin-only-key-0123456789ab";
    public const string OtherWriterKey = "test-other-writer-key-0123456789";

    public IAlbaHost Host { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";
    protected virtual bool Seed => true;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await TestCluster.NewDatabaseAsync();
        Host = await StartHostAsync(ConnectionString, Seed);
    }

    /// <summary>A service on the given database, with the test keys and short delivery schedules.</summary>
    public static async Task<IAlbaHost> StartHostAsync(string connectionString, bool seed = false, Action<IWebHostBuilder>? more = null) =>
        TestCluster.Running(await AlbaHost.For<Program>(b =>
        {
            b.UseSetting("ConnectionStrings:Timeline", connectionString);
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            // Wolverine's storage agents retry against a database a test has stopped (on purpose, or as it ends),
            // logging a stack trace a second per envelope: a failing test's assertion was buried under them.
            foreach (var agents in new[] { "Wolverine.RDBMS", "Wolverine.Runtime.WorkerQueues.DurableReceiver", "Wolverine.Runtime.Agents" })
                b.UseSetting($"Logging:LogLevel:{agents}", "Critical");
            b.UseSetting("Timeline:Seed", seed.ToString());
            b.UseSetting("Timeline:DataDirectory", Path.Combine(Path.GetTempPath(), "timeline-tests-data"));
            b.UseSetting("Timeline:ApiKeys:0:Name", "writer");
            b.UseSetting("Timeline:ApiKeys:0:Key", WriterKey);
            b.UseSetting("Timeline:ApiKeys:0:Rights:0", "write");
            b.UseSetting("Timeline:ApiKeys:1:Name", "admin-only");
            b.UseSetting("Timeline:ApiKeys:1:Key", AdminOnlyKey);
            b.UseSetting("Timeline:ApiKeys:1:Rights:0", "admin");
            b.UseSetting("Timeline:ApiKeys:2:Name", "other-writer");
            b.UseSetting("Timeline:ApiKeys:2:Key", OtherWriterKey);
            b.UseSetting("Timeline:ApiKeys:2:Rights:0", "write");
            b.UseSetting("Timeline:MaxStatementBytes", "16384");
            b.UseSetting("Timeline:SseHeartbeat", "00:00:01");
            b.UseSetting("Timeline:Webhooks:RetrySchedule:0", "00:00:00.300");
            b.UseSetting("Timeline:Webhooks:RetrySchedule:1", "00:00:00.600");
            b.UseSetting("Timeline:Webhooks:Timeout", "00:00:01");
            // Tests hammer one host from one address: limits of their own are tested apart.
            b.UseSetting("Timeline:Limits:ReadsPerSecond", "100000");
            b.UseSetting("Timeline:Limits:ReadBurst", "100000");
            b.UseSetting("Timeline:Limits:WritesPerSecond", "100000");
            b.UseSetting("Timeline:Limits:WriteBurst", "100000");
            b.UseSetting("Timeline:Limits:SsePerClient", "1000");
            // Other classes append to the shared host in parallel: an alert test's resume point must not fall out of reach.
            b.UseSetting("Timeline:Limits:AlertResumeEvents", "1000000");
            b.UseSetting("Timeline:AlertCacheEvents", "1000000"); // at least the resume limit (checked at start)
            // The receivers the tests run listen on loopback.
            b.UseSetting("Timeline:Webhooks:AllowPrivateAddresses", "true");
            b.UseSetting("Timeline:Feeds:AllowPrivateAddresses", "true"); // the outlets' feeds, likewise
            more?.Invoke(b);
        }));

    public async ValueTask DisposeAsync() => await TestCluster.StopAsync(Host);

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public async Task<int> EventCountAsync()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }

    public async Task<int> StreamEventCountAsync(Guid id)
    {
        await using var session = Store.QuerySession();
        return (await session.Events.FetchStreamAsync(id)).Count;
    }
}

/// <summary>The host most tests share; they keep apart by recording content of their own.</summary>
public sealed class SharedApp : AppFixture;

/// <summary>A host on a database no other class writes to, for tests that count every event.</summary>
public sealed class IsolatedApp : AppFixture
{
    protected override bool Seed => false;
}

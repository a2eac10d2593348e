// The service's own PostgreSQL: started from the machine's binaries when no connection string
// is configured, stopped with the service, and the data still there at the next start.
using System.Net;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Timeline.Hosting;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class EmbeddedDatabase : IDisposable
{
    readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"timeline-embedded-{Guid.NewGuid():N}");

    Task<IAlbaHost> StartService() => AlbaHost.For<Program>(b => b
        .UseSetting("TIMELINE_DATA_DIR", _dataDir)
        .UseSetting("Logging:LogLevel:Default", "Warning"));

    [Fact]
    public async Task statements_survive_a_restart_of_the_service_and_its_database()
    {
        Guid id;
        await using (var first = await StartService())
        {
            // No key configured: the service made one and keeps it in its data folder.
            var key = (await File.ReadAllTextAsync(Path.Combine(_dataDir, "api-key"), TestContext.Current.CancellationToken)).Trim();
            var (status, body, _) = await first.PostAsync("/api/statements", Api.Figure(Api.Unique()), key);
            Assert.Equal(HttpStatusCode.Created, status);
            id = body.GetProperty("id").GetGuid();
        }
        Assert.False(File.Exists(Path.Combine(_dataDir, "postgres", "data", "postmaster.pid")), "the embedded server should have stopped");

        await using var second = await StartService();
        var (again, statement) = await second.GetAsync($"/api/statements/{id}");
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(id, statement.GetProperty("id").GetGuid());
        // The seed loaded at both starts is still there once.
        var (_, page) = await second.GetAsync("/api/statements?limit=500");
        Assert.Equal(9, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public void without_server_binaries_the_message_says_how_to_install_them_or_where_to_point()
    {
        Assert.Null(EmbeddedPostgres.FindServerBinaries(path: "", debian: Path.Combine(_dataDir, "none")));
        Assert.Contains("apt-get install -y postgresql", EmbeddedPostgres.MissingBinaries);
        Assert.Contains("ConnectionStrings__Timeline", EmbeddedPostgres.MissingBinaries);
    }

    [Fact]
    public void the_newest_installed_server_is_found()
    {
        Assert.NotNull(EmbeddedPostgres.FindServerBinaries(path: ""));
    }

    public void Dispose()
    {
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

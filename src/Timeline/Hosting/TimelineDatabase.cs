// Where the service's PostgreSQL is: the configured server (ConnectionStrings:Timeline), or
// else the embedded cluster in the data folder, started here and stopped when the host stops.
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Timeline.Hosting;

public sealed class TimelineDatabase(string connectionString, EmbeddedPostgres? embedded) : IAsyncDisposable
{
    public const string DatabaseName = "timeline";

    public string ConnectionString { get; } = connectionString;
    public EmbeddedPostgres? Embedded { get; } = embedded;

    public static async Task<TimelineDatabase> ConnectAsync(IConfiguration configuration, string dataDirectory, ILogger logger)
    {
        if (configuration.GetConnectionString("Timeline") is { Length: > 0 } configured)
            return new TimelineDatabase(configured, null);
        var embedded = await EmbeddedPostgres.StartAsync(dataDirectory, logger);
        try
        {
            return new TimelineDatabase(await embedded.EnsureDatabaseAsync(DatabaseName), embedded);
        }
        catch
        {
            await embedded.StopAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Embedded is not null) await Embedded.StopAsync();
    }
}

/// <summary>Stops the embedded cluster when the host stops (and is awaited by it).</summary>
public sealed class EmbeddedDatabaseLifetime(TimelineDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public async Task StopAsync(CancellationToken ct) => await database.DisposeAsync();
}

/// <summary>Ready means the database answers.</summary>
public sealed class DatabaseHealthCheck(TimelineDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var conn = new NpgsqlConnection(database.ConnectionString);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("select 1", conn);
            await cmd.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy("The database answers.");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }
}

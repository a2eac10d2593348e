// Where the service's PostgreSQL is: the configured server (ConnectionStrings:Timeline), or
// else the embedded cluster in the data folder, started here and stopped when the host stops.
using System.Diagnostics;
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

// Stops the embedded cluster when the host stops (and is awaited by it).
public sealed class EmbeddedDatabaseLifetime(TimelineDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public async Task StopAsync(CancellationToken ct) => await database.DisposeAsync();
}

// Ready means the database answered a probe at most a second ago. /health/ready is public and exempt
// from the rate limiter, so a flood of it must not take connections the API needs: one probe runs at a
// time, and every request within a second of it shares its result.
public sealed class DatabaseHealthCheck(TimelineDatabase database) : IHealthCheck
{
    static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);
    static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    readonly Lock _gate = new();
    Task<HealthCheckResult>? _probe;
    long _probedAt; // Stopwatch ticks: an interval of the machine's, not the business clock
    long _probes;

    // How many probes have reached the database (what a flood of requests must not multiply).
    public long Probes => Interlocked.Read(ref _probes);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        lock (_gate)
        {
            // A probe under way is shared; a finished one is reused while fresh.
            if (_probe is null || _probe.IsCompleted && Stopwatch.GetElapsedTime(_probedAt) > Fresh)
                _probe = ProbeAsync();
            return _probe.WaitAsync(ct);
        }
    }

    // The last result no longer stands (the database was seen failing, or was restarted): the next request probes.
    public void Forget()
    {
        lock (_gate) _probedAt = 0;
    }

    async Task<HealthCheckResult> ProbeAsync()
    {
        Interlocked.Increment(ref _probes);
        // Not the caller's token: the probe is shared, and one client leaving must not fail it for the rest.
        using var timeout = new CancellationTokenSource(ProbeTimeout);
        HealthCheckResult result;
        try
        {
            await using var conn = new NpgsqlConnection(database.ConnectionString);
            await conn.OpenAsync(timeout.Token);
            await using var cmd = new NpgsqlCommand("select 1", conn);
            await cmd.ExecuteScalarAsync(timeout.Token);
            result = HealthCheckResult.Healthy("The database answers.");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or OperationCanceledException)
        {
            result = HealthCheckResult.Unhealthy("The database does not answer.");
        }
        lock (_gate) _probedAt = Stopwatch.GetTimestamp();
        return result;
    }
}

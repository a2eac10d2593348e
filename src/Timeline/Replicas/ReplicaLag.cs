// How far the read replica trails the primary, in events: sampled every second, exported as the
// gauge timeline.replica.lag and reported by GET /health/replica; the sample also tells the routing
// which replicas are past the lag limit.
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Timeline.EventLog;

namespace Timeline.Replicas;

public sealed class ReplicaLag : BackgroundService
{
    static readonly TimeSpan Every = TimeSpan.FromSeconds(1); // also how soon a replica past the lag limit stops answering
    readonly ReadRouting _routing;
    long _lag = -1; // -1: not known (no replica, or it cannot be read)

    public ReplicaLag(ReadRouting routing, IMeterFactory meters)
    {
        _routing = routing;
        meters.Create("Timeline.Replica").CreateObservableGauge("timeline.replica.lag", () => Math.Max(0, Interlocked.Read(ref _lag)), "{event}",
            "Events the slowest read replica has yet to replay (0 without a replica)");
    }

    public long? Lag => Interlocked.Read(ref _lag) is var lag && lag >= 0 ? lag : null;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (!_routing.HasReplica) return;
        using var timer = new PeriodicTimer(Every);
        do Interlocked.Exchange(ref _lag, await _routing.LagAsync(stop) ?? -1);
        while (await timer.WaitForNextTickAsync(stop));
    }
}

// Reports the last sample (at most a couple of seconds old), reading afresh only while there is none yet.
public sealed class ReplicaHealthCheck(ReadRouting routing, ReplicaLag lag) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!routing.HasReplica) return HealthCheckResult.Healthy("No read replica is configured: the primary answers every read.");
        return (lag.Lag ?? await routing.LagAsync(ct)) is { } events
            ? HealthCheckResult.Healthy(routing.ReplicaCount == 1 ? $"The read replica trails the primary by {events} events."
                    : $"The slowest of {routing.ReplicaCount} read replicas trails the primary by {events} events.",
                new Dictionary<string, object> { ["lag"] = events, ["replicas"] = routing.ReplicaCount })
            : HealthCheckResult.Degraded("No read replica can be read: the primary answers every read.");
    }
}

// When the database is away or busy: the embedded server is started again if it dies (on the same
// port, so every connection string stays right), and meanwhile requests that need it answer 503
// problem+json with Retry-After — no SQL, no stack trace — while /health/ready says unhealthy. A
// write that times out waiting for the append lock (or runs too long) is rolled back whole: 503.
using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Timeline.EventLog;

namespace Timeline.Hosting;

public sealed class EmbeddedDatabaseWatchdog(TimelineDatabase database, NpgsqlDataSource db, DatabaseHealthCheck readiness,
    ILogger<EmbeddedDatabaseWatchdog> logger) : BackgroundService
{
    static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (database.Embedded is not { } embedded) return;
        using var timer = new PeriodicTimer(Every);
        var realign = false;
        while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
        {
            try
            {
                if (await embedded.EnsureRunningAsync(stop))
                {
                    // Pooled connections to the server that died are dead too.
                    NpgsqlConnection.ClearAllPools();
                    db.Clear();
                    realign = true;
                    readiness.Forget();
                    logger.LogWarning("The embedded PostgreSQL server had stopped; started it again on port {Port}", embedded.Port);
                }
                if (!realign) continue;
                await LogUpkeep.RealignSequenceAsync(db, stop);
                realign = false;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                logger.LogError("The embedded PostgreSQL server is down and could not be started again: {Reason}", e.Message);
            }
        }
    }
}

// A request that failed because the database could not be reached answers 503, not 500.
public sealed class DatabaseUnavailable(DatabaseHealthCheck readiness, ILogger<DatabaseUnavailable> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (http.Response.HasStarted) return false;
        if (AppendOrder.TimedOut(exception) && HttpMethods.IsGet(http.Request.Method) && !http.RequestAborted.IsCancellationRequested)
        {
            // A read ran past its statement_timeout (Timeline:Limits:ReadTimeout): the question costs more than one answer may.
            http.Response.Headers.RetryAfter = "5";
            await TypedResults.Problem("The question took longer to answer than a read may. Ask a narrower one (fewer series, a shorter span, a smaller limit) or try again later.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Read timed out").ExecuteAsync(http);
            return true;
        }
        if (AppendOrder.TimedOut(exception))
        {
            // The write waited too long for its turn, or ran too long: rolled back whole.
            http.Response.Headers.RetryAfter = "2";
            await TypedResults.Problem("The event log is busy; the write timed out and nothing was recorded. Try again (with the same Idempotency-Key, if you sent one).",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service busy").ExecuteAsync(http);
            return true;
        }
        if (!IsUnreachable(exception)) return false;
        readiness.Forget(); // what a request just met, /health/ready says at once
        logger.LogWarning("A request could not reach the database: {Reason}", Innermost(exception).Message);
        http.Response.Headers.RetryAfter = "5";
        await TypedResults.Problem("The database cannot be reached just now. Nothing was recorded; try again in a few seconds.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable").ExecuteAsync(http);
        return true;
    }

    // Refused or broken connections, a server shutting down or starting, or just back from a crash with its
    // event sequence not yet realigned (a seq_id collision): not the request's fault.
    public static bool IsUnreachable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "pkey_mt_events_seq_id" }) return true;
            if (e is SocketException or TimeoutException) return true;
            if (e is PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" }) return true;
            if (e is NpgsqlException { IsTransient: true } and not PostgresException) return true;
            // A multi-host connection string with no host in the role asked for (no primary while
            // Patroni promotes a standby, say): Npgsql says so with a plain, non-transient exception.
            if (e is NpgsqlException and not PostgresException && FromHostSelection(e)) return true;
        }
        return false;
    }

    static bool FromHostSelection(Exception e)
    {
        for (var type = e.TargetSite?.DeclaringType; type is not null; type = type.DeclaringType)
            if (type == typeof(NpgsqlMultiHostDataSource)) return true;
        return false;
    }

    static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}

// The database the service runs on: the configured server or the embedded cluster, our own SQL's
// data sources, and what keeps the service answering while the database is away.
using Npgsql;
using Timeline.EventLog;
using Timeline.Http;

namespace Timeline.Hosting;

public static class DatabaseModule
{
    // Our own SQL (estimates, feeds): the hot queries are prepared once per connection and reused,
    // with their generic plans from the first use: they are written to read by index whatever the
    // parameters, and planning the as-of query afresh (custom plans) costs more than running it.
    public static NpgsqlDataSource OurSql(string connectionString, TimeSpan? statementTimeout = null)
    {
        var source = new NpgsqlDataSourceBuilder(connectionString);
        source.ConnectionStringBuilder.MaxAutoPrepare = 32;
        source.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        var timeout = statementTimeout is { } t ? $" -c statement_timeout={(long)Math.Ceiling(t.TotalMilliseconds)}" : "";
        source.ConnectionStringBuilder.Options = $"{source.ConnectionStringBuilder.Options} -c plan_cache_mode=force_generic_plan{timeout}".Trim();
        return source.Build();
    }

    // Anonymous reads run on connections of their own with a statement_timeout (Timeline:Limits:ReadTimeout),
    // so no question costs the database more than that per query; writes and background work keep theirs.
    public static TimeSpan ReadTimeout(IConfiguration configuration) =>
        configuration.GetSection(RequestLimits.Section).Get<RequestLimits>()?.ReadTimeout ?? new RequestLimits().ReadTimeout;

    public static IServiceCollection AddDatabase(this IServiceCollection services, TimelineDatabase database, IConfiguration configuration)
    {
        services.AddSingleton(database);
        services.AddSingleton(_ => OurSql(database.ConnectionString));
        services.AddKeyedSingleton(ReadSource.PrimaryKey, (_, _) => OurSql(database.ConnectionString, ReadTimeout(configuration)));
        // Registered first, so stopped last: the embedded cluster outlives every other hosted service.
        services.AddHostedService<EmbeddedDatabaseLifetime>();
        services.AddHostedService<EmbeddedDatabaseWatchdog>();
        services.AddSingleton<DatabaseHealthCheck>(); // one shared probe, whatever the number of requests
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddExceptionHandler<DatabaseUnavailable>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}

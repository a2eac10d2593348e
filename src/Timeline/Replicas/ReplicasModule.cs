// Reading from streaming replicas: the replica data sources (ConnectionStrings:TimelineReplica, hosts
// comma-separated), the routing that chooses per request, the lag sampler and its health check, and
// Marten's queries on the chosen source. Endpoints opt in with ReadFromReplica() (Http/) and read
// through ReadSource (EventLog/) or the services keyed ReadsFromReplica.Key.
using Marten;
using Npgsql;
using Timeline.EventLog;
using Timeline.Hosting;
using Timeline.Http;

namespace Timeline.Replicas;

public static class ReplicasModule
{
    public static IServiceCollection AddReadReplicas(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetConnectionString("TimelineReplica") is { Length: > 0 } replica)
            services.AddKeyedSingleton(ReadRouting.ReplicaKey, (_, _) =>
                new ReplicaSet(ReplicaSet.PerHost(replica).Select(r => DatabaseModule.OurSql(r, DatabaseModule.ReadTimeout(configuration))).ToList()));
        services.AddOptions<ReplicaOptions>().BindConfiguration(ReplicaOptions.FormerSection).BindConfiguration(ReplicaOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReadRouting>();
        services.AddSingleton<ReplicaLag>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplicaLag>());
        services.AddScoped<ReadSource>();
        // Marten's queries for endpoints marked ReadFromReplica: a repeatable-read snapshot of the chosen source.
        services.AddKeyedScoped<IQuerySession>(ReadsFromReplica.Key, (sp, _) =>
            sp.GetRequiredService<IDocumentStore>().QuerySession(Marten.Services.SessionOptions.ForTransaction(
                sp.GetRequiredService<ReadSource>().Snapshot(sp.GetRequiredKeyedService<NpgsqlDataSource>(ReadSource.PrimaryKey)))));
        services.AddHealthChecks().AddCheck<ReplicaHealthCheck>("replica", tags: ["replica"]);
        return services;
    }
}

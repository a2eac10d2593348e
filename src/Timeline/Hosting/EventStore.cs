// The event store: Marten on the service's database, one stream per statement, inline projections
// kept in the transaction of the append. Capabilities add their documents and projections through
// the callback (opts.ConfigureX()).
using JasperFx.Events.Daemon;
using Marten;
using Npgsql;
using Timeline.EventLog;
using Weasel.Core;

namespace Timeline.Hosting;

public static class EventStore
{
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventStore(
        this IServiceCollection services, TimelineDatabase database, Action<StoreOptions> capabilities) =>
        services.AddMarten(sp =>
            {
                var opts = new StoreOptions();
                // Appends repeat the same few statements (stream, event, document, fact): prepared once per
                // connection, PostgreSQL stops parsing and planning each of them for every statement recorded.
                opts.Connection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString);
                opts.Logger(new DiscreetMartenLogger(sp.GetRequiredService<ILogger<IDocumentStore>>()));
                opts.DatabaseSchemaName = LogTables.Schema;
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString);
                opts.Events.EnableUniqueIndexOnEventId = true;
                opts.Events.IgnoreIndex(LogTables.RecordedIndex);
                opts.OpenTelemetry.TrackConnections = JasperFx.OpenTelemetry.TrackLevel.Normal;
                opts.OpenTelemetry.TrackEventCounters();
                // Rich appends give inline projections each event's sequence and timestamp (the recording order).
                opts.Events.AppendMode = JasperFx.Events.EventAppendMode.Rich;
                // A projection or subscription that cannot apply an event stops and says so, in the daemon
                // and in a rebuild alike: an event skipped in silence would be a figure missing for good.
                foreach (var errors in new[] { opts.Projections.Errors, opts.Projections.RebuildErrors })
                {
                    errors.SkipApplyErrors = false;
                    errors.SkipSerializationErrors = false;
                    errors.SkipUnknownEvents = false;
                }
                capabilities(opts);
                return opts;
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            // The daemon runs subscriptions (webhook fan-out) on one node at a time, in sequence order.
            .AddAsyncDaemon(DaemonMode.HotCold);
}

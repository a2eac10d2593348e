// Per request, for endpoints that may read from a replica: which source answers, chosen from the
// basis the query asks for (knownAt, knownFrom, knownTo as a basis or an instant); named in the
// Timeline-Read-From header. A paging cursor carries a basis this cannot see: those pages are read
// from the primary.
using Npgsql;
using Timeline.EventLog;
using Timeline.Http;

namespace Timeline.Replicas;

public static class ReplicaReads
{
    public const string Header = ReadsFromReplica.Header;

    public static IApplicationBuilder UseReplicaReads(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var routing = http.RequestServices.GetRequiredService<ReadRouting>();
            if (!routing.HasReplica || http.GetEndpoint()?.Metadata.GetMetadata<ReadsFromReplica>() is null)
            {
                await next();
                return;
            }
            var query = http.Request.Query;
            var source = http.RequestServices.GetRequiredService<ReadSource>();
            if (string.IsNullOrEmpty(query["cursor"]))
            {
                long? wanted = null;
                var primary = http.RequestServices.GetRequiredService<NpgsqlDataSource>();
                foreach (var name in new[] { "knownAt", "knownFrom", "knownTo" })
                {
                    var text = query[name].ToString();
                    if (text.Length == 0) continue;
                    // Read as the endpoint will read it; what it cannot read, the endpoint answers (400) itself.
                    var (given, at) = Fields.KnownAt(text, new FieldErrors(), name);
                    var basis = given ?? (at is { } instant ? await LogTables.BasisAtAsync(primary, instant, http.RequestAborted) : null);
                    if (basis > (wanted ?? -1)) wanted = basis;
                }
                (source.Chosen, source.Replayed) = await routing.ChooseAsync(wanted, http.RequestAborted);
                source.FromReplica = source.Replayed is not null;
            }
            http.Response.Headers[Header] = source.FromReplica ? "replica" : "primary";
            await next();
        });
}

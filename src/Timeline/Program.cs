// Timeline: who said what, when, about the war — recorded as immutable events.
using Microsoft.AspNetCore.HttpOverrides;
using System.Text.Json;
using System.Text.Json.Serialization;
using JasperFx;
using JasperFx.CodeGeneration;
using Marten;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using JasperFx.Events.Daemon;
using Npgsql;
using Scalar.AspNetCore;
using Timeline.Admin;
using Timeline.Articles;
using Timeline.Estimates;
using Timeline.EventLog;
using Timeline.Feed;
using Timeline.Feed.Pushpin;
using Timeline.Hosting;
using Timeline.Http;
using Timeline.Negotiations;
using Timeline.Security;
using Timeline.Seed;
using Timeline.Statements;
using Timeline.TimelineView;
using Timeline.Webhooks;
using Weasel.Core;
using Wolverine;
using Wolverine.Marten;

// `Timeline probe <url>`: the container health check (the runtime image has no curl). 0 when it answers 2xx.
if (args is ["probe", var probeUrl])
{
    using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
    try { return (await probe.GetAsync(probeUrl)).IsSuccessStatusCode ? 0 : 1; }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return 1; }
}

var builder = WebApplication.CreateBuilder(args);
// Before the host exists (starting the embedded database, finding the key), log as the host will.
using var bootLog = LoggerFactory.Create(l => l.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole());
var log = bootLog.CreateLogger("Timeline");

// Listen on loopback unless told otherwise (ASPNETCORE_URLS / --urls), within deliberate limits.
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://127.0.0.1:5080");
builder.SetServerLimits();

// Settings, validated before anything starts.
var dataDirectory = TimelineOptions.DefaultDataDirectory(builder.Configuration);
builder.Services.AddOptions<TimelineOptions>()
    .Bind(builder.Configuration.GetSection(TimelineOptions.Section))
    .PostConfigure(o => o.DataDirectory = dataDirectory)
    .ValidateDataAnnotations()
    .ValidateOnStart();

// The keys, and the database: the configured server, or our own embedded PostgreSQL cluster.
// Either failing stops the start with one clear line (no stack trace).
ApiKeyRing keys;
TimelineDatabase database;
try
{
    keys = ApiKeyRing.Resolve(builder.Configuration, dataDirectory, log);
    database = await TimelineDatabase.ConnectAsync(builder.Configuration, dataDirectory, log);
}
catch (Exception e) when (e is EmbeddedPostgresException or Microsoft.Extensions.Options.OptionsValidationException)
{
    log.LogCritical("Timeline cannot start: {Message}", e.Message);
    return 1;
}
builder.Services.AddSingleton(database);
// Our own SQL (estimates, feeds): the hot queries are prepared once per connection and reused,
// with their generic plans from the first use: they are written to read by index whatever the
// parameters, and planning the as-of query afresh (custom plans) costs more than running it.
static NpgsqlDataSource OurSql(string connectionString, TimeSpan? statementTimeout = null)
{
    var source = new NpgsqlDataSourceBuilder(connectionString);
    source.ConnectionStringBuilder.MaxAutoPrepare = 32;
    source.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
    var timeout = statementTimeout is { } t ? $" -c statement_timeout={(long)Math.Ceiling(t.TotalMilliseconds)}" : "";
    source.ConnectionStringBuilder.Options = $"{source.ConnectionStringBuilder.Options} -c plan_cache_mode=force_generic_plan{timeout}".Trim();
    return source.Build();
}
builder.Services.AddSingleton(_ => OurSql(database.ConnectionString));
// Anonymous reads run on connections of their own with a statement_timeout (Timeline:Limits:ReadTimeout),
// so no question costs the database more than that per query; writes and background work keep theirs.
var readTimeout = builder.Configuration.GetSection(RequestLimits.Section).Get<RequestLimits>()?.ReadTimeout ?? new RequestLimits().ReadTimeout;
builder.Services.AddKeyedSingleton(TimedReads, (_, _) => OurSql(database.ConnectionString, readTimeout));
// Streaming replicas, if given (hosts comma-separated), answer the reads that may be served from one (see ReadRouting).
if (builder.Configuration.GetConnectionString("TimelineReplica") is { Length: > 0 } replica)
    builder.Services.AddKeyedSingleton(ReadRouting.ReplicaKey, (_, _) => new ReplicaSet(ReplicaSet.PerHost(replica).Select(r => OurSql(r, readTimeout)).ToList()));
builder.Services.AddOptions<ReplicaOptions>().BindConfiguration(ReplicaOptions.FormerSection).BindConfiguration(ReplicaOptions.Section)
    .ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<ReadRouting>();
builder.Services.AddSingleton<ReplicaLag>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ReplicaLag>());
builder.Services.AddScoped<ReadSource>();
// Reads marked ReadFromReplica (estimates, history, changes, replay, timeline, negotiations,
// statements, articles) from where the request's routing chose: our SQL, and Marten's queries.
builder.Services.AddKeyedScoped(ReadsFromReplica.Key, (sp, _) =>
    new FactStore(sp.GetRequiredService<ReadSource>().Chosen ?? sp.GetRequiredKeyedService<NpgsqlDataSource>(TimedReads)));
builder.Services.AddKeyedScoped<IQuerySession>(ReadsFromReplica.Key, (sp, _) =>
    sp.GetRequiredService<IDocumentStore>().QuerySession(Marten.Services.SessionOptions.ForTransaction(
        sp.GetRequiredService<ReadSource>().Snapshot(sp.GetRequiredKeyedService<NpgsqlDataSource>(TimedReads)))));
// Registered first, so stopped last: the embedded cluster outlives every other hosted service.
builder.Services.AddHostedService<EmbeddedDatabaseLifetime>();
builder.Services.AddHostedService<EmbeddedDatabaseWatchdog>();
builder.Services.AddSingleton(TimeProvider.System);

// The event store: one stream per statement, projections kept in the same transaction.
builder.Services.AddMarten(services =>
    {
        var opts = new StoreOptions();
        // Appends repeat the same few statements (stream, event, document, fact): prepared once per
        // connection, PostgreSQL stops parsing and planning each of them for every statement recorded.
        opts.Connection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString);
        opts.Logger(new DiscreetMartenLogger(services.GetRequiredService<ILogger<IDocumentStore>>()));
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
        opts.ConfigureStatements();
        opts.ConfigureArticles();
        opts.ConfigureEstimates();
        opts.ConfigureWebhooks();
        return opts;
    })
    .UseLightweightSessions()
    .ApplyAllDatabaseChangesOnStartup()
    // The daemon runs subscriptions (webhook fan-out) on one node at a time, in sequence order.
    .AddAsyncDaemon(DaemonMode.HotCold)
    .AddSubscriptionWithServices<WebhookFanOut>(ServiceLifetime.Singleton)
    .IntegrateWithWolverine();
// Once Marten's tables exist (its start-up ran first): our index on the log, the sequence realigned.
builder.Services.AddHostedService<LogUpkeep>();

// Messaging with a durable inbox in the same database: webhook deliveries and their scheduled retries.
builder.Host.UseWolverine(opts =>
{
    // Handlers live here, whichever assembly started the process (a test runner, say).
    opts.ApplicationAssembly = typeof(Program).Assembly;
    // Balanced: several instances may share the database, and recover each other's pending work.
    opts.Durability.Mode = DurabilityMode.Balanced;
    opts.ConfigureWebhookDelivery();
});
// Wolverine compiles its handler adapters at start (WolverineFx.RuntimeCompilation): nothing
// generated is committed or written to disk, so it can never be stale.
builder.Services.CritterStackDefaults(x =>
{
    x.Development.GeneratedCodeMode = TypeLoadMode.Dynamic;
    x.Production.GeneratedCodeMode = TypeLoadMode.Dynamic;
});

// Capabilities, each registering what it needs.
builder.Services.AddStatements();
builder.Services.AddArticles();
builder.Services.AddEstimates();
builder.Services.AddFeeds();
builder.Services.AddPushpin(builder.Configuration); // Pushpin in front, when enabled: one instance publishes, the engine holds the streams
builder.Services.AddWebhooks(builder.Configuration);
builder.Services.AddAdmin();
builder.Services.AddHostedService<SeedLoader>(); // the seed article's statements, idempotently

// Writes need an API key; reads are open.
builder.Services.AddApiKeys(keys);

// Traces and metrics (OpenTelemetry): /metrics, and OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
builder.AddTelemetry();

// HTTP: camelCase JSON with kebab-case vocabularies, RFC 9457 problems, OpenAPI, health.
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
    o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
});
builder.Services.AddRateLimits(builder.Configuration);
builder.Services.AddHttpCaching();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<DatabaseUnavailable>();
builder.Services.AddOpenApi(o => o.DescribeAbsentNulls().DescribeCommonAnswers());
builder.Services.AddBindingProblems();
builder.Services.AddSingleton<DatabaseHealthCheck>(); // one shared probe, whatever the number of requests
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
    .AddCheck<ReplicaHealthCheck>("replica", tags: ["replica"]);

var app = builder.Build();

// Behind a reverse proxy (nginx in the one-box topology) the client is the one it names: trusted
// only from loopback by default, or from the proxies listed in Timeline:TrustedProxies.
var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
foreach (var proxy in builder.Configuration.GetSection("Timeline:TrustedProxies").Get<string[]>() ?? [])
    forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
app.UseForwardedHeaders(forwarded);
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseRequestTargetCheck(); // '.', '..' and over-long targets, as sent, before routing resolves them
app.UseControlCharacterCheck();
app.UseRateLimiter();
app.UseStatusCodePages();
// The page at / (wwwroot): every asset it needs is served from here, none from elsewhere.
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseReplicaReads(); // which database answers this read: a replica that has reached its basis, else the primary
app.UseHttpCaching(); // ETag by basis, 304, Cache-Control: after routing, so each endpoint's caching is known

app.MapStatements();
app.MapArticles();
app.MapEstimates();
app.MapTimeline();
app.MapNegotiations();
app.MapFeeds();
app.MapWebhooks();
app.MapAdmin();

app.MapMetrics();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
app.MapHealthChecks("/health/replica", new HealthCheckOptions
{
    Predicate = c => c.Tags.Contains("replica"),
    // The lag in words: "trails the primary by 3 events", or that the primary answers every read.
    ResponseWriter = (http, report) => http.Response.WriteAsync(report.Entries["replica"].Description ?? report.Status.ToString()),
});
app.MapOpenApi();
// Fonts and telemetry would come from scalar.com; the reference page's policy lets it reach only us.
app.MapScalarApiReference("/docs", o => o.WithTitle("Timeline API").DisableDefaultFonts().DisableTelemetry());

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    foreach (var address in addresses)
        app.Logger.LogInformation("Timeline is answering at {Url} (API reference: {Url}/docs)", address, address);
});
// Command-line runs (projections, codegen) never start the host: stop the cluster when the process ends.
AppDomain.CurrentDomain.ProcessExit += (_, _) => database.DisposeAsync().AsTask().GetAwaiter().GetResult();

// A command (`projections`, `codegen`, `help`...) goes to JasperFx; otherwise the service just runs
// (JasperFx's command discovery would print a dozen lines at every start).
if (args.FirstOrDefault() is { } verb && !verb.StartsWith('-')) return await app.RunJasperFxCommands(args);
try
{
    await app.RunAsync();
    return 0;
}
catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    app.Logger.LogCritical("Timeline could not start: {Reason} Choose another with --urls or ASPNETCORE_URLS.", e.Message);
    return 1;
}

public partial class Program
{
    /// <summary>The data source of anonymous reads on the primary: with the read statement_timeout.</summary>
    const string TimedReads = "timed-reads";
}

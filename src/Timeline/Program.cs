// Timeline: who said what, when, about the war — recorded as immutable events.
using Timeline.Admin;
using Timeline.Articles;
using Timeline.Estimates;
using Timeline.Feed;
using Timeline.Feed.Pushpin;
using Timeline.Hosting;
using Timeline.Http;
using Timeline.Negotiations;
using Timeline.Outlets;
using Timeline.Replicas;
using Timeline.Review;
using Timeline.Security;
using Timeline.Seed;
using Timeline.Statements;
using Timeline.TimelineView;
using Timeline.Webhooks;
using Wolverine.Marten;

if (args is ["probe", var probeUrl]) return await ServiceRun.ProbeAsync(probeUrl); // the container's health check

var builder = WebApplication.CreateBuilder(args);
using var bootLog = LoggerFactory.Create(l => l.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole());
var log = bootLog.CreateLogger("Timeline"); // before the host exists, log as the host will
builder.SetServerLimits(); // loopback unless told otherwise, within deliberate limits
var dataDirectory = builder.AddTimelineOptions();

if (await log.OrSayWhyAsync(() => Task.FromResult(ApiKeyRing.Resolve(builder.Configuration, dataDirectory, log))) is not { } keys
    || await log.OrSayWhyAsync(() => TimelineDatabase.ConnectAsync(builder.Configuration, dataDirectory, log)) is not { } database) return 1;
builder.Services.AddDatabase(database, builder.Configuration); // the configured server, or our own embedded PostgreSQL cluster
builder.Services.AddReadReplicas(builder.Configuration); // reads marked ReadFromReplica, from a replica that has reached their basis

// The event store (one stream per statement, projections in the append's transaction) and durable messaging.
builder.Services.AddEventStore(database, opts =>
    {
        opts.ConfigureStatements();
        opts.ConfigureArticles();
        opts.ConfigureReview();
        opts.ConfigureEstimates();
        opts.ConfigureWebhooks();
        opts.ConfigureOutlets();
    })
    .AddSubscriptionWithServices<WebhookFanOut>(ServiceLifetime.Singleton).IntegrateWithWolverine();
builder.Services.AddHostedService<Timeline.EventLog.LogUpkeep>(); // once Marten's tables exist: our index on the log, the sequence realigned
builder.AddMessaging(opts => { opts.ConfigureWebhookDelivery(); opts.ConfigureFeedPolling(); }); // Wolverine, with its durable inbox in the same database

// Capabilities, each registering what it needs.
builder.Services.AddStatements();
builder.Services.AddArticles();
builder.Services.AddReview();
builder.Services.AddEstimates();
builder.Services.AddNegotiations();
builder.Services.AddFeeds();
builder.Services.AddPushpin(builder.Configuration); // Pushpin in front, when enabled: one instance publishes, the engine holds the streams
builder.Services.AddWebhooks(builder.Configuration);
builder.Services.AddOutlets(builder.Configuration);
builder.Services.AddAdmin();
builder.Services.AddHostedService<SeedLoader>(); // the seed article's statements, idempotently

builder.Services.AddApiKeys(keys); // writes need an API key; reads are open
builder.AddTelemetry(); // traces and metrics: /metrics, and OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set
builder.Services.AddHttpApi(); // camelCase JSON with kebab-case vocabularies, RFC 9457 problems, OpenAPI
builder.Services.AddRateLimits(builder.Configuration);
builder.Services.AddHttpCaching();

var app = builder.Build();
app.UseTrustedProxies(builder.Configuration); // the client a trusted reverse proxy names
app.UseRequestChecks(); // security headers, problems, targets and characters as sent, rate limits
app.UseDefaultFiles().UseStaticFiles(); // the page at / (wwwroot): every asset it needs is served from here, none from elsewhere
app.UseAuthentication().UseAuthorization();
app.UseReplicaReads(); // which database answers this read: a replica that has reached its basis, else the primary
app.UseHttpCaching(); // ETag by basis, 304, Cache-Control: after routing, so each endpoint's caching is known

app.MapStatements(); app.MapArticles(); app.MapReview(); app.MapEstimates(); app.MapTimeline(); app.MapNegotiations();
app.MapFeeds(); app.MapWebhooks(); app.MapOutlets(); app.MapAdmin();
app.MapMetrics(); app.MapHealth(); app.MapApiReference(); // metrics, health, OpenAPI and its reference page at /docs

return await app.RunServiceAsync(args, database);

// Traces and metrics with OpenTelemetry: ASP.NET Core, outbound HTTP (webhooks), Npgsql, Marten
// and Wolverine all emit them; Timeline's own instruments live with the capability they count
// (meters named Timeline.*). Metrics are scraped at /metrics (Prometheus text); with the standard
// OTEL_EXPORTER_OTLP_ENDPOINT set, traces are made and both are pushed there by OTLP.
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Timeline.Hosting;

public static class Telemetry
{
    static readonly string[] Sources = ["Npgsql", "Marten", "Wolverine"];

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("timeline", serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()));
        // Spans are made only when there is somewhere to send them: recorded and dropped, they would
        // cost every request for nothing.
        if (otlp)
            otel.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/metrics"))
                .AddHttpClientInstrumentation()
                .AddSource(Sources));
        otel.WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(Sources)
                .AddMeter("Timeline.*")
                .AddPrometheusExporter());
        if (otlp) otel.UseOtlpExporter();
        return builder;
    }

    // GET /metrics: every instrument, in the Prometheus text format.
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}

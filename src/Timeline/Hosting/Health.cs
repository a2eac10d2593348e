// Health: live (the process answers), ready (the database answers), replica (how far the read
// replicas trail, in words). Each check registers itself with its capability, tagged for its page.
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Timeline.Hosting;

public static class Health
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapHealthChecks("/health/replica", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("replica"),
            // The lag in words: "trails the primary by 3 events", or that the primary answers every read.
            ResponseWriter = (http, report) => http.Response.WriteAsync(report.Entries["replica"].Description ?? report.Status.ToString()),
        });
        return app;
    }
}

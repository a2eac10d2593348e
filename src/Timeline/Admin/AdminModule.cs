// The admin capability: rebuilding every projection (ProjectionRebuilder) and following its progress.
using Timeline.Http;

namespace Timeline.Admin;

public static class AdminModule
{
    public static IServiceCollection AddAdmin(this IServiceCollection services) =>
        services.AddSingleton<ProjectionRebuilder>();

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        // Made now, so its instruments report from the start rather than after the first rebuild.
        app.ServiceProvider.GetRequiredService<ProjectionRebuilder>();
        var admin = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(Rights.Admin);
        admin.MapPost("/projections/rebuild", RebuildProjections.Start)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Rebuild every projection from the event log; reads go on meanwhile");
        admin.MapGet("/projections", RebuildProjections.Progress)
            .WithSummary("The projections and the progress of the latest rebuild");
        return app;
    }
}

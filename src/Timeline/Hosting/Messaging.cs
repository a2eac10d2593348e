// Messaging with a durable inbox in the same database (Wolverine): capabilities add their queues
// through the callback.
using JasperFx;
using JasperFx.CodeGeneration;
using Wolverine;

namespace Timeline.Hosting;

public static class Messaging
{
    public static WebApplicationBuilder AddMessaging(this WebApplicationBuilder builder, Action<WolverineOptions> capabilities)
    {
        builder.Host.UseWolverine(opts =>
        {
            // Handlers live here, whichever assembly started the process (a test runner, say).
            opts.ApplicationAssembly = typeof(Messaging).Assembly;
            // Balanced: several instances may share the database, and recover each other's pending work.
            opts.Durability.Mode = DurabilityMode.Balanced;
            capabilities(opts);
        });
        // Wolverine compiles its handler adapters at start (WolverineFx.RuntimeCompilation): nothing
        // generated is committed or written to disk, so it can never be stale.
        builder.Services.CritterStackDefaults(x =>
        {
            x.Development.GeneratedCodeMode = TypeLoadMode.Dynamic;
            x.Production.GeneratedCodeMode = TypeLoadMode.Dynamic;
        });
        return builder;
    }
}

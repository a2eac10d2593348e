// How the process runs: the container's probe, a command for JasperFx, or the service itself.
using JasperFx;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Timeline.Hosting;

public static class ServiceRun
{
    // `Timeline probe <url>`: the container health check (the runtime image has no curl). 0 when it answers 2xx.
    public static async Task<int> ProbeAsync(string url)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
        try { return (await probe.GetAsync(url)).IsSuccessStatusCode ? 0 : 1; }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return 1; }
    }

    // A start-up step (finding the keys, reaching the database) that fails with one clear line, no stack trace: null then.
    public static async Task<T?> OrSayWhyAsync<T>(this ILogger log, Func<Task<T>> step) where T : class
    {
        try { return await step(); }
        catch (Exception e) when (e is EmbeddedPostgresException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            log.LogCritical("Timeline cannot start: {Message}", e.Message);
            return null;
        }
    }

    public static async Task<int> RunServiceAsync(this WebApplication app, string[] args, TimelineDatabase database)
    {
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
    }
}

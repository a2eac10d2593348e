// Pushpin in front of the instances, when Timeline:Pushpin:Enabled: the publisher (one instance at
// a time) and the subscribe answers for Pushpin. Off, nothing of it runs and subscribers are held
// by the instances as before.

namespace Timeline.Feed.Pushpin;

public static class PushpinModule
{
    public static IServiceCollection AddPushpin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PushpinOptions>().BindConfiguration(PushpinOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (!configuration.GetSection(PushpinOptions.Section).GetValue<bool>(nameof(PushpinOptions.Enabled))) return services;
        services.AddHttpClient(nameof(PushpinPublisher), c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<PublishedHeads>();
        services.AddSingleton<GripHold>();
        services.AddHostedService<PushpinPublisher>();
        return services;
    }
}

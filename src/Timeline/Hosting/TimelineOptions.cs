// The service's typed settings (section "Timeline"), validated when the host starts.
using System.ComponentModel.DataAnnotations;

namespace Timeline.Hosting;

public sealed class TimelineOptions
{
    public const string Section = "Timeline";

    // Where the embedded database and the generated API key live (env TIMELINE_DATA_DIR).
    [Required] public string DataDirectory { get; set; } = "";

    // Load the seed article's statements at start (idempotent).
    public bool Seed { get; set; } = true;

    public static string DefaultDataDirectory(IConfiguration configuration)
    {
        if (configuration["TIMELINE_DATA_DIR"] is { Length: > 0 } fromEnv) return Path.GetFullPath(fromEnv);
        if (configuration[$"{Section}:DataDirectory"] is { Length: > 0 } configured) return Path.GetFullPath(configured);
        // As root, the server runs as `postgres`, who cannot enter /root: keep system-wide data where daemons keep theirs.
        if (!OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess) return "/var/lib/timeline";
        var userData = Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg
            ? xdg
            : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        return Path.Combine(userData, "timeline");
    }
}

public static class TimelineOptionsModule
{
    // Settings, validated before anything starts; the data directory is needed before the host exists.
    public static string AddTimelineOptions(this WebApplicationBuilder builder)
    {
        var dataDirectory = TimelineOptions.DefaultDataDirectory(builder.Configuration);
        builder.Services.AddOptions<TimelineOptions>()
            .Bind(builder.Configuration.GetSection(TimelineOptions.Section))
            .PostConfigure(o => o.DataDirectory = dataDirectory)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return dataDirectory;
    }
}

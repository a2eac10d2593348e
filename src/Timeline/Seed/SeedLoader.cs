// Records the seed article's statements at start. Safe to run on every start: recording is
// idempotent, so statements already there are reported as duplicates and nothing is doubled.
using System.Text.Json;
using Microsoft.Extensions.Options;
using Timeline.Hosting;
using Timeline.Statements;
using Timeline.Http;

namespace Timeline.Seed;

public sealed class SeedLoader(StatementRecorder recorder, TimeProvider clock, IOptions<TimelineOptions> options, ILogger<SeedLoader> logger)
    : IHostedService
{
    public static string StatementsFile => Path.Combine(AppContext.BaseDirectory, "Seed", "statements.json");
    public static string ArticleFile => Path.Combine(AppContext.BaseDirectory, "Seed", "article.txt");

    public async Task StartAsync(CancellationToken ct)
    {
        if (!options.Value.Seed) return;
        var statements = Read(clock.Today()).Select(s => s with { RecordedBy = "seed" }).ToList();
        var result = await recorder.RecordAsync(statements, null, null, ct);
        logger.LogInformation("Seed: {Count} statements from the seed article, {New} newly recorded",
            statements.Count, result.Items.Count(i => !i.Duplicate));
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>The seed statements, validated exactly as the API validates them.</summary>
    public static IReadOnlyList<NewStatement> Read(DateOnly today)
    {
        var requests = JsonSerializer.Deserialize<List<StatementRequest>>(File.ReadAllBytes(StatementsFile), JsonBody.Options) ?? [];
        var errors = new FieldErrors();
        var statements = requests.Select((r, i) => StatementValidation.Validate(r, today, errors, $"items[{i}].")).ToList();
        if (errors.Any)
            throw new InvalidOperationException("The seed file is invalid: " + JsonSerializer.Serialize(errors.ToDictionary()));
        return statements.Select(s => s!).ToList();
    }
}

// The figure facts of a test's own party, read straight from the store, and the estimates rule
// in its plainest form (every statement worked out in full) — the reference the service's rules,
// in SQL and incremental C#, are held to.
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Estimates;
using Timeline.Statements;

namespace Timeline.Tests.Support;

public static class Facts
{
    /// <summary>Every fact of the party's military series for these measures, once each, in recording order.</summary>
    public static async Task<IReadOnlyList<Fact>> OfPartyAsync(IAlbaHost host, string party, params string[] measures)
    {
        var store = host.Services.GetRequiredService<FactStore>();
        var all = new List<Fact>();
        foreach (var measure in measures) all.AddRange(await store.ForSeriesAsync($"{party}-military-{measure}", long.MaxValue, default));
        return all.DistinctBy(f => f.EventId).OrderBy(f => f.Seq).ToList();
    }

    /// <summary>The naive rule: each statement's standing figure as of the date, known at the basis; then per series, per source.</summary>
    public static IReadOnlyList<SeriesEstimate> NaiveEstimates(IEnumerable<Fact> facts, DateOnly asOf, long basis)
    {
        var standing = new List<(Series Series, FigureEntry Entry)>();
        foreach (var statement in facts.Where(f => f.Seq <= basis && f.StatedOn <= asOf).GroupBy(f => f.StatementId))
        {
            if (statement.Any(f => f.Change == Change.Retracted)) continue;
            if (statement.FirstOrDefault(f => f.Change == Change.Reported) is not { } report) continue;
            var stands = statement.Where(f => f.Change is Change.Reported or Change.Corrected).MaxBy(f => (f.StatedOn, f.Seq))!;
            standing.Add((stands.Series!, EstimateCalculator.Entry(stands, report.Seq)));
        }
        return standing.GroupBy(s => s.Series.Id)
            .Select(g => EstimateCalculator.Estimate(g.First().Series, g.Select(s => s.Entry)))
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
    }
}

// The estimates rules, as pure functions over figure facts, on two time axes:
//   asOf  (valid time)  — only what was stated on or before that date counts;
//   basis (system time) — only what was recorded at or before that global sequence counts.
// A correction counts from its own statedOn, the one stated last standing (ties: recorded
// later); a retraction removes the statement from its statedOn on. Recording order never
// matters beyond the basis cut, so backfills change answers only for the dates they concern.
using Timeline.Statements;

namespace Timeline.Estimates;

public sealed record Fact(
    Guid EventId, long Seq, DateTimeOffset RecordedAt, Guid StatementId, Change Change,
    DateOnly StatedOn, DateOnly StatementStatedOn, string StatedBy, string SourceKey,
    Series? Series, long? Value, long? Low, long? High, Qualifier? Qualifier, Attribution? Attribution,
    string? Qualitative, string Quote, Source Source);

// A source's figure as it stands: the statement's date, its values after any correction.
public sealed record FigureEntry(
    Guid StatementId, DateOnly StatedOn, string StatedBy, Attribution? Attribution,
    long? Value, long? Low, long? High, Qualifier? Qualifier, string? Qualitative,
    string Quote, Source Source, DateOnly? CorrectedOn, long Sequence)
{
    internal string SourceKey => EstimateFactsProjection.SourceKey(StatedBy);
}

public sealed record Range(long Low, long High);

public sealed record SeriesEstimate(
    string Id, string Label, string Party, Group Group, Measure Measure, SeriesPeriod Period,
    FigureEntry Latest, IReadOnlyList<FigureEntry> BySource, Range? Range);

public sealed record HistoryEntry(
    Guid StatementId, DateOnly StatedOn, string StatedBy, Change Change,
    long? Value, long? Low, long? High, Qualifier? Qualifier, string? Qualitative, FigureEntry? Previous)
{
    // The source's figure in the series right after this entry (what a chart steps to).
    public FigureEntry? After { get; init; }
}

public static class EstimateCalculator
{
    // Estimates from figures already standing (FactStore.StandingAsync): one per series and source.
    public static IReadOnlyList<SeriesEstimate> Estimates(IEnumerable<(Fact Fact, long ReportSeq)> standing) =>
        standing
            .GroupBy(s => s.Fact.Series!.Id)
            .Select(g => Estimate(g.First().Fact.Series!, g.Select(s => Entry(s.Fact, s.ReportSeq))))
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .ToList();

    internal static SeriesEstimate Estimate(Series series, IEnumerable<FigureEntry> entries)
    {
        var bySource = entries.GroupBy(e => e.SourceKey)
            .Select(g => g.MaxBy(e => (e.StatedOn, e.Sequence))!)
            .OrderBy(e => e.StatedBy, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var latest = bySource.MaxBy(e => (e.StatedOn, e.Sequence))!;
        var numbers = bySource.Where(e => e.Value is not null || e.Low is not null).ToList();
        Range? range = numbers.Count == 0 ? null
            : new Range(numbers.Min(e => e.Low ?? e.Value!.Value), numbers.Max(e => e.High ?? e.Value!.Value));
        return new SeriesEstimate(series.Id, series.Label, series.Party, series.Group, series.Measure, series.Period, latest, bySource, range);
    }

    // The same figures from the same statements: each source's standing entry equal, in the same order.
    public static bool SameEstimate(SeriesEstimate? a, SeriesEstimate? b) =>
        a is null ? b is null : b is not null && a.BySource.SequenceEqual(b.BySource);

    internal static FigureEntry Entry(Fact f, long reportSeq) => new(
        f.StatementId, f.StatementStatedOn, f.StatedBy, f.Attribution, f.Value, f.Low, f.High, f.Qualifier, f.Qualitative,
        f.Quote, f.Source, f.Change == Change.Corrected ? f.StatedOn : null, reportSeq);
}

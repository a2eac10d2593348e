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

/// <summary>A source's figure as it stands: the statement's date, its values after any correction.</summary>
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
    /// <summary>The source's figure in the series right after this entry (what a chart steps to).</summary>
    public FigureEntry? After { get; init; }
}

public static class EstimateCalculator
{
    /// <summary>Estimates from figures already standing (<see cref="FactStore.StandingAsync"/>): one per series and source.</summary>
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

    /// <summary>
    /// Every report, correction and retraction touching the series, in statedOn order, each with
    /// the source's figure in the series just before it. Facts must be all facts of the
    /// statements that ever were in the series.
    /// </summary>
    public static IReadOnlyList<HistoryEntry> History(IReadOnlyList<Fact> facts, string seriesId, long basis, DateOnly? from, DateOnly? to)
    {
        var known = facts.Where(f => f.Seq <= basis).OrderBy(f => f.StatedOn).ThenBy(f => f.Seq).ToList();
        if (known.FirstOrDefault(f => f.Series?.Id == seriesId)?.Series is not { } series) return [];
        var inSeries = known.Where(f => f.Series?.Id == seriesId).Select(f => f.StatementId).ToHashSet();
        var entries = new List<HistoryEntry>();
        // Replayed in statedOn order, each listed change with the source's figure just before and just after it.
        var replay = new SeriesReplay(series);
        foreach (var f in known)
        {
            var touches = f.Series?.Id == seriesId || (f.Change == Change.Retracted && inSeries.Contains(f.StatementId));
            var listed = touches && (from is null || f.StatedOn >= from) && (to is null || f.StatedOn <= to);
            var previous = listed ? replay.SourceFigure(f.SourceKey) : null;
            replay.Apply(f);
            if (listed)
                entries.Add(new HistoryEntry(f.StatementId, f.StatedOn, f.StatedBy, f.Change, f.Value, f.Low, f.High, f.Qualifier, f.Qualitative, previous)
                {
                    After = replay.SourceFigure(f.SourceKey),
                });
        }
        return entries;
    }

    internal static FigureEntry Entry(Fact f, long reportSeq) => new(
        f.StatementId, f.StatementStatedOn, f.StatedBy, f.Attribution, f.Value, f.Low, f.High, f.Qualifier, f.Qualitative,
        f.Quote, f.Source, f.Change == Change.Corrected ? f.StatedOn : null, reportSeq);
}

/// <summary>
/// One series' estimate kept up to date as its facts are applied in statedOn order (the replay):
/// each fact costs a logarithm, not a recomputation of everything before it.
/// </summary>
public sealed class SeriesReplay(Series series)
{
    readonly Dictionary<Guid, (Fact Stands, long ReportSeq)> _current = [];
    readonly HashSet<Guid> _retracted = [];
    readonly Dictionary<string, SortedSet<(DateOnly StatedOn, long Sequence, Guid Id)>> _standing = [];

    public Series Series => series;

    /// <summary>The series a statement's figure is in now, if it has been seen.</summary>
    public string? SeriesOf(Guid statementId) => _current.TryGetValue(statementId, out var c) ? c.Stands.Series?.Id : null;

    public void Apply(Fact f)
    {
        Leave(f.StatementId);
        switch (f.Change)
        {
            case Change.Retracted: _retracted.Add(f.StatementId); break;
            case Change.Reported: _current[f.StatementId] = (f, f.Seq); break;
            case Change.Corrected when _current.TryGetValue(f.StatementId, out var c): _current[f.StatementId] = (f, c.ReportSeq); break;
        }
        Enter(f.StatementId);
    }

    /// <summary>A source's figure in the series as the facts applied so far make it, or null.</summary>
    public FigureEntry? SourceFigure(string sourceKey)
    {
        if (!_standing.TryGetValue(sourceKey, out var set) || set.Count == 0) return null;
        var c = _current[set.Max.Id];
        return EstimateCalculator.Entry(c.Stands, c.ReportSeq);
    }

    /// <summary>The estimate as the facts applied so far make it, or null when nothing stands.</summary>
    public SeriesEstimate? Estimate()
    {
        var entries = _standing.Values.Where(set => set.Count > 0)
            .Select(set => _current[set.Max.Id]).Select(c => EstimateCalculator.Entry(c.Stands, c.ReportSeq)).ToList();
        return entries.Count == 0 ? null : EstimateCalculator.Estimate(series, entries);
    }

    void Leave(Guid id)
    {
        if (_current.TryGetValue(id, out var c) && !_retracted.Contains(id) && c.Stands.Series?.Id == series.Id)
            _standing[c.Stands.SourceKey].Remove((c.Stands.StatementStatedOn, c.ReportSeq, id));
    }

    void Enter(Guid id)
    {
        if (!_current.TryGetValue(id, out var c) || _retracted.Contains(id) || c.Stands.Series?.Id != series.Id) return;
        if (!_standing.TryGetValue(c.Stands.SourceKey, out var set)) _standing[c.Stands.SourceKey] = set = [];
        set.Add((c.Stands.StatementStatedOn, c.ReportSeq, id));
    }
}

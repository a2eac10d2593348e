// Alerts on meaning: what one recorded figure event did to the estimate of each series it touches,
// as of the statement's date — the estimate just before and just after it in the replay order, how
// far the latest figure moved, and whether it was a new highest or lowest figure or a new source.
// Derived from the facts known at the event's own sequence and nothing later, so the same event
// always derives the same changes: a feed can derive them again on resume, two nodes derive the
// same, and a rebuild of the facts leaves them as they were.
using Timeline.Statements;

namespace Timeline.Estimates;

public sealed record EstimateChanged(
    Guid Id, long Sequence, int Ordinal, DateOnly StatedOn, DateTimeOffset RecordedAt,
    Series Series, SeriesEstimate? Before, SeriesEstimate? After, AmountChange? Change,
    // How far the latest figure moved relative to the one before (the larger of
    // its ends for ranges); null when it cannot be said.
    double? Relative,
    bool NewHigh, bool NewLow, bool NewSource,
    ChangedStatement Statement)
{
    public const string Type = "timeline.estimate.changed";
    public const string EventName = "estimate-changed";
}

// What a subscriber wants to hear about: any of the conditions (an estimate moving by at least
// MinChange, a new high, a new low, a new source), in the series, party or measure named.
public sealed record AlertConditions(string? Series, string? Party, Measure? Measure, double? MinChange, bool NewHigh, bool NewLow, bool NewSource)
{
    public bool Any => MinChange is not null || NewHigh || NewLow || NewSource;

    public bool Matches(EstimateChanged c) =>
        (Series is null || c.Series.Id == Series) && (Party is null || c.Series.Party == Party) && (Measure is null || c.Series.Measure == Measure)
        && ((MinChange is { } min && c.Relative is { } moved && moved >= min - 1e-9)
            || (NewHigh && c.NewHigh) || (NewLow && c.NewLow) || (NewSource && c.NewSource));
}

public static class EstimateChanges
{
    // The changes one figure event made, one per series whose estimate it moved; none for other events.
    public static async Task<IReadOnlyList<EstimateChanged>> DeriveAsync(FactStore facts, Guid statementId, long sequence, CancellationToken ct)
    {
        var history = await facts.ForStatementAsync(statementId, sequence, ct);
        if (history.FirstOrDefault(f => f.Seq == sequence) is not { } fact) return [];
        // The series it stood in before, and the one it stands in now.
        var touched = history.Select(f => f.Series).OfType<Series>().DistinctBy(s => s.Id).OrderBy(s => s.Id, StringComparer.Ordinal).ToArray();
        if (touched.Length == 0) return [];
        var ids = touched.Select(s => s.Id).ToArray();
        var before = EstimateCalculator.Estimates(await facts.StandingAtAsync(ids, (fact.StatedOn, sequence - 1), sequence - 1, ct)).ToDictionary(e => e.Id);
        var after = EstimateCalculator.Estimates(await facts.StandingAtAsync(ids, (fact.StatedOn, sequence), sequence, ct)).ToDictionary(e => e.Id);

        var changes = new List<EstimateChanged>();
        foreach (var series in touched)
        {
            var (b, a) = (before.GetValueOrDefault(series.Id), after.GetValueOrDefault(series.Id));
            if (EstimateCalculator.SameEstimate(b, a)) continue;
            var was = b?.BySource.FirstOrDefault(e => e.SourceKey == fact.SourceKey);
            var now = a?.BySource.FirstOrDefault(e => e.SourceKey == fact.SourceKey);
            var statement = ChangedStatement.Of(fact, series.Id, was, now);
            var (newHigh, newLow, newSource) = (false, false, false);
            // Only a figure stated into the series can be a new high, low or source there; a first figure is only a new source.
            if (fact.Change != Change.Retracted && fact.Series?.Id == series.Id)
            {
                var prior = await facts.PriorFiguresAsync(series.Id, fact.SourceKey, (fact.StatedOn, sequence), sequence - 1, ct);
                newSource = !prior.SourceSpoke;
                if (ChangeExplanation.Amount(now) is { } figure)
                {
                    newHigh = prior.Highest is { } high && figure.High > high;
                    newLow = prior.Lowest is { } low && figure.Low < low;
                }
            }
            var change = ChangeExplanation.Compare(b?.Latest, a?.Latest);
            changes.Add(new EstimateChanged(
                StatementIdentity.NameBased($"estimate-changed/{sequence}/{series.Id}"), sequence, changes.Count, fact.StatedOn, fact.RecordedAt,
                series, b, a, change, Relative(change), newHigh, newLow, newSource, statement));
        }
        return changes;
    }

    // The latest figure's move relative to where it was: the larger of the two ends' for ranges.
    public static double? Relative(AmountChange? change)
    {
        var moves = new[] { change?.Value?.Relative, change?.Low?.Relative, change?.High?.Relative }.OfType<double>().Select(Math.Abs).ToList();
        return moves.Count == 0 ? null : moves.Max();
    }
}

// The figures standing in a few series at one place in the replay order (statedOn, seq), moved
// forward a fact at a time. It starts from the database at a page's first place, so a page of
// replay or history costs its own facts, not everything stated before it. Only each source's top
// figure is kept: a new report above it replaces it, a correction of it updates it; anything that
// may uncover a figure below (a retraction or move of the top, a correction moving a figure in)
// asks the database again for that series at that place — the as-of rule stays in one place, SQL.
using Timeline.Statements;

namespace Timeline.Estimates;

public sealed class ReplayState
{
    readonly FactStore _facts;
    readonly long _basis;
    readonly Dictionary<string, Dictionary<string, (Fact Stands, long ReportSeq)>> _tops = [];
    readonly Dictionary<Guid, (string SeriesId, string SourceKey)> _topOf = [];

    ReplayState(FactStore facts, long basis) => (_facts, _basis) = (facts, basis);

    // The standing figures of these series at at (everything at or before it applied).
    public static async Task<ReplayState> StartAsync(FactStore facts, IEnumerable<string> seriesIds, long basis,
        (DateOnly StatedOn, long Seq) at, CancellationToken ct)
    {
        var state = new ReplayState(facts, basis);
        var ids = seriesIds.Distinct(StringComparer.Ordinal).ToArray();
        foreach (var id in ids) state._tops[id] = [];
        if (ids.Length > 0 && at.StatedOn > DateOnly.MinValue) state.Take(await facts.StandingAtAsync(ids, at, basis, ct));
        return state;
    }

    // Moves past one fact; facts must come in replay order, each after the place the state is at.
    public async Task ApplyAsync(Fact f, CancellationToken ct)
    {
        string? stale = null, alsoStale = null;
        var handled = false;
        if (_topOf.TryGetValue(f.StatementId, out var top))
        {
            var tops = _tops[top.SeriesId];
            if (f.Change == Change.Corrected && f.Series?.Id == top.SeriesId)
            {
                tops[top.SourceKey] = (f, tops[top.SourceKey].ReportSeq);
                handled = true;
            }
            else stale = top.SeriesId;
        }
        if (!handled && f.Series is { } series && _tops.TryGetValue(series.Id, out var inSeries))
        {
            if (f.Change == Change.Reported)
            {
                // A statement's place among its source's figures, (statedOn, report seq), never changes.
                if (!inSeries.TryGetValue(f.SourceKey, out var current)
                    || (f.StatementStatedOn, f.Seq).CompareTo((current.Stands.StatementStatedOn, current.ReportSeq)) > 0)
                    Put(series.Id, f, f.Seq);
            }
            // A correction of a statement stated before its source's top in this series leaves it below that top, whether
            // it was in the series already or moves in: nothing uncovered, nothing to ask (most corrections are of these).
            else if (stale is null && f.Change == Change.Corrected && inSeries.TryGetValue(f.SourceKey, out var above)
                     && above.Stands.StatementStatedOn > f.StatementStatedOn) { }
            else if (series.Id != stale) alsoStale = series.Id;
        }
        if (stale is not null || alsoStale is not null)
        {
            var ids = new[] { stale, alsoStale }.OfType<string>().ToArray();
            foreach (var id in ids) Clear(id);
            Take(await _facts.StandingAtAsync(ids, (f.StatedOn, f.Seq), _basis, ct));
        }
    }

    // The source's figure in the series at this place, or null.
    public FigureEntry? SourceFigure(string seriesId, string sourceKey) =>
        _tops.TryGetValue(seriesId, out var tops) && tops.TryGetValue(sourceKey, out var t) ? EstimateCalculator.Entry(t.Stands, t.ReportSeq) : null;

    // The series' estimate at this place, or null when nothing stands in it.
    public SeriesEstimate? Estimate(string seriesId) =>
        _tops.TryGetValue(seriesId, out var tops) && tops.Count > 0
            ? EstimateCalculator.Estimate(tops.Values.First().Stands.Series!, tops.Values.Select(t => EstimateCalculator.Entry(t.Stands, t.ReportSeq)))
            : null;

    void Take(IEnumerable<(Fact Fact, long ReportSeq)> standing)
    {
        foreach (var (fact, reportSeq) in standing) Put(fact.Series!.Id, fact, reportSeq);
    }

    void Put(string seriesId, Fact stands, long reportSeq)
    {
        var tops = _tops[seriesId];
        if (tops.TryGetValue(stands.SourceKey, out var was)) _topOf.Remove(was.Stands.StatementId);
        tops[stands.SourceKey] = (stands, reportSeq);
        _topOf[stands.StatementId] = (seriesId, stands.SourceKey);
    }

    void Clear(string seriesId)
    {
        foreach (var t in _tops[seriesId].Values) _topOf.Remove(t.Stands.StatementId);
        _tops[seriesId].Clear();
    }
}

// The figures standing in a few series at one place in the replay order (statedOn, seq), moved
// forward a fact at a time. It starts from the database at a page's first place, so a page of
// replay or history costs its own facts, not everything stated before it. Only each source's top
// figure is kept: a new report above it replaces it, a correction of it updates it; anything that
// may uncover a figure below (a retraction or move of the top, a correction moving a figure in)
// asks the database again for that series at that place. Started at a series' very beginning (FromStart),
// every fact bearing on it passes through the state, so it keeps them all and works an uncovering out in
// memory by AsOfRule, the same rule as the SQL (held to it by a test), with no query.
using Timeline.Statements;

namespace Timeline.Estimates;

public sealed class ReplayState
{
    readonly FactStore _facts;
    readonly long _basis;
    readonly Dictionary<string, Dictionary<string, (Fact Stands, long ReportSeq)>> _tops = [];
    readonly Dictionary<Guid, (string SeriesId, string SourceKey)> _topOf = [];
    // From the start only: every statement's facts so far and what it stands as, and each source's statements.
    readonly Dictionary<Guid, (List<Fact> Facts, (Fact Fact, long ReportSeq)? Stands)>? _statements;
    readonly Dictionary<string, List<Guid>>? _bySource;

    ReplayState(FactStore facts, long basis, bool fromStart = false)
    {
        (_facts, _basis) = (facts, basis);
        if (fromStart) (_statements, _bySource) = ([], new(StringComparer.Ordinal));
    }

    // Nothing standing yet, and the caller passes every fact of these series and every other row of their
    // revised statements, in replay order, from the first (a history's first page): no query, ever.
    public static ReplayState FromStart(FactStore facts, IEnumerable<string> seriesIds, long basis)
    {
        var state = new ReplayState(facts, basis, fromStart: true);
        foreach (var id in seriesIds) state._tops[id] = [];
        return state;
    }

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
        if (_statements is not null)
        {
            Apply(f);
            return;
        }
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

    // In memory: the statement's standing moves; its source's figure is worked out again where it was the figure.
    void Apply(Fact f)
    {
        if (!_statements!.TryGetValue(f.StatementId, out var held))
        {
            held = ([], null);
            if (!_bySource!.TryGetValue(f.SourceKey, out var ofSource)) _bySource[f.SourceKey] = ofSource = [];
            ofSource.Add(f.StatementId);
        }
        var was = held.Stands;
        held.Facts.Add(f);
        var now = AsOfRule.Stands(held.Facts);
        _statements[f.StatementId] = (held.Facts, now);
        string? uncovered = null;
        if (was is { } w && _tops.TryGetValue(w.Fact.Series!.Id, out var tops) && tops.TryGetValue(f.SourceKey, out var top)
            && top.Stands.StatementId == f.StatementId)
        {
            uncovered = w.Fact.Series.Id;
            tops.Remove(f.SourceKey);
            _topOf.Remove(f.StatementId);
            var standing = _bySource![f.SourceKey].Select(id => _statements[id].Stands).OfType<(Fact Fact, long ReportSeq)>()
                .Where(s => s.Fact.Series!.Id == uncovered);
            if (AsOfRule.Top(standing) is { } next) Put(uncovered, next.Fact, next.ReportSeq);
        }
        if (now is { } n && n.Fact.Series!.Id != uncovered && _tops.TryGetValue(n.Fact.Series.Id, out var into)
            && (!into.TryGetValue(f.SourceKey, out var current) || AsOfRule.Above(n, (current.Stands, current.ReportSeq))))
            Put(n.Fact.Series.Id, n.Fact, n.ReportSeq);
    }

    // The source's figure in the series at this place, or null.
    public FigureEntry? SourceFigure(string seriesId, string sourceKey) =>
        SourceStanding(seriesId, sourceKey) is { } t ? EstimateCalculator.Entry(t.Fact, t.ReportSeq) : null;

    // The fact the source's figure stands as, with its report's sequence, or null.
    public (Fact Fact, long ReportSeq)? SourceStanding(string seriesId, string sourceKey) =>
        _tops.TryGetValue(seriesId, out var tops) && tops.TryGetValue(sourceKey, out var t) ? (t.Stands, t.ReportSeq) : null;

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

// The as-of rule over facts held in memory, exactly as FactStore's standing SQL states it (a test holds
// the two to the same answers on the same facts): a statement stands from its report as its latest
// report or correction by (statedOn, seq) until it is retracted; per series and source, the statement
// stated last (ties: reported later) is the source's figure. Used where a caller has already read every
// fact bearing on a series (a history from its start), so that a figure uncovered needs no query.
using Timeline.Statements;

namespace Timeline.Estimates;

public static class AsOfRule
{
    // One statement's standing fact and its report's sequence, from its facts already cut to a place and basis; null when none stands.
    public static (Fact Fact, long ReportSeq)? Stands(IEnumerable<Fact> statementFacts)
    {
        Fact? report = null, latest = null;
        foreach (var f in statementFacts)
        {
            if (f.Change == Change.Retracted) return null;
            if (f.Change == Change.Reported && (report is null || f.Seq < report.Seq)) report = f;
            if (latest is null || (f.StatedOn, f.Seq).CompareTo((latest.StatedOn, latest.Seq)) > 0) latest = f;
        }
        return report is null || latest?.Series is null ? null : (latest, report.Seq);
    }

    // Whether a stands for its source above b: stated later, or the same day and reported later.
    public static bool Above((Fact Fact, long ReportSeq) a, (Fact Fact, long ReportSeq) b) =>
        (a.Fact.StatementStatedOn, a.ReportSeq).CompareTo((b.Fact.StatementStatedOn, b.ReportSeq)) > 0;

    // Of one source's standing statements in one series, the one that stands for it; null when there are none.
    public static (Fact Fact, long ReportSeq)? Top(IEnumerable<(Fact Fact, long ReportSeq)> standing)
    {
        (Fact Fact, long ReportSeq)? top = null;
        foreach (var s in standing)
            if (top is not { } t || Above(s, t)) top = s;
        return top;
    }
}

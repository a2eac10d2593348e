// What became of each candidate an article's extraction found: pending until a reviewer records or
// dismisses it. Each decision is an event on a stream of its own per candidate (its id derived from
// the article and the index), carrying the reviewer's key name; Marten's timestamp is when.
using JasperFx.Events;
using Marten.Events.Aggregation;
using Timeline.Statements;

namespace Timeline.Review;

public enum CandidateState { Pending, Recorded, Dismissed }

public enum DismissReason { NotAFigure, WrongArticle, Duplicate, Other }

// Start and End are the candidate's span when it was decided: a re-extraction that moves the index leaves the decision behind.
public sealed record CandidateDismissed(Guid ArticleId, int Index, int Start, int End, DismissReason Reason, string? Note, string? DismissedBy);

public sealed record CandidateRecorded(Guid ArticleId, int Index, int Start, int End, Guid StatementId, string? RecordedBy);

public sealed class CandidateDecision
{
    public Guid Id { get; set; }
    public Guid ArticleId { get; set; }
    public int Index { get; set; }
    public int Start { get; set; }
    public int End { get; set; }
    public CandidateState State { get; set; }
    public Guid? StatementId { get; set; }
    public DismissReason? Reason { get; set; }
    public string? Note { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
    public long Sequence { get; set; }

    public static Guid StreamFor(Guid articleId, int index) => StatementIdentity.NameBased($"review/{articleId}/{index}");
}

public sealed class CandidateDecisionProjection : SingleStreamProjection<CandidateDecision, Guid>
{
    public CandidateDecisionProjection()
    {
        IncludeType<CandidateDismissed>();
        IncludeType<CandidateRecorded>();
    }

    public override CandidateDecision? Evolve(CandidateDecision? snapshot, Guid id, IEvent e) => e.Data switch
    {
        CandidateDismissed d => new()
        {
            Id = id, ArticleId = d.ArticleId, Index = d.Index, Start = d.Start, End = d.End, State = CandidateState.Dismissed,
            Reason = d.Reason, Note = d.Note, DecidedBy = d.DismissedBy, DecidedAt = StatementProjection.Recorded(e), Sequence = e.Sequence,
        },
        CandidateRecorded r => new()
        {
            Id = id, ArticleId = r.ArticleId, Index = r.Index, Start = r.Start, End = r.End, State = CandidateState.Recorded,
            StatementId = r.StatementId, DecidedBy = r.RecordedBy, DecidedAt = StatementProjection.Recorded(e), Sequence = e.Sequence,
        },
        _ => snapshot,
    };
}

// The desk's rules, as functions of the decision standing and the one asked for: the event to append, or none, or a refusal.
public static class ReviewDecision
{
    public sealed record Outcome(object? Append, string? Refused = null);

    public static Outcome Dismiss(CandidateDecision? standing, CandidateDismissed wanted) => standing switch
    {
        { State: CandidateState.Recorded } r => new(null, $"The candidate was recorded as statement {r.StatementId}; retract the statement instead."),
        { State: CandidateState.Dismissed } d when d.Reason == wanted.Reason && d.Note == wanted.Note && Same(d, wanted.Start, wanted.End) => new(null),
        _ => new(wanted),
    };

    public static Outcome Record(CandidateDecision? standing, CandidateRecorded wanted) =>
        standing is { State: CandidateState.Recorded } r && r.StatementId == wanted.StatementId && Same(r, wanted.Start, wanted.End) ? new(null) : new(wanted);

    // A decision holds for the candidate whose span it was made on.
    public static bool Same(CandidateDecision d, int start, int end) => d.Start == start && d.End == end;
}

// What a correction or a retraction means for a statement as it stands: a pure decision, so the
// rules are tested by calling them. The endpoint loads the statement, decides, and appends what
// was decided at the version it decided against.
using Timeline.Statements.Recording;

namespace Timeline.Statements.Revising;

// A correction, validated: the figure stands at these values from StatedOn on.
public sealed record Correction(Guid StatementId, DateOnly StatedOn, Figure Figure, string Reason, string? Quote, Source? Source, string? RecordedBy = null);

// A retraction, validated: the statement no longer stands from StatedOn on.
public sealed record Retraction(Guid StatementId, DateOnly StatedOn, string Reason, string? Quote, Source? Source, string? RecordedBy = null);

public enum RevisionRefusal { UnknownStatement, AlreadyRetracted, NotAFigure, BeforeTheStatement }

public abstract record RevisionDecision
{
    public sealed record Append(object Event) : RevisionDecision;

    // The same revision is already recorded (a retried request): answer with it, record nothing.
    public sealed record AlreadyRecorded(Revision Earlier) : RevisionDecision;

    public sealed record Refused(RevisionRefusal Why, string Message) : RevisionDecision;

    public static RevisionDecision Decide(Statement? statement, Correction correction)
    {
        if (Refusal(statement, correction.StatementId, correction.StatedOn) is { } refused) return refused;
        if (statement!.Kind != StatementKind.Figure)
            return new Refused(RevisionRefusal.NotAFigure, "Only figures can be corrected. Retract this statement and record the new one instead.");
        if (statement.Revisions.FirstOrDefault(r => r.Change == Change.Corrected && r.StatedOn == correction.StatedOn && r.Figure == correction.Figure) is { } same)
            return new AlreadyRecorded(same);
        return new Append(new StatementCorrected(correction.StatementId, correction.StatedOn, correction.Figure, correction.Reason, correction.Quote, correction.Source, correction.RecordedBy));
    }

    public static RevisionDecision Decide(Statement? statement, Retraction retraction)
    {
        // The same retraction again (its answer was lost, say) is the one already recorded.
        if (statement?.Revisions.FirstOrDefault(r => r.Change == Change.Retracted && r.StatedOn == retraction.StatedOn && r.Reason == retraction.Reason) is { } same)
            return new AlreadyRecorded(same);
        if (Refusal(statement, retraction.StatementId, retraction.StatedOn) is { } refused) return refused;
        return new Append(new StatementRetracted(retraction.StatementId, retraction.StatedOn, retraction.Reason, retraction.Quote, retraction.Source, retraction.RecordedBy));
    }

    static Refused? Refusal(Statement? statement, Guid id, DateOnly statedOn)
    {
        if (statement is null) return new Refused(RevisionRefusal.UnknownStatement, $"No statement has the id {id}.");
        if (statement.Status == StatementStatus.Retracted)
            return new Refused(RevisionRefusal.AlreadyRetracted, "This statement was retracted; it can no longer be revised.");
        if (statedOn < statement.StatedOn)
            return new Refused(RevisionRefusal.BeforeTheStatement, $"must not be before the statement's own date, {statement.StatedOn:yyyy-MM-dd}");
        return null;
    }
}

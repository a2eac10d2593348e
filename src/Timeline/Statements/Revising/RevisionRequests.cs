// The wire shapes of a correction and a retraction, and their validation into the revision each
// asks for (RevisionDecision.cs): dates and vocabularies arrive as strings, checked as a statement's are.
using Timeline.Http;
using Timeline.Statements.Recording;

namespace Timeline.Statements.Revising;

public sealed class CorrectionRequest
{
    public string? StatedOn { get; set; }
    public string? Reason { get; set; }
    public FigureRequest? Figure { get; set; }
    public string? Quote { get; set; }
    public SourceRequest? Source { get; set; }
}

public sealed class RetractionRequest
{
    public string? StatedOn { get; set; }
    public string? Reason { get; set; }
    public string? Quote { get; set; }
    public SourceRequest? Source { get; set; }
}

public static class RevisionValidation
{
    public static Correction? Validate(CorrectionRequest r, Guid id, string? recordedBy, DateOnly today, FieldErrors errors)
    {
        var statedOn = StatementValidation.Date(r.StatedOn, "statedOn", today, errors, required: true);
        var reason = Fields.Text(r.Reason, "reason", StatementValidation.MaxText, errors, required: true);
        var figure = StatementValidation.ValidateFigure(r.Figure, "figure", today, errors);
        var quote = Fields.Text(r.Quote, "quote", StatementValidation.MaxQuote, errors, required: false);
        var source = StatementValidation.ValidateSource(r.Source, "source", today, errors, required: false);
        return errors.Any ? null : new Correction(id, statedOn!.Value, figure!, reason!, quote, source, recordedBy);
    }

    public static Retraction? Validate(RetractionRequest r, Guid id, string? recordedBy, DateOnly today, FieldErrors errors)
    {
        var statedOn = StatementValidation.Date(r.StatedOn, "statedOn", today, errors, required: true);
        var reason = Fields.Text(r.Reason, "reason", StatementValidation.MaxText, errors, required: true);
        var quote = Fields.Text(r.Quote, "quote", StatementValidation.MaxQuote, errors, required: false);
        var source = StatementValidation.ValidateSource(r.Source, "source", today, errors, required: false);
        return errors.Any ? null : new Retraction(id, statedOn!.Value, reason!, quote, source, recordedBy);
    }
}

// The facts Timeline records. One Marten stream per statement: the first event states it,
// later events on the same stream revise it. Events are never changed or removed; a correction
// or a retraction is a new event. StatedOn is business time (when it was said); when it was
// recorded is Marten's own event timestamp and global sequence. RecordedBy names the API key that
// recorded it (its name, never the key), so the writes of a key gone astray can be found.
namespace Timeline.Statements;

// Article: where in which archived article the quote stands, when it was recorded from one.
public sealed record FigureReported(
    Guid StatementId, string StatedBy, DateOnly StatedOn, string Quote, Source Source, Figure Figure, string? RecordedBy = null, ArticleQuote? Article = null);

public sealed record NegotiationDayHeld(
    Guid StatementId, string StatedBy, DateOnly StatedOn, string Quote, Source Source, NegotiationDay Negotiation, string? RecordedBy = null, ArticleQuote? Article = null);

public sealed record PositionStated(
    Guid StatementId, string StatedBy, DateOnly StatedOn, string Quote, Source Source, Position Position, string? RecordedBy = null, ArticleQuote? Article = null);

// The speaker (or the source) revised a figure; it counts from its own StatedOn.
public sealed record StatementCorrected(
    Guid StatementId, DateOnly StatedOn, Figure Figure, string Reason, string? Quote, Source? Source, string? RecordedBy = null);

// The statement was withdrawn from StatedOn on.
public sealed record StatementRetracted(
    Guid StatementId, DateOnly StatedOn, string Reason, string? Quote, Source? Source, string? RecordedBy = null);

// An already recorded statement was carried by another outlet.
public sealed record StatementRepublished(Guid StatementId, Source Source, string Quote, string? RecordedBy = null, ArticleQuote? Article = null);

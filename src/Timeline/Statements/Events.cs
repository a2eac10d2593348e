// The facts Timeline records. One Marten stream per statement: the first event states it,
// later events on the same stream revise it. Events are never changed or removed; a correction
// or a retraction is a new event. StatedOn is business time (when it was said); when it was
// recorded is Marten's own event timestamp and global sequence.
namespace Timeline.Statements;

public sealed record FigureReported(
    Guid StatementId, string StatedBy, DateOnly StatedOn, string Quote, Source Source, Figure Figure);

public sealed record NegotiationDayHeld(
    Guid StatementId, string StatedBy, DateOnly StatedOn, string Quote, Source Source, NegotiationDay Negotiation);

public sealed record PositionStated(
    Guid StatementId, string StatedBy, DateOnly StatedOn, string Quote, Source Source, Position Position);

/// <summary>The speaker (or the source) revised a figure; it counts from its own StatedOn.</summary>
public sealed record StatementCorrected(
    Guid StatementId, DateOnly StatedOn, Figure Figure, string Reason, string? Quote, Source? Source);

/// <summary>The statement was withdrawn from StatedOn on.</summary>
public sealed record StatementRetracted(
    Guid StatementId, DateOnly StatedOn, string Reason, string? Quote, Source? Source);

/// <summary>An already recorded statement was carried by another outlet.</summary>
public sealed record StatementRepublished(Guid StatementId, Source Source, string Quote);

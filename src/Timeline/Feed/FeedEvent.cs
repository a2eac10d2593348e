// One recorded event as every feed shows it — the paged feed, the live stream, webhooks — as a
// CloudEvents 1.0 event: `time` is when the statement was made, the `recordedtime` extension
// when Timeline recorded it, `sequence` its place in the global order.
using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Timeline.Estimates;
using Timeline.Http;
using Timeline.Statements;
using Timeline.Statements.Recording;

namespace Timeline.Feed;

public sealed record FeedEvent(
    long Sequence, Guid Id, string EventName, string Type, DateTimeOffset RecordedAt, DateOnly StatedOn,
    Guid StatementId, StatementKind Kind, string StatedBy, IReadOnlyList<string> Parties, IReadOnlyList<Measure> Measures,
    string Subject, JsonElement Data)
{
    public static readonly CloudEventAttribute RecordedTime = CloudEventAttribute.CreateExtension("recordedtime", CloudEventAttributeType.Timestamp);
    public static readonly CloudEventAttribute SequenceAttribute = CloudEventAttribute.CreateExtension("sequence", CloudEventAttributeType.String);
    static readonly JsonEventFormatter Formatter = new(new JsonSerializerOptions(JsonSerializerDefaults.Web), default);

    public CloudEvent ToCloudEvent()
    {
        var ce = new CloudEvent(CloudEventsSpecVersion.V1_0, [RecordedTime, SequenceAttribute])
        {
            Id = Id.ToString(),
            Source = new Uri($"/api/statements/{StatementId}", UriKind.Relative),
            Type = Type,
            Time = new DateTimeOffset(StatedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            Subject = Subject,
            DataContentType = MediaTypeNames.Application.Json,
            Data = Data,
        };
        ce[RecordedTime] = RecordedAt;
        ce[SequenceAttribute] = Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ce;
    }

    byte[]? _json;

    // Structured-mode CloudEvents JSON, on one line (SSE data lines cannot hold newlines);
    // encoded once and shared by every subscriber the event goes to.
    public ReadOnlyMemory<byte> ToJson() => _json ??= Formatter.EncodeStructuredModeMessage(ToCloudEvent(), out _).ToArray();

    byte[]? _sse;

    // The whole Server-Sent Events frame (id, event, data), likewise built once for all subscribers.
    public ReadOnlyMemory<byte> ToSseFrame() => _sse ??= SseWriter.Frame(Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), EventName, ToJson().Span);

    public bool Matches(FeedFilter filter) =>
        (filter.Kind is null || filter.Kind == Kind)
        && (filter.Party is null || Parties.Contains(filter.Party))
        && (filter.Measure is null || Measures.Contains(filter.Measure.Value))
        && (filter.StatedBy is null || StatementIdentity.Normalise(StatedBy) == StatementIdentity.Normalise(filter.StatedBy));

    // Builds the feed's view of an event, with what its statement says about whom.
    public static FeedEvent? From(JasperFx.Events.IEvent e, Statement? statement, JsonSerializerOptions json)
    {
        if (statement is null) return null;
        var figure = e.Data switch { FigureReported r => r.Figure, StatementCorrected c => c.Figure, _ => statement.Figure };
        var (name, type, statedOn) = e.Data switch
        {
            FigureReported r => ("figure-reported", "timeline.figure.reported", r.StatedOn),
            NegotiationDayHeld n => ("negotiation-day-held", "timeline.negotiation-day.held", n.StatedOn),
            PositionStated p => ("position-stated", "timeline.position.stated", p.StatedOn),
            StatementCorrected c => ("statement-corrected", "timeline.statement.corrected", c.StatedOn),
            StatementRetracted x => ("statement-retracted", "timeline.statement.retracted", x.StatedOn),
            StatementRepublished => ("statement-republished", "timeline.statement.republished", statement.StatedOn),
            _ => (null, null, default(DateOnly)),
        };
        if (name is null || type is null) return null;
        var parties = statement.Parties.Concat(figure is null ? [] : [figure.Party]).Distinct().ToList();
        var measures = figure is null ? new List<Measure>() : [figure.Measure];
        var subject = figure is null ? statement.Id.ToString() : Series.Of(figure).Id;
        var data = JsonSerializer.SerializeToElement(e.Data, e.Data.GetType(), json);
        var recorded = StatementProjection.Recorded(e);
        return new FeedEvent(e.Sequence, e.Id, name, type, recorded, statedOn, statement.Id, statement.Kind, statement.StatedBy,
            parties, measures, subject, data);
    }
}

public sealed record FeedFilter(StatementKind? Kind, string? Party, Measure? Measure, string? StatedBy)
{
    public static readonly FeedFilter None = new(null, null, null, null);

    // Parses the filter query parameters (or a webhook's filter), naming any bad one.
    public static FeedFilter? Parse(string? kind, string? party, string? measure, string? statedBy, FieldErrors errors, string prefix = "")
    {
        var k = Fields.Enum<StatementKind>(kind, prefix + "kind", errors);
        var m = Fields.Enum<Measure>(measure, prefix + "measure", errors);
        if (party is { Length: > 40 }) errors.Add(prefix + "party", "must be at most 40 characters");
        else if (party is not null && Fields.HasControlCharacters(party)) errors.Add(prefix + "party", "must not contain control characters");
        if (statedBy is not null && Fields.HasControlCharacters(statedBy)) errors.Add(prefix + "statedBy", "must not contain control characters");
        if (statedBy is { Length: > StatementValidation.MaxName }) errors.Add(prefix + "statedBy", $"must be at most {StatementValidation.MaxName} characters");
        return errors.Any ? null : new FeedFilter(k, string.IsNullOrWhiteSpace(party) ? null : party.Trim().ToLowerInvariant(), m,
            string.IsNullOrWhiteSpace(statedBy) ? null : statedBy.Trim());
    }
}

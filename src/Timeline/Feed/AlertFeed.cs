// Alerts on meaning as the feeds deliver them: the estimate changes a figure event derives
// (Estimates/EstimateChanges), as CloudEvents of type timeline.estimate.changed. Derived once per
// event and kept for a while, so subscribers reading the same events share the work.
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Timeline.Estimates;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Feed;

public sealed class AlertFeed(FactStore facts, IOptions<JsonOptions> json)
{
    const int Kept = 20_000;
    readonly ConcurrentDictionary<long, IReadOnlyList<EstimateChanged>> _derived = new();
    readonly JsonEventFormatter _formatter = new(new JsonSerializerOptions(JsonSerializerDefaults.Web), default);

    /// <summary>The estimate changes the event made (none for events that carry no figure).</summary>
    public async Task<IReadOnlyList<EstimateChanged>> ChangesAsync(FeedEvent e, CancellationToken ct)
    {
        if (e.Kind != StatementKind.Figure || e.EventName is not ("figure-reported" or "statement-corrected" or "statement-retracted")) return [];
        if (_derived.TryGetValue(e.Sequence, out var known)) return known;
        var changes = await EstimateChanges.DeriveAsync(facts, e.StatementId, e.Sequence, ct);
        if (_derived.Count >= Kept) _derived.Clear(); // a crude bound: the next readers derive again
        _derived[e.Sequence] = changes;
        return changes;
    }

    /// <summary>The change as a CloudEvent: time is when the statement was made, recordedtime when Timeline recorded it.</summary>
    public CloudEvent ToCloudEvent(EstimateChanged c)
    {
        var ce = new CloudEvent(CloudEventsSpecVersion.V1_0, [FeedEvent.RecordedTime, FeedEvent.SequenceAttribute])
        {
            Id = c.Id.ToString(),
            Source = new Uri($"/api/estimates/{Uri.EscapeDataString(c.Series.Id)}", UriKind.Relative),
            Type = EstimateChanged.Type,
            Time = new DateTimeOffset(c.StatedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            Subject = c.Series.Id,
            DataContentType = MediaTypeNames.Application.Json,
            Data = JsonSerializer.SerializeToElement(c, json.Value.SerializerOptions),
        };
        ce[FeedEvent.RecordedTime] = c.RecordedAt;
        ce[FeedEvent.SequenceAttribute] = c.Sequence.ToString(CultureInfo.InvariantCulture);
        return ce;
    }

    public byte[] ToJson(EstimateChanged c) => _formatter.EncodeStructuredModeMessage(ToCloudEvent(c), out _).ToArray();

    /// <summary>The SSE frame, its id "sequence.ordinal" (one event may move two series), so a resume misses none.</summary>
    public ReadOnlyMemory<byte> ToSseFrame(EstimateChanged c) =>
        SseWriter.Frame($"{c.Sequence.ToString(CultureInfo.InvariantCulture)}.{c.Ordinal.ToString(CultureInfo.InvariantCulture)}", EstimateChanged.EventName, ToJson(c));

    /// <summary>The alert conditions of a subscription, naming any bad one; null when none were asked for.</summary>
    public static AlertConditions? Parse(string? series, string? party, string? measure, double? minChange, bool? newHigh, bool? newLow, bool? newSource,
        FieldErrors errors, string prefix = "")
    {
        if (minChange is not null && (minChange <= 0 || minChange > 1000 || double.IsNaN(minChange.Value)))
            errors.Add(prefix + "minChange", "must be a relative change above 0 (0.1 is 10 %), at most 1000");
        if (series is not null && (series.Length is 0 or > 200 || Fields.HasControlCharacters(series)))
            errors.Add(prefix + "series", "must be a series id (GET /api/estimates lists them)");
        var m = Fields.Enum<Measure>(measure, prefix + "measure", errors);
        var conditions = new AlertConditions(series, string.IsNullOrWhiteSpace(party) ? null : party.Trim().ToLowerInvariant(), m,
            minChange, newHigh ?? false, newLow ?? false, newSource ?? false);
        if (!conditions.Any && series is not null) errors.Add(prefix + "series", "goes with a condition: minChange, newHigh, newLow or newSource");
        return errors.Any || !conditions.Any ? null : conditions;
    }
}

// Alerts on meaning as the feeds deliver them: the estimate changes a figure event derives
// (Estimates/EstimateChanges), as CloudEvents of type timeline.estimate.changed. Derived once per
// event on an instance: every SSE subscriber and the webhook fan-out asking for the same event
// share one derivation (single flight keyed by the sequence), kept in a cache bounded in events and
// in bytes (the changes' JSON size) that lets the least recently read events go first.
using System.Diagnostics.Metrics;
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

public sealed class AlertFeed
{
    readonly FactStore facts;
    readonly IOptions<JsonOptions> json;
    readonly CancellationToken stopping;
    readonly int capacity;
    readonly long budget;
    readonly Counter<long> _derivations;
    readonly JsonEventFormatter _formatter = new(new JsonSerializerOptions(JsonSerializerDefaults.Web), default);

    // Least recently read first; a derivation still running is an entry too, so later askers wait on it.
    readonly Lock _gate = new();
    readonly Dictionary<long, LinkedListNode<Derived>> _bySequence = [];
    readonly LinkedList<Derived> _order = new();
    long _bytes;

    // Bytes is what the entry counts against the budget: 0 while it is derived, then the changes' JSON size.
    sealed record Derived(long Sequence, Task<IReadOnlyList<EstimateChanged>> Changes)
    {
        public long Bytes { get; set; }
    }

    public AlertFeed(FactStore facts, IOptions<JsonOptions> json, IOptions<FeedOptions> options, IMeterFactory meters, IHostApplicationLifetime lifetime)
    {
        this.facts = facts;
        this.json = json;
        stopping = lifetime.ApplicationStopping;
        capacity = options.Value.AlertCacheEvents;
        budget = options.Value.AlertCacheBytes;
        var meter = meters.Create("Timeline.Feed");
        _derivations = meter.CreateCounter<long>("timeline.feed.alert_derivations", "{event}",
            "Figure events whose estimate changes this instance derived (once per event while it stays cached, however many subscribers read it)");
        meter.CreateObservableGauge("timeline.feed.alert_cache_entries", () => { lock (_gate) return _bySequence.Count; }, "{event}",
            "Figure events whose estimate changes this instance keeps derived");
        meter.CreateObservableGauge("timeline.feed.alert_cache_bytes", () => Interlocked.Read(ref _bytes), "By",
            "What the kept estimate changes weigh, counted as their JSON size (bounded by Timeline:AlertCacheBytes)");
    }

    // The estimate changes the event made (none for events that carry no figure).
    public Task<IReadOnlyList<EstimateChanged>> ChangesAsync(FeedEvent e, CancellationToken ct)
    {
        if (e.Kind != StatementKind.Figure || e.EventName is not ("figure-reported" or "statement-corrected" or "statement-retracted"))
            return Task.FromResult<IReadOnlyList<EstimateChanged>>([]);
        TaskCompletionSource<IReadOnlyList<EstimateChanged>> mine;
        LinkedListNode<Derived> node;
        lock (_gate)
        {
            if (_bySequence.TryGetValue(e.Sequence, out var known))
            {
                _order.Remove(known);
                _order.AddLast(known);
                return known.Value.Changes.WaitAsync(ct);
            }
            mine = new(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _order.AddLast(new Derived(e.Sequence, mine.Task));
            _bySequence[e.Sequence] = node;
            Shed();
        }
        _ = DeriveAsync(e, mine, node);
        return mine.Task.WaitAsync(ct);
    }

    // Not cancelled by the asker who started it (the others are waiting on it too): only by the host stopping.
    async Task DeriveAsync(FeedEvent e, TaskCompletionSource<IReadOnlyList<EstimateChanged>> result, LinkedListNode<Derived> node)
    {
        _derivations.Add(1);
        try
        {
            var changes = await EstimateChanges.DeriveAsync(facts, e.StatementId, e.Sequence, stopping);
            var bytes = changes.Count == 0 ? 0 : JsonSerializer.SerializeToUtf8Bytes(changes, json.Value.SerializerOptions).LongLength;
            lock (_gate)
                if (node.List is not null)
                {
                    node.Value.Bytes = bytes;
                    Interlocked.Add(ref _bytes, bytes);
                    Shed();
                }
            result.SetResult(changes);
        }
        catch (Exception failure)
        {
            // Forget a failure, so the next asker derives again rather than meeting it for as long as it is cached.
            lock (_gate)
                if (node.List is not null) Forget(node);
            if (failure is OperationCanceledException) result.SetCanceled(stopping);
            else result.SetException(failure);
        }
    }

    // Under the gate: the least recently read go until both bounds hold (an entry over the whole budget goes too).
    void Shed()
    {
        while (_bySequence.Count > capacity || (Interlocked.Read(ref _bytes) > budget && _order.First is not null)) Forget(_order.First!);
    }

    void Forget(LinkedListNode<Derived> node)
    {
        _order.Remove(node);
        _bySequence.Remove(node.Value.Sequence);
        Interlocked.Add(ref _bytes, -node.Value.Bytes);
    }

    // The change as a CloudEvent: time is when the statement was made, recordedtime when Timeline recorded it.
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

    // The SSE frame, its id "sequence.ordinal" (one event may move two series), so a resume misses none.
    public ReadOnlyMemory<byte> ToSseFrame(EstimateChanged c) =>
        SseWriter.Frame($"{c.Sequence.ToString(CultureInfo.InvariantCulture)}.{c.Ordinal.ToString(CultureInfo.InvariantCulture)}", EstimateChanged.EventName, ToJson(c));

    // The alert conditions of a subscription, naming any bad one; null when none were asked for.
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

// Reads recorded events after a global sequence, straight from the event store. Appends commit
// in sequence order (see AppendOrder), so reading "after N" never skips a late-committing event.
using System.Text.Json;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Timeline.Statements;

namespace Timeline.Feed;

/// <summary>Events read, and the last sequence looked at (some events may not be shown).</summary>
public sealed record FeedPage(IReadOnlyList<FeedEvent> Events, long LastScanned);

public sealed class FeedReader(IDocumentStore store, IOptions<JsonOptions> json)
{
    JsonSerializerOptions Json => json.Value.SerializerOptions;

    public async Task<FeedPage> ReadAfterAsync(long after, int max, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence > after)
            .OrderBy(e => e.Sequence)
            .Take(max)
            .ToListAsync(ct);
        if (events.Count == 0) return new FeedPage([], after);
        var statements = (await session.LoadManyAsync<Statement>(ct, events.Select(e => e.StreamId).Distinct().ToArray()))
            .ToDictionary(s => s.Id);
        var shown = events
            .Select(e => FeedEvent.From(e, statements.GetValueOrDefault(e.StreamId), Json))
            .OfType<FeedEvent>()
            .ToList();
        return new FeedPage(shown, events[^1].Sequence);
    }

    public async Task<long> HighWaterMarkAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await HighWaterMarkAsync(session, ct);
    }

    /// <summary>The last recorded sequence; appends commit in sequence order, so everything up to it is there.</summary>
    public const string HighWaterMarkSql = $"select coalesce(max(seq_id), 0) from {Hosting.TimelineDatabase.Schema}.mt_events";

    public static async Task<long> HighWaterMarkAsync(IQuerySession session, CancellationToken ct) =>
        (await session.QueryAsync<long>(HighWaterMarkSql, ct)).Single();
}

// Reads recorded events after a global sequence, straight from the event store. Appends commit
// in sequence order (see AppendOrder), so reading "after N" never skips a late-committing event.
using System.Text.Json;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Timeline.EventLog;
using Timeline.Statements;

namespace Timeline.Feed;

// Events read, and the last sequence looked at (some events may not be shown).
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
        return new FeedPage(await ShowAsync(session, events, ct), events[^1].Sequence);
    }

    // The events at these sequences (those the feed shows), in sequence order.
    public async Task<IReadOnlyList<FeedEvent>> ReadAtAsync(long[] sequences, CancellationToken ct)
    {
        if (sequences.Length == 0) return [];
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => sequences.Contains(e.Sequence))
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        return await ShowAsync(session, events, ct);
    }

    async Task<List<FeedEvent>> ShowAsync(IQuerySession session, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var statements = (await session.LoadManyAsync<Statement>(ct, events.Select(e => e.StreamId).Distinct().ToArray()))
            .ToDictionary(s => s.Id);
        return events
            .Select(e => FeedEvent.From(e, statements.GetValueOrDefault(e.StreamId), Json))
            .OfType<FeedEvent>()
            .ToList();
    }

    public async Task<long> HighWaterMarkAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await LogTables.HighWaterMarkAsync(session, ct);
    }
}

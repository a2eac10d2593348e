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
        return await LogTables.HighWaterMarkAsync(session, ct);
    }
}

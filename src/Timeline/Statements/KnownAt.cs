// The system-time axis as every answer takes it: knownAt is an RFC 3339 instant or a basis (a
// global sequence); absent, it is now. One parser (Fields.KnownAt), so every endpoint and the
// replica routing read it the same way.
using Marten;
using Timeline.EventLog;
using Timeline.Http;

namespace Timeline.Statements;

public static class KnownAt
{
    /// <summary>The basis to answer at (now when absent), and the instant asked for if one was; null with errors when it cannot be.</summary>
    public static async Task<(long Basis, DateTimeOffset? Instant)?> ResolveAsync(string? knownAt, IQuerySession session, FieldErrors errors,
        CancellationToken ct, string field = "knownAt")
    {
        var current = await LogTables.HighWaterMarkAsync(session, ct);
        if (string.IsNullOrWhiteSpace(knownAt)) return (current, null);
        var (basis, instant) = Fields.KnownAt(knownAt, errors, field);
        if (basis > current) { errors.Add(field, $"basis {basis} has not been reached yet; the latest is {current}"); return null; }
        if (basis is { } b) return (b, null);
        if (instant is { } at) return (await LogTables.BasisAtAsync(session, at, ct), at);
        return null;
    }
}

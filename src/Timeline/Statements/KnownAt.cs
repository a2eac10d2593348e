// The system-time axis as every answer takes it: knownAt is an RFC 3339 instant or a basis (a
// global sequence); absent, it is now. One parser, so every endpoint reads it the same way.
using System.Globalization;
using Marten;
using Timeline.EventLog;
using Timeline.Http;

namespace Timeline.Statements;

public static class KnownAt
{
    public const string Expected = "must be an RFC 3339 instant (2026-02-23T12:00:00Z) or a basis (a global sequence number)";

    /// <summary>A basis, or an instant; null for both (with an error) when it is neither.</summary>
    public static (long? Basis, DateTimeOffset? Instant) Parse(string knownAt, FieldErrors errors, string field = "knownAt")
    {
        if (long.TryParse(knownAt, NumberStyles.None, CultureInfo.InvariantCulture, out var basis)) return (basis, null);
        if (DateTimeOffset.TryParse(knownAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant) && knownAt.Contains('T'))
            return (null, instant.ToUniversalTime());
        errors.Add(field, Expected);
        return (null, null);
    }

    /// <summary>The basis to answer at (now when absent), and the instant asked for if one was; null with errors when it cannot be.</summary>
    public static async Task<(long Basis, DateTimeOffset? Instant)?> ResolveAsync(string? knownAt, IQuerySession session, FieldErrors errors,
        CancellationToken ct, string field = "knownAt")
    {
        var current = await LogTables.HighWaterMarkAsync(session, ct);
        if (string.IsNullOrWhiteSpace(knownAt)) return (current, null);
        var (basis, instant) = Parse(knownAt, errors, field);
        if (basis > current) { errors.Add(field, $"basis {basis} has not been reached yet; the latest is {current}"); return null; }
        if (basis is { } b) return (b, null);
        if (instant is { } at) return (await LogTables.BasisAtAsync(session, at, ct), at);
        return null;
    }
}

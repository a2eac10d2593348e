// The two time axes as every answer takes them, resolved in one place with one set of messages:
// asOf (valid time) is a date, today when absent; knownAt (system time) is an RFC 3339 instant or a
// basis (a global sequence), now when absent. One parser (Fields.KnownAt), so every endpoint and the
// replica routing read them the same way.
using Marten;
using Timeline.EventLog;
using Timeline.Http;

namespace Timeline.Statements;

public sealed record Axes(DateOnly AsOf, DateTimeOffset? KnownAt, long? Basis);

public static class KnownAt
{
    public static string NotReached(long basis, long latest) => $"basis {basis} has not been reached yet; the latest is {latest}";

    // The basis to answer at and the instant asked for, if one was; null with errors when it cannot be.
    // Absent, it is now: the latest basis, or (unless resolveNow) a null basis for the query to fix.
    public static async Task<(long? Basis, DateTimeOffset? Instant)?> ResolveAsync(string? knownAt,
        Func<CancellationToken, Task<long>> latest, Func<DateTimeOffset, CancellationToken, Task<long>> basisAt,
        FieldErrors errors, CancellationToken ct, string field = "knownAt", bool resolveNow = true)
    {
        if (string.IsNullOrWhiteSpace(knownAt)) return (resolveNow ? await latest(ct) : null, null);
        var (basis, instant) = Fields.KnownAt(knownAt, errors, field);
        if (basis is { } b)
        {
            var current = await latest(ct);
            if (b <= current) return (b, null);
            errors.Add(field, NotReached(b, current));
            return null;
        }
        return instant is { } at ? (await basisAt(at, ct), at) : null;
    }

    // Both axes: asOf (today when absent) and knownAt as ResolveAsync reads it.
    public static async Task<Axes?> AxesAsync(string? asOf, string? knownAt, TimeProvider clock,
        Func<CancellationToken, Task<long>> latest, Func<DateTimeOffset, CancellationToken, Task<long>> basisAt,
        FieldErrors errors, CancellationToken ct, string field = "knownAt", bool resolveNow = true)
    {
        var date = asOf is null ? clock.Today() : Fields.Date(asOf, "asOf", errors, required: true);
        var known = await ResolveAsync(knownAt, latest, basisAt, errors, ct, field, resolveNow);
        return date is { } d && known is { } k ? new Axes(d, k.Instant, k.Basis) : null;
    }

    // Both axes for Marten's queries: asOf (today when absent), and knownAt's basis (now when absent).
    public static Task<Axes?> AxesAsync(string? asOf, string? knownAt, TimeProvider clock, IQuerySession session, FieldErrors errors, CancellationToken ct) =>
        AxesAsync(asOf, knownAt, clock, c => LogTables.HighWaterMarkAsync(session, c), (at, c) => LogTables.BasisAtAsync(session, at, c), errors, ct);

    // knownAt for Marten's queries: the basis to answer at (now when absent), and the instant asked for if one was.
    public static async Task<(long Basis, DateTimeOffset? Instant)?> ResolveAsync(string? knownAt, IQuerySession session, FieldErrors errors,
        CancellationToken ct, string field = "knownAt") =>
        await ResolveAsync(knownAt, c => LogTables.HighWaterMarkAsync(session, c), (at, c) => LogTables.BasisAtAsync(session, at, c), errors, ct, field)
            is ({ } basis, var instant) ? (basis, instant) : null;
}

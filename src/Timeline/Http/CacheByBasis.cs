// Endpoint metadata for HTTP caching: the answer is a function of its request (path, query,
// Accept) and the basis it is read at. When the query names the basis (and every date the answer
// would otherwise take from today), the answer can never change; otherwise it changes only when
// the basis moves (or the day does).
namespace Timeline.Http;

/// <summary>The answer is fixed when <see cref="Basis"/> is a basis number and every one of <see cref="Dates"/> is given.</summary>
public sealed record FixedWhen(string Basis, params string[] Dates);

/// <param name="Reports">The endpoint reports the basis it read at (<see cref="ReportedBasis"/>): an answer
/// about the present is tagged with it, and nothing reads the latest basis ahead of the answer.</param>
public sealed record CacheByBasis(IReadOnlyList<FixedWhen> Fixed, bool Reports = false);

/// <summary>The basis an answer was read at, told by its endpoint to the caching middleware.</summary>
public sealed class ReportedBasis
{
    public long? Basis { get; set; }
}

public static class CacheByBasisExtensions
{
    public static RouteHandlerBuilder CacheableByBasis(this RouteHandlerBuilder endpoint, params FixedWhen[] fixedWhen) =>
        endpoint.WithMetadata(new CacheByBasis(fixedWhen));

    /// <summary>Cacheable by basis, and the endpoint calls <see cref="ReportBasis"/> with the basis it read at.</summary>
    public static RouteHandlerBuilder CacheableByTheBasisItReports(this RouteHandlerBuilder endpoint, params FixedWhen[] fixedWhen) =>
        endpoint.WithMetadata(new CacheByBasis(fixedWhen, Reports: true));

    /// <summary>Tells the caching middleware (when it asked) which basis this answer was read at.</summary>
    public static void ReportBasis(this HttpContext http, long basis)
    {
        if (http.Features.Get<ReportedBasis>() is { } reported) reported.Basis = basis;
    }
}

/// <summary>Endpoint metadata: its reads may be served by a read replica (routed by the basis the query asks for).</summary>
public sealed record ReadsFromReplica
{
    /// <summary>The services key of what such an endpoint reads with: a query session (or fact store) on the chosen source.</summary>
    public const string Key = "reads";

    /// <summary>The response header naming the source that answered: replica or primary.</summary>
    public const string Header = "Timeline-Read-From";
}

public static class ReadsFromReplicaExtensions
{
    public static RouteHandlerBuilder ReadFromReplica(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(new ReadsFromReplica());
}

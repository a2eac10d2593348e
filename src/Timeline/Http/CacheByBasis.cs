// Endpoint metadata for HTTP caching: the answer is a function of its request (path, query,
// Accept) and the basis it is read at. When the query names the basis (and every date the answer
// would otherwise take from today), the answer can never change; otherwise it changes only when
// the basis moves (or the day does).
namespace Timeline.Http;

// The answer is fixed when Basis is a basis number and every one of Dates is given.
public sealed record FixedWhen(string Basis, params string[] Dates);

// Reports: the endpoint reports the basis it read at (ReportedBasis): an answer about the present
// is tagged with it, and nothing reads the latest basis ahead of the answer.
public sealed record CacheByBasis(IReadOnlyList<FixedWhen> Fixed, bool Reports = false);

// The basis an answer was read at, told by its endpoint to the caching middleware.
public sealed class ReportedBasis
{
    public long? Basis { get; set; }
}

public static class CacheByBasisExtensions
{
    public static RouteHandlerBuilder CacheableByBasis(this RouteHandlerBuilder endpoint, params FixedWhen[] fixedWhen) =>
        endpoint.WithMetadata(new CacheByBasis(fixedWhen));

    // Cacheable by basis, and the endpoint calls ReportBasis with the basis it read at.
    public static RouteHandlerBuilder CacheableByTheBasisItReports(this RouteHandlerBuilder endpoint, params FixedWhen[] fixedWhen) =>
        endpoint.WithMetadata(new CacheByBasis(fixedWhen, Reports: true));

    // Tells the caching middleware (when it asked) which basis this answer was read at.
    public static void ReportBasis(this HttpContext http, long basis)
    {
        if (http.Features.Get<ReportedBasis>() is { } reported) reported.Basis = basis;
    }
}

// Endpoint metadata: its reads may be served by a read replica (routed by the basis the query asks for).
public sealed record ReadsFromReplica
{
    // The services key of what such an endpoint reads with: a query session (or fact store) on the chosen source.
    public const string Key = "reads";

    // The response header naming the source that answered: replica or primary.
    public const string Header = "Timeline-Read-From";
}

public static class ReadsFromReplicaExtensions
{
    public static RouteHandlerBuilder ReadFromReplica(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(new ReadsFromReplica());
}

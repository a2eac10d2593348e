// Endpoint metadata for HTTP caching: the answer is a function of its request (path, query,
// Accept) and the basis it is read at. When the query names the basis (and every date the answer
// would otherwise take from today), the answer can never change; otherwise it changes only when
// the basis moves (or the day does).
namespace Timeline.Http;

/// <summary>The answer is fixed when <see cref="Basis"/> is a basis number and every one of <see cref="Dates"/> is given.</summary>
public sealed record FixedWhen(string Basis, params string[] Dates);

public sealed record CacheByBasis(IReadOnlyList<FixedWhen> Fixed);

public static class CacheByBasisExtensions
{
    public static RouteHandlerBuilder CacheableByBasis(this RouteHandlerBuilder endpoint, params FixedWhen[] fixedWhen) =>
        endpoint.WithMetadata(new CacheByBasis(fixedWhen));
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

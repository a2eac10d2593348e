// What an API key may do, as authorization policy names: endpoints require them, Security grants them.
namespace Timeline.Http;

public static class Rights
{
    public const string Write = "write";
    public const string Admin = "admin";
    public static readonly string[] All = [Write, Admin];
}

public static class WriteEndpoints
{
    // What every write that takes a JSON body declares: the write right, the body, and the two problems any body can get.
    public static RouteHandlerBuilder WritesJson<TRequest>(this RouteHandlerBuilder endpoint) where TRequest : notnull =>
        endpoint.RequireAuthorization(Rights.Write)
            .Accepts<TRequest>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}

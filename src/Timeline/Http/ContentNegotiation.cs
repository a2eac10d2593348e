// Which representation a client asked for, by its Accept header (JSON unless it names another).
namespace Timeline.Http;

public static class ContentNegotiation
{
    public static bool Accepts(this HttpRequest request, string mediaType) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains(mediaType, StringComparison.OrdinalIgnoreCase));
}

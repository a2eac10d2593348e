// Reading a JSON request body: its media type, a hard size limit, strict parsing (unknown
// properties are refused, so a typo cannot silently drop data), and the field at fault named
// in the 400 when it does not parse.
using System.Text.Json;

namespace Timeline.Http;

public static class JsonBody
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    // The body as T, its raw bytes (for idempotency hashing), or the problem to answer with:
    // a Microsoft.AspNetCore.Http.HttpResults.ValidationProblem (400) or a
    // Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult (413, 415).
    public static async Task<(T? Value, byte[] Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, long limit, CancellationToken ct) where T : class
    {
        if (!RequestBody.IsJsonOrUnstated(request)) return (null, [], Problems.UnsupportedMediaType("application/json"));
        byte[] body;
        try { body = await RequestBody.ReadAsync(request, limit, ct); }
        catch (BodyTooLargeException e) { return (null, [], Problems.TooLarge(e.Limit)); }
        try
        {
            var value = JsonSerializer.Deserialize<T>(body, Options);
            return value is null ? (null, body, Problems.Validation("body", "must be a JSON object")) : (value, body, null);
        }
        catch (JsonException e)
        {
            var (field, message) = Describe(e);
            return (null, body, Problems.Validation(field, message));
        }
    }

    // Turns System.Text.Json's failure into the field it happened at ("$[3].figure.value" → "items[3].figure.value").
    public static (string Field, string Message) Describe(JsonException e, string itemsPrefix = "")
    {
        var path = e.Path ?? "$";
        var field = path.TrimStart('$').TrimStart('.');
        if (field.StartsWith('[')) field = itemsPrefix + field;
        if (field.Length == 0) field = "body";
        var message = e.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "is not a known field"
            : e.Message.Contains("could not be converted", StringComparison.Ordinal) ? "has the wrong type (a number must be a whole number, text must be a string)"
            : "is not valid JSON here";
        // For an unknown property the path already ends at it; name it ourselves when it does not.
        if (message == "is not a known field" && e.Message.IndexOf('\'') is var q and >= 0 && e.Message.IndexOf('\'', q + 1) is var q2 and > 0
            && e.Message[(q + 1)..q2] is var name && !field.EndsWith(name, StringComparison.Ordinal))
            field = (field == "body" ? "" : field + ".") + name;
        return (field, message);
    }
}

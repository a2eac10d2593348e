// A JSON answer written in one synchronous pass straight into the response's pipe. The default
// (WriteAsJsonAsync) serialises resumably, flushing as it goes; for a large answer, such as a
// series history, that bookkeeping cost more than the serialising itself, measured.
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Timeline.Http;

public sealed class JsonAnswer<T>(T value) : IResult, IEndpointMetadataProvider
{
    // What OpenAPI learns from an endpoint's signature: a 200 with T as JSON.
    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));

    public async Task ExecuteAsync(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        // The writer's own options decide escaping: take the encoder the rest of the API uses.
        await using (var writer = new Utf8JsonWriter(http.Response.BodyWriter, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented }))
            JsonSerializer.Serialize(writer, value, options);
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }
}

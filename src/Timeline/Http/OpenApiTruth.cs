// The OpenAPI document describes answers as they are written: every null is left out of our JSON
// (WhenWritingNull), so a property that can be null is optional, not required — except those
// marked to be written always (JsonIgnoreCondition.Never: knownAt, nextCursor).
using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Timeline.Http;

public static class OpenApiTruth
{
    // Answers every API operation may give besides its own: 400 (control characters, or a "." or ".." path
    // segment, are refused before any endpoint runs), 414 (a target over 8 KiB), 429 (rate limits), 503 (the
    // database away or busy), and for those that need a key, 401 and 403.
    public static OpenApiOptions DescribeCommonAnswers(this OpenApiOptions options) =>
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (!context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) ?? true) return Task.CompletedTask;
            operation.Responses ??= new OpenApiResponses();
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var needsKey = metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<AuthorizationPolicy>().Any();
            foreach (var (status, text) in new[] { ("400", "A parameter is invalid, or the path or a parameter holds control characters or a '.' or '..' segment"),
                         ("414", "The request target (path and query) is longer than 8 KiB"),
                         ("429", "Too many requests from this address (Retry-After says when to try again)"),
                         ("503", "The database is unreachable or busy; nothing was recorded (Retry-After)") }
                         .Concat(needsKey ? [("401", "No API key, or an unknown one"), ("403", "The key lacks the right this needs")] : []))
                if (!operation.Responses.ContainsKey(status))
                    operation.Responses[status] = new OpenApiResponse
                    {
                        Description = text,
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", null) } },
                    };
            return Task.CompletedTask;
        });

    public static OpenApiOptions DescribeAbsentNulls(this OpenApiOptions options) =>
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (schema.Required is not { Count: > 0 } required) return Task.CompletedTask;
            foreach (var property in context.JsonTypeInfo.Properties)
            {
                var canBeNull = property.IsGetNullable || Nullable.GetUnderlyingType(property.PropertyType) is not null;
                var alwaysWritten = property.AttributeProvider is ICustomAttributeProvider attributes
                    && attributes.GetCustomAttributes(typeof(JsonIgnoreAttribute), true).OfType<JsonIgnoreAttribute>().Any(a => a.Condition == JsonIgnoreCondition.Never);
                if (canBeNull && !alwaysWritten) required.Remove(property.Name);
            }
            return Task.CompletedTask;
        });
}

// How the API speaks: camelCase JSON with kebab-case vocabularies, RFC 9457 problems (binding
// failures included), and its OpenAPI description with the reference page at /docs.
using System.Text.Json;
using System.Text.Json.Serialization;
using Scalar.AspNetCore;

namespace Timeline.Http;

public static class HttpApi
{
    public static IServiceCollection AddHttpApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddProblemDetails();
        services.AddOpenApi(o => o.DescribeAbsentNulls().DescribeCommonAnswers());
        return services.AddBindingProblems();
    }

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        // Fonts and telemetry would come from scalar.com; the reference page's policy lets it reach only us.
        app.MapScalarApiReference("/docs", o => o.WithTitle("Timeline API").DisableDefaultFonts().DisableTelemetry());
        return app;
    }
}

public static class RequestChecks
{
    // Before anything answers: the headers every answer carries, problems for what throws, targets
    // and characters refused as sent (before routing resolves them), the rate limits, problems for bare statuses.
    public static IApplicationBuilder UseRequestChecks(this IApplicationBuilder app) =>
        app.UseSecurityHeaders()
            .UseExceptionHandler()
            .UseRequestTargetCheck()
            .UseControlCharacterCheck()
            .UseRateLimiter()
            .UseStatusCodePages();
}

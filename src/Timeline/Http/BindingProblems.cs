// A query or route value that cannot become its parameter's type (limit=abc, after=1e99) is a
// 400 problem naming that parameter, like every other bad input — not an empty 400.
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Routing;

namespace Timeline.Http;

public sealed partial class BindingProblems : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad || http.Response.HasStarted) return false;
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await Problems.TooLarge(http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0).ExecuteAsync(http);
            return true;
        }
        // Named as the client writes it: a property of an [AsParameters] record ("MinChange") is the query's minChange.
        var field = Parameter().Match(bad.Message) is { Success: true } m ? JsonNamingPolicy.CamelCase.ConvertName(m.Groups["name"].Value) : "request";
        await Problems.Validation(field, "is not a valid value of its type (a whole number, a date, an id…)", "").ExecuteAsync(http);
        return true;
    }

    // "Failed to bind parameter "int? limit" from "abc"." / "Required parameter "Guid id" was not provided ..."
    [GeneratedRegex("parameter \"(?:[^\" ]+ )?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"", RegexOptions.NonBacktracking)]
    private static partial Regex Parameter();
}

public static class BindingProblemsSetup
{
    public static IServiceCollection AddBindingProblems(this IServiceCollection services) =>
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true).AddExceptionHandler<BindingProblems>();
}

// Query parameters and path segments with control characters (a NUL, say) are refused up front
// with a problem naming the parameter, before any endpoint hands them to PostgreSQL, whose text
// cannot hold a NUL: the answer is a 400 that says why, never a 500.
namespace Timeline.Http;

public static class ControlCharacters
{
    public static IApplicationBuilder UseControlCharacterCheck(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var errors = new FieldErrors();
            if (Fields.HasControlCharacters(http.Request.Path.Value ?? "")) errors.Add("path", "must not contain control characters");
            foreach (var (name, values) in http.Request.Query)
                if (Fields.HasControlCharacters(name) || values.Any(v => v is not null && Fields.HasControlCharacters(v)))
                    errors.Add(Fields.HasControlCharacters(name) ? "query" : name, "must not contain control characters");
            if (errors.Any)
            {
                await Problems.Validation(errors).ExecuteAsync(http);
                return;
            }
            await next();
        });
}

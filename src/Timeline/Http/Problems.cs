// RFC 9457 problem details for every error the API gives, naming the fields at fault. Typed, so
// an endpoint's signature (Results<Ok<T>, ProblemHttpResult, ...>) documents what it answers.
using Microsoft.AspNetCore.Http.HttpResults;

namespace Timeline.Http;

public static class Problems
{
    public static ValidationProblem Validation(Dictionary<string, string[]> errors, string detail = "Nothing was recorded.") =>
        TypedResults.ValidationProblem(errors, string.IsNullOrEmpty(detail) ? null : detail, title: "The request has invalid fields");

    // A request whose fields were wrong before anything was done (a read, say): the fields named, no detail.
    public static ValidationProblem Validation(FieldErrors errors) => Validation(errors.ToDictionary(), "");

    public static ValidationProblem Validation(string field, string message, string detail = "Nothing was recorded.") =>
        Validation(new Dictionary<string, string[]> { [field] = [message] }, detail);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem($"The request body must be at most {limit:N0} bytes. Nothing was recorded.",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large");

    public static ProblemHttpResult UnsupportedMediaType(string expected) =>
        TypedResults.Problem($"Send the body as {expected}.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");

    public static ProblemHttpResult IdempotencyKeyReused() =>
        TypedResults.Problem("This Idempotency-Key was first used with a different request body. Use a new key for a new request.",
            statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused");
}

// GET /api/statements/{id} and GET /api/statements: statements as they stand, in recording order.
using System.Text.Json.Serialization;
using Marten;
using Timeline.EventLog;
using Timeline.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Timeline.Statements;

public sealed record StatementPage(
    IReadOnlyList<Statement> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor);

public static class GetStatements
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
    // Paged by recording order: the global sequence to continue after.
    const string List = "statements";

    // From the replica when it has it; else from the primary, so a statement read back by the id its write returned is found.
    public static async Task<Results<Ok<Statement>, ProblemHttpResult>> One(Guid id, [FromKeyedServices(ReadsFromReplica.Key)] IQuerySession session,
        IQuerySession primary, ReadSource source, HttpContext http, CancellationToken ct)
    {
        var statement = await session.LoadAsync<Statement>(id, ct);
        if (statement is null && source.FromReplica)
        {
            statement = await primary.LoadAsync<Statement>(id, ct);
            http.Response.Headers[ReadsFromReplica.Header] = "primary";
        }
        return statement is not null ? TypedResults.Ok(statement) : Problems.NotFound($"No statement has the id {id}.");
    }

    public static async Task<Results<Ok<StatementPage>, ValidationProblem>> Page(string? cursor, int? limit, [FromKeyedServices(ReadsFromReplica.Key)] IQuerySession session, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var take = Fields.Limit(limit, DefaultLimit, MaxLimit, errors);
        var after = PageCursor.Read<long>(cursor, List, errors, sequence => sequence >= 0)?.After ?? 0;
        if (errors.Any) return Problems.Validation(errors);

        var page = await session.Query<Statement>()
            .Where(s => s.Sequence > after)
            .OrderBy(s => s.Sequence)
            .Take(take + 1)
            .ToListAsync(ct);
        var next = page.Count > take ? PageCursor.Encode(List, null, page[take - 1].Sequence) : null;
        return TypedResults.Ok(new StatementPage(page.Take(take).ToList(), next));
    }
}

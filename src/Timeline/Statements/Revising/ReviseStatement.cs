// POST /api/statements/{id}/corrections and /retractions: one revision path, two decisions. A
// revision is a new event on the statement's stream, appended with an expected version so two
// revisions cannot interleave.
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Timeline.EventLog;
using Timeline.Http;

namespace Timeline.Statements.Revising;

public sealed record RevisedStatement(Guid Id, long Sequence, long Version, bool Duplicate);

public static class ReviseStatement
{
    const int MaxAttempts = 5;

    // POST /api/statements/{id}/corrections and /retractions, in the statements group (StatementsModule).
    public static RouteGroupBuilder MapRevising(this RouteGroupBuilder statements)
    {
        statements.MapPost("/{id:guid}/corrections", ReviseStatement.Correct)
            .WritesJson<CorrectionRequest>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Correct a figure from a date on");
        statements.MapPost("/{id:guid}/retractions", ReviseStatement.Retract)
            .WritesJson<RetractionRequest>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Retract a statement from a date on");
        return statements;
    }

    public static Task<Results<Created<RevisedStatement>, Ok<RevisedStatement>, ValidationProblem, ProblemHttpResult>> Correct(
        Guid id, HttpContext http, IDocumentStore store, TimeProvider clock, IOptions<StatementOptions> options, CancellationToken ct) =>
        ReviseAsync<CorrectionRequest, Correction>(id, http, store, clock, options, RevisionValidation.Validate, RevisionDecision.Decide, ct);

    public static Task<Results<Created<RevisedStatement>, Ok<RevisedStatement>, ValidationProblem, ProblemHttpResult>> Retract(
        Guid id, HttpContext http, IDocumentStore store, TimeProvider clock, IOptions<StatementOptions> options, CancellationToken ct) =>
        ReviseAsync<RetractionRequest, Retraction>(id, http, store, clock, options, RevisionValidation.Validate, RevisionDecision.Decide, ct);

    delegate TRevision? Validation<TRequest, TRevision>(TRequest request, Guid id, string? recordedBy, DateOnly today, FieldErrors errors);

    // Reads and validates the request, then decides against the statement as it stands and appends at its
    // current version; a revision that lands first makes ours fail, and we decide again. Conflicts that
    // outlast every attempt answer 409: the client may repeat the request, which is idempotent.
    static async Task<Results<Created<RevisedStatement>, Ok<RevisedStatement>, ValidationProblem, ProblemHttpResult>> ReviseAsync<TRequest, TRevision>(
        Guid id, HttpContext http, IDocumentStore store, TimeProvider clock, IOptions<StatementOptions> options,
        Validation<TRequest, TRevision> validate, Func<Statement?, TRevision, RevisionDecision> decide, CancellationToken ct)
        where TRequest : class where TRevision : class
    {
        var (request, body, problem) = await JsonBody.ReadAsync<TRequest>(http.Request, options.Value.MaxStatementBytes, ct);
        if (problem is ValidationProblem invalid) return invalid;
        if (problem is ProblemHttpResult refused) return refused;

        var errors = new FieldErrors();
        if (validate(request!, id, http.User.Identity?.Name, clock.Today(), errors) is not { } revision) return Problems.Validation(errors.ToDictionary());
        if (!IdempotencyKey.TryRead(http, body, out var key, out var keyProblem)) return keyProblem!;

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            await using var session = store.LightweightSession();
            await session.BeginAppendAsync(ct);
            var statement = await session.LoadAsync<Statement>(id, ct);
            // The same Idempotency-Key again: the first answer, whatever has happened since.
            IdempotentRequest? prior;
            try { prior = await session.FirstAnswerAsync(key, ct); }
            catch (IdempotencyKeyReusedException) { return Problems.IdempotencyKeyReused(); }
            if (prior is not null)
            {
                if (prior.Revised is not { } first) return Problems.IdempotencyKeyReused();
                Idempotency.MarkReplayed(http.Response);
                var answer = WithSequence(first, statement);
                return prior.RevisedStatus == StatusCodes.Status201Created ? TypedResults.Created($"/api/statements/{id}", answer) : TypedResults.Ok(answer);
            }
            switch (decide(statement, revision))
            {
                case RevisionDecision.Refused { Why: RevisionRefusal.UnknownStatement } r: return Problems.NotFound(r.Message);
                case RevisionDecision.Refused { Why: RevisionRefusal.BeforeTheStatement } r: return Problems.Validation("statedOn", r.Message);
                case RevisionDecision.Refused r: return Problems.Conflict(r.Message);
                case RevisionDecision.AlreadyRecorded { Earlier: var earlier }:
                    return TypedResults.Ok(new RevisedStatement(id, earlier.Sequence, earlier.Version, Duplicate: true));
                case RevisionDecision.Append { Event: var revised }:
                    var action = session.Events.Append(id, statement!.Version + 1, revised);
                    session.KeepAnswer(key, clock.GetUtcNow(), revised: new RevisedStatement(id, 0, statement.Version + 1, Duplicate: false),
                        revisedStatus: StatusCodes.Status201Created);
                    try
                    {
                        await session.SaveChangesAsync(ct);
                    }
                    catch (ConcurrencyException)
                    {
                        continue;
                    }
                    var appended = action.Events[^1];
                    return TypedResults.Created($"/api/statements/{id}", new RevisedStatement(id, appended.Sequence, appended.Version, Duplicate: false));
            }
        }
        return Problems.Conflict($"The statement was revised by others {MaxAttempts} times while this revision was being recorded; nothing was recorded. Repeat the request.");
    }

    // A kept answer's sequence is the log's: the revision at the kept version says it.
    static RevisedStatement WithSequence(RevisedStatement kept, Statement? statement) =>
        kept.Sequence != 0 ? kept
        : kept with { Sequence = statement?.Revisions.FirstOrDefault(r => r.Version == kept.Version)?.Sequence ?? 0 };
}

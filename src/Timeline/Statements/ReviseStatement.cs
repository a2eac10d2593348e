// POST /api/statements/{id}/corrections and /retractions: revisions are new events on the
// statement's stream, appended with an expected version so two revisions cannot interleave.
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Timeline.EventLog;
using Timeline.Http;

namespace Timeline.Statements;

public sealed record RevisedStatement(Guid Id, long Sequence, long Version, bool Duplicate);

public static class ReviseStatement
{
    const int MaxAttempts = 5;

    public static async Task<Results<Created<RevisedStatement>, Ok<RevisedStatement>, ValidationProblem, ProblemHttpResult>> Correct(
        Guid id, HttpContext http, IDocumentStore store, TimeProvider clock, IOptions<StatementOptions> options, CancellationToken ct)
    {
        var (request, body, problem) = await JsonBody.ReadAsync<CorrectionRequest>(http.Request, options.Value.MaxStatementBytes, ct);
        if (problem is ValidationProblem invalid) return invalid;
        if (problem is ProblemHttpResult refused) return refused;

        var today = clock.Today();
        var errors = new FieldErrors();
        var statedOn = StatementValidation.Date(request!.StatedOn, "statedOn", today, errors, required: true);
        var reason = Fields.Text(request.Reason, "reason", StatementValidation.MaxText, errors, required: true);
        var figure = StatementValidation.ValidateFigure(request.Figure, "figure", today, errors);
        var quote = Fields.Text(request.Quote, "quote", StatementValidation.MaxQuote, errors, required: false);
        var source = StatementValidation.ValidateSource(request.Source, "source", today, errors, required: false);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        if (!Idempotency.TryRead(http, body, out var key, out var keyProblem)) return keyProblem!;

        var correction = new Correction(id, statedOn!.Value, figure!, reason!, quote, source, http.User.Identity?.Name);
        return await AppendAsync(id, http, key, store, statement => RevisionDecision.Decide(statement, correction), ct);
    }

    public static async Task<Results<Created<RevisedStatement>, Ok<RevisedStatement>, ValidationProblem, ProblemHttpResult>> Retract(
        Guid id, HttpContext http, IDocumentStore store, TimeProvider clock, IOptions<StatementOptions> options, CancellationToken ct)
    {
        var (request, body, problem) = await JsonBody.ReadAsync<RetractionRequest>(http.Request, options.Value.MaxStatementBytes, ct);
        if (problem is ValidationProblem invalid) return invalid;
        if (problem is ProblemHttpResult refused) return refused;

        var today = clock.Today();
        var errors = new FieldErrors();
        var statedOn = StatementValidation.Date(request!.StatedOn, "statedOn", today, errors, required: true);
        var reason = Fields.Text(request.Reason, "reason", StatementValidation.MaxText, errors, required: true);
        var quote = Fields.Text(request.Quote, "quote", StatementValidation.MaxQuote, errors, required: false);
        var source = StatementValidation.ValidateSource(request.Source, "source", today, errors, required: false);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        if (!Idempotency.TryRead(http, body, out var key, out var keyProblem)) return keyProblem!;

        var retraction = new Retraction(id, statedOn!.Value, reason!, quote, source, http.User.Identity?.Name);
        return await AppendAsync(id, http, key, store, statement => RevisionDecision.Decide(statement, retraction), ct);
    }

    /// <summary>
    /// Decides against the statement as it stands and appends at its current version; a revision
    /// that lands first makes ours fail, and we decide again. Conflicts that outlast every attempt
    /// answer 409: the client may repeat the request, which is idempotent.
    /// </summary>
    static async Task<Results<Created<RevisedStatement>, Ok<RevisedStatement>, ValidationProblem, ProblemHttpResult>> AppendAsync(
        Guid id, HttpContext http, Idempotency.Key? key, IDocumentStore store, Func<Statement?, RevisionDecision> decide, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            await using var session = store.LightweightSession();
            await session.BeginAppendAsync(ct);
            // The same Idempotency-Key again: the first answer, whatever has happened since.
            if (key is not null && await session.LoadAsync<IdempotentRequest>(key.Id, ct) is { } prior)
            {
                if (prior.RequestHash != key.Hash || prior.Revised is not { } first) return Problems.IdempotencyKeyReused();
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return prior.RevisedStatus == StatusCodes.Status201Created
                    ? TypedResults.Created($"/api/statements/{id}", first)
                    : TypedResults.Ok(first);
            }
            var statement = await session.LoadAsync<Statement>(id, ct);
            switch (decide(statement))
            {
                case RevisionDecision.Refused { Why: RevisionRefusal.UnknownStatement } r: return Problems.NotFound(r.Message);
                case RevisionDecision.Refused { Why: RevisionRefusal.BeforeTheStatement } r: return Problems.Validation("statedOn", r.Message);
                case RevisionDecision.Refused r: return Problems.Conflict(r.Message);
                case RevisionDecision.AlreadyRecorded { Earlier: var earlier }:
                    return TypedResults.Ok(new RevisedStatement(id, earlier.Sequence, earlier.Version, Duplicate: true));
                case RevisionDecision.Append { Event: var revision }:
                    var action = session.Events.Append(id, statement!.Version + 1, revision);
                    try
                    {
                        await session.SaveChangesAsync(ct);
                    }
                    catch (ConcurrencyException)
                    {
                        continue;
                    }
                    var appended = action.Events[^1];
                    var answer = new RevisedStatement(id, appended.Sequence, appended.Version, Duplicate: false);
                    // The answer is kept just after: were it lost in between, a repeat is still recorded once,
                    // as the same revision already recorded (200, duplicate) rather than the first answer.
                    if (key is not null) await KeepAsync(store, key, answer, http.RequestServices.GetRequiredService<TimeProvider>(), ct);
                    return TypedResults.Created($"/api/statements/{id}", answer);
            }
        }
        return Problems.Conflict($"The statement was revised by others {MaxAttempts} times while this revision was being recorded; nothing was recorded. Repeat the request.");
    }

    /// <summary>Keeps a revision's answer under its Idempotency-Key, to give it again to a repeat of the request.</summary>
    static async Task KeepAsync(IDocumentStore store, Idempotency.Key key, RevisedStatement answer, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Store(new IdempotentRequest { Id = key.Id, RequestHash = key.Hash, Revised = answer, RevisedStatus = StatusCodes.Status201Created, RecordedAt = clock.GetUtcNow() });
        await session.SaveChangesAsync(ct);
    }
}

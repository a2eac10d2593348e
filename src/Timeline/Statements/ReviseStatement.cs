// POST /api/statements/{id}/corrections and /retractions: revisions are new events on the
// statement's stream, appended with an expected version so two revisions cannot interleave.
using JasperFx;
using Marten;
using Microsoft.Extensions.Options;
using Timeline.Hosting;
using Timeline.Http;

namespace Timeline.Statements;

public sealed record RevisedStatement(Guid Id, long Sequence, long Version, bool Duplicate);

public static class ReviseStatement
{
    public static async Task<IResult> Correct(Guid id, HttpContext http, IDocumentStore store, TimeProvider clock,
        IOptions<TimelineOptions> options, CancellationToken ct)
    {
        var (request, _, problem) = await JsonBody.ReadAsync<CorrectionRequest>(http.Request, options.Value.MaxStatementBytes, ct);
        if (problem is not null) return problem;

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var errors = new FieldErrors();
        var statedOn = StatementValidation.ParseDate(request!.StatedOn, "statedOn", today, errors, required: true);
        var reason = StatementValidation.Text(request.Reason, "reason", StatementValidation.MaxText, errors, required: true);
        var figure = StatementValidation.ValidateFigure(request.Figure, "figure", today, errors);
        var quote = StatementValidation.Text(request.Quote, "quote", StatementValidation.MaxQuote, errors, required: false);
        var source = StatementValidation.ValidateSource(request.Source, "source", today, errors, required: false);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        return await Append(id, store, ct, statement =>
        {
            if (statement.Kind != StatementKind.Figure)
                return (null, Problems.Conflict("Only figures can be corrected. Retract this statement and record the new one instead."));
            if (statement.Revisions.FirstOrDefault(r => r.Change == Change.Corrected && r.StatedOn == statedOn && r.Figure == figure) is { } same)
                return (same, null);
            return (new StatementCorrected(id, statedOn!.Value, figure!, reason!, quote, source), null);
        }, statedOn!.Value);
    }

    public static async Task<IResult> Retract(Guid id, HttpContext http, IDocumentStore store, TimeProvider clock,
        IOptions<TimelineOptions> options, CancellationToken ct)
    {
        var (request, _, problem) = await JsonBody.ReadAsync<RetractionRequest>(http.Request, options.Value.MaxStatementBytes, ct);
        if (problem is not null) return problem;

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var errors = new FieldErrors();
        var statedOn = StatementValidation.ParseDate(request!.StatedOn, "statedOn", today, errors, required: true);
        var reason = StatementValidation.Text(request.Reason, "reason", StatementValidation.MaxText, errors, required: true);
        var quote = StatementValidation.Text(request.Quote, "quote", StatementValidation.MaxQuote, errors, required: false);
        var source = StatementValidation.ValidateSource(request.Source, "source", today, errors, required: false);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        return await Append(id, store, ct,
            _ => (new StatementRetracted(id, statedOn!.Value, reason!, quote, source), null), statedOn!.Value);
    }

    /// <summary>
    /// Decides against the statement as it stands and appends at its current version; a revision
    /// that lands first makes ours fail, and we decide again. Decide returns the event to append,
    /// or an identical earlier revision (a retried request), or a problem.
    /// </summary>
    static async Task<IResult> Append(Guid id, IDocumentStore store, CancellationToken ct,
        Func<Statement, (object? Event, IResult? Problem)> decide, DateOnly statedOn)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            await session.BeginAppendAsync(ct);
            var statement = await session.LoadAsync<Statement>(id, ct);
            if (statement is null) return Problems.NotFound($"No statement has the id {id}.");
            if (statement.Status == StatementStatus.Retracted)
                return Problems.Conflict("This statement was retracted; it can no longer be revised.");
            if (statedOn < statement.StatedOn)
                return Problems.Validation("statedOn", $"must not be before the statement's own date, {statement.StatedOn:yyyy-MM-dd}", "Nothing was recorded.");

            var (decided, problem) = decide(statement);
            if (problem is not null) return problem;
            if (decided is Revision earlier)
                return TypedResults.Ok(new RevisedStatement(id, earlier.Sequence, earlier.Version, Duplicate: true));

            var action = session.Events.Append(id, statement.Version + 1, decided!);
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (ConcurrencyException) when (attempt < 5)
            {
                continue;
            }
            var appended = action.Events[^1];
            return TypedResults.Created($"/api/statements/{id}", new RevisedStatement(id, appended.Sequence, appended.Version, Duplicate: false));
        }
    }
}

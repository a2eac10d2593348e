// POST /api/articles/{id}/candidates/{index}/dismiss: a reviewer sets a candidate aside, with a
// reason (and a note, if they like). Again with the same reason: the dismissal already made. A
// recorded candidate is not dismissed: its statement is retracted instead (409).
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Timeline.Articles;
using Timeline.Http;

namespace Timeline.Review;

public sealed class DismissRequest
{
    public string? Reason { get; set; }
    public string? Note { get; set; }
}

public sealed record DecisionView(Guid ArticleId, int Index, CandidateState State, Guid? StatementId, DismissReason? Reason, string? Note,
    string? DecidedBy, DateTimeOffset? DecidedAt, long? Sequence)
{
    public static DecisionView Of(CandidateDecision d) =>
        new(d.ArticleId, d.Index, d.State, d.StatementId, d.Reason, d.Note, d.DecidedBy, d.DecidedAt, d.Sequence);
}

public static class DismissCandidate
{
    public const int MaxNote = 1000;

    public static async Task<Results<Ok<DecisionView>, ValidationProblem, ProblemHttpResult>> Post(
        Guid id, int index, HttpContext http, IDocumentStore store, ReviewDesk desk, CancellationToken ct)
    {
        var (body, _, problem) = await JsonBody.ReadAsync<DismissRequest>(http.Request, 16 * 1024, ct);
        if (problem is ValidationProblem invalid) return invalid;
        if (problem is ProblemHttpResult refused) return refused;
        var errors = new FieldErrors();
        var reason = Fields.Enum<DismissReason>(body!.Reason, "reason", errors, required: true);
        var note = Fields.Text(body.Note, "note", MaxNote, errors, required: false);
        if (errors.Any) return Problems.Validation(errors.ToDictionary());

        await using (var query = store.QuerySession())
        {
            if (await query.LoadAsync<Article>(id, ct) is not { } article) return Problems.NotFound($"There is no archived article '{id}'.");
            if (index < 0 || index >= article.Candidates.Count)
                return Problems.NotFound($"The article has {article.Candidates.Count} candidates, numbered from 0; there is no candidate {index}.");
            var c = article.Candidates[index];
            var wanted = new CandidateDismissed(id, index, c.Start, c.End, reason!.Value, string.IsNullOrWhiteSpace(note) ? null : note, http.User.Identity?.Name);
            try
            {
                var (decision, refusal) = await desk.DecideAsync(id, index, standing => ReviewDecision.Dismiss(standing, wanted), ct);
                if (refusal is not null) return Problems.Conflict(refusal);
                return TypedResults.Ok(DecisionView.Of(decision!));
            }
            catch (Exception e) when (e is JasperFx.ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException
                                           || e.InnerException is Marten.Exceptions.ExistingStreamIdCollisionException)
            {
                // The candidate's first decision made twice at once collides on creating its stream: the same conflict.
                return Problems.Conflict("Someone decided this candidate a moment ago; read it again and decide on what stands.");
            }
        }
    }
}

// Appending a decision: load the candidate's stream for writing, let ReviewDecision decide, append
// what it decided. Two reviewers deciding one candidate at once: the second's stale version fails
// and is answered 409, nothing appended.
using Marten;
using Timeline.Articles;
using Timeline.EventLog;

namespace Timeline.Review;

public sealed class ReviewDesk(IDocumentStore store) : IReviewedCandidates
{
    public async Task<(CandidateDecision? Decision, string? Refused)> DecideAsync(
        Guid articleId, int index, Func<CandidateDecision?, ReviewDecision.Outcome> decide, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        // Every append takes its turn (AppendOrder), so that appends commit in sequence order.
        await session.BeginAppendAsync(ct);
        var stream = await session.Events.FetchForWriting<CandidateDecision>(CandidateDecision.StreamFor(articleId, index), ct);
        var outcome = decide(stream.Aggregate);
        if (outcome.Refused is not null) return (stream.Aggregate, outcome.Refused);
        if (outcome.Append is null) return (stream.Aggregate, null);
        stream.AppendOne(outcome.Append);
        await session.SaveChangesAsync(ct);
        await using var read = store.QuerySession();
        return (await read.LoadAsync<CandidateDecision>(stream.Id, ct), null);
    }

    public async Task RecordedAsync(Article article, int index, Guid statementId, string? recordedBy, CancellationToken ct)
    {
        var c = article.Candidates[index];
        var wanted = new CandidateRecorded(article.Id, index, c.Start, c.End, statementId, recordedBy);
        try
        {
            await DecideAsync(article.Id, index, standing => ReviewDecision.Record(standing, wanted), ct);
        }
        catch (Exception e) when (e is JasperFx.ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException
                                       || e.InnerException is Marten.Exceptions.ExistingStreamIdCollisionException)
        {
            // Decided by someone else meanwhile (the candidate's first decision, by two instances or reviewers at once, collides
            // on creating its stream): recording wins over a dismissal, so say it again on what stands now.
            await DecideAsync(article.Id, index, standing => ReviewDecision.Record(standing, wanted), ct);
        }
    }
}

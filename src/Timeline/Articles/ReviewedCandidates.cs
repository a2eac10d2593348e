// What the review desk is told when a candidate is recorded: Review/ answers it, so Articles/
// does not depend on the desk (as Statements/ declares IArchivedArticles for Articles/ to answer).
namespace Timeline.Articles;

public interface IReviewedCandidates
{
    // The candidate at index of the article became (or already was) the statement statementId.
    Task RecordedAsync(Article article, int index, Guid statementId, string? recordedBy, CancellationToken ct);
}

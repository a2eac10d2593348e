// Idempotency-Key (draft-ietf-httpapi-idempotency-key-header) for every write of statements:
// recording, revising, and recording an article's candidate. The key is scoped to the API key that
// sent it and bound to the exact request (path and body), so reusing it for another request is refused.
// The first answer is saved by the same SaveChangesAsync as the write it guards (both or neither), and
// looked up inside the write's transaction after the append lock: a twin request waits for ours to
// commit and then finds it.
using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Timeline.Http;
using Timeline.Statements.Recording;
using Timeline.Statements.Revising;

namespace Timeline.Statements;

public sealed record IdempotencyKey(string Id, string Hash)
{
    public const int MaxLength = 200;

    // No header: no key, no problem.
    public static bool TryRead(HttpContext http, byte[] body, out IdempotencyKey? key, out ValidationProblem? problem)
    {
        key = null;
        problem = null;
        var header = http.Request.Headers["Idempotency-Key"].ToString();
        if (header.Length == 0) return true;
        if (header.Length > MaxLength)
        {
            problem = Problems.Validation("Idempotency-Key", $"must be at most {MaxLength} characters");
            return false;
        }
        var caller = http.User.Identity?.Name ?? "anonymous";
        var hash = Convert.ToHexString(SHA256.HashData([.. Encoding.UTF8.GetBytes(http.Request.Path.Value ?? ""), .. body]));
        key = new IdempotencyKey($"{caller}:{header}", hash);
        return true;
    }
}

// The first answer given to a request carrying an Idempotency-Key, kept to give again. Sequences are
// the log's to give: an answer is kept as decided, before commit, and its sequences read back on replay.
public sealed class IdempotentRequest
{
    public string Id { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public List<RecordedStatement> Outcomes { get; set; } = [];
    // For a correction or retraction: the answer it was given, and with what status.
    public RevisedStatement? Revised { get; set; }
    public int? RevisedStatus { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

public sealed class IdempotencyKeyReusedException() : Exception("The Idempotency-Key was already used for a different request.");

public static class Idempotency
{
    // The first answer to this key, if there was one; call after BeginAppendAsync. A key first used for
    // another request throws IdempotencyKeyReusedException.
    public static async Task<IdempotentRequest?> FirstAnswerAsync(this IDocumentSession session, IdempotencyKey? key, CancellationToken ct)
    {
        if (key is null || await session.LoadAsync<IdempotentRequest>(key.Id, ct) is not { } prior) return null;
        if (prior.RequestHash != key.Hash) throw new IdempotencyKeyReusedException();
        return prior;
    }

    // Queues the answer in the write's own session: it commits with the write, or neither does.
    public static void KeepAnswer(this IDocumentSession session, IdempotencyKey? key, DateTimeOffset now,
        IEnumerable<RecordedStatement>? recorded = null, RevisedStatement? revised = null, int? revisedStatus = null)
    {
        if (key is null) return;
        session.Insert(new IdempotentRequest
        {
            Id = key.Id, RequestHash = key.Hash, Outcomes = [.. recorded ?? []], Revised = revised, RevisedStatus = revisedStatus, RecordedAt = now,
        });
    }

    public static void MarkReplayed(HttpResponse response) => response.Headers["Idempotent-Replayed"] = "true";
}

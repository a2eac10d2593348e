// Records validated statements, one or a batch, all-or-nothing in one transaction. The
// database decides what is new: stream ids are content-derived, so a statement recorded
// concurrently by someone else makes our transaction fail on the stream's primary key, and we
// decide again against what is now there. The same request retried under an Idempotency-Key
// replays the first answer instead of recording anything.
//
// Single statements are committed in groups. Appends take turns under one lock (AppendOrder), so
// each commit's disk flush would otherwise be paid alone, one statement at a time; instead the
// statements that arrive while a commit is under way wait for the next one and share it. Each
// caller still gets its own answer, and a group that fails is retried one statement at a time,
// so one statement never fails another. A write of only new statements, fewer than BulkFrom, goes
// straight to the tables in one round trip or two (DirectAppend); many go by COPY (BulkAppend).
using System.Threading.Channels;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Microsoft.Extensions.Options;
using Timeline.EventLog;

namespace Timeline.Statements.Recording;

// The answer to a statement recorded: its id, the sequence of the event that first recorded it, whether it
// was already recorded, and whether this outlet or article was added to it as an appearance.
public sealed record RecordedStatement(Guid Id, long Sequence, bool Duplicate, bool SourceAdded);

public sealed record RecordResult(IReadOnlyList<RecordedStatement> Items, bool Replayed);

public sealed class StatementRecorder(IDocumentStore store, BulkAppend bulk, DirectAppend direct, IOptions<StatementOptions> options,
    TimeProvider clock, StatementMetrics metrics, ILogger<StatementRecorder> logger) : IAsyncDisposable
{
    const int MaxAttempts = 5;
    const int MaxGroup = 64;
    const int InFlight = 2;
    // From how many new statements in one write they are appended by COPY rather than inserted (DirectAppend).
    public const int BulkFrom = 32;

    sealed record Waiting(NewStatement Statement, TaskCompletionSource<RecordedStatement> Answer);

    readonly Channel<Waiting> _waiting = Channel.CreateUnbounded<Waiting>(new UnboundedChannelOptions { SingleReader = true });
    readonly Lock _gate = new();
    Task? _committer;

    public async Task<RecordResult> RecordAsync(IReadOnlyList<NewStatement> statements, IdempotencyKey? key, CancellationToken ct)
    {
        if (statements.Count != 1 || key is not null) return await RecordNowAsync(statements, key, ct);

        lock (_gate) _committer ??= Task.Run(CommitGroupsAsync);
        var waiting = new Waiting(statements[0], new TaskCompletionSource<RecordedStatement>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_waiting.Writer.TryWrite(waiting)) throw new ObjectDisposedException(nameof(StatementRecorder));
        // A caller that gives up stops waiting; its statement may still be recorded, as if the answer were lost on the way.
        return new RecordResult([await waiting.Answer.Task.WaitAsync(ct)], Replayed: false);
    }

    async Task CommitGroupsAsync()
    {
        // Two groups in flight: while one commits, the next is already in the database waiting for its turn
        // (numbered ahead, DirectAppend), so the log is not idle for a round trip between commits.
        var running = new List<Task>(InFlight);
        while (await _waiting.Reader.WaitToReadAsync())
        {
            var group = new List<Waiting>(MaxGroup);
            while (group.Count < MaxGroup && _waiting.Reader.TryRead(out var next)) group.Add(next);
            running.Add(CommitGroupAsync(group));
            if (running.Count < InFlight) continue;
            await Task.WhenAny(running);
            running.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(running);
    }

    async Task CommitGroupAsync(List<Waiting> group)
    {
        try
        {
            var result = await RecordNowAsync(group.Select(w => w.Statement).ToList(), null, CancellationToken.None);
            for (var i = 0; i < group.Count; i++) group[i].Answer.TrySetResult(result.Items[i]);
        }
        catch (Exception e) when (group.Count > 1 && !AppendOrder.TimedOut(e))
        {
            logger.LogWarning(e, "Recording a group of {Count} statements failed; recording them one by one", group.Count);
            foreach (var w in group)
            {
                try { w.Answer.TrySetResult((await RecordNowAsync([w.Statement], null, CancellationToken.None)).Items[0]); }
                catch (Exception one) { w.Answer.TrySetException(one); }
            }
        }
        catch (Exception e)
        {
            // A timed-out group fails whole: each caller is told, none retried one by one behind a busy lock.
            foreach (var w in group) w.Answer.TrySetException(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _waiting.Writer.TryComplete();
        Task? committer;
        lock (_gate) committer = _committer;
        if (committer is not null) await committer;
    }

    async Task<RecordResult> RecordNowAsync(IReadOnlyList<NewStatement> statements, IdempotencyKey? key, CancellationToken ct)
    {
        if (key is null && options.Value.DirectAppend && await RecordDirectlyAsync(statements, ct) is { } recorded) return recorded;
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            await session.BeginAppendAsync(ct);
            if (await session.FirstAnswerAsync(key, ct) is { } prior)
                return new RecordResult(await WithSequences(session, prior.Outcomes, ct), Replayed: true);

            var ids = statements.Select(s => s.Id).Distinct().ToArray();
            var existing = (await session.LoadManyAsync<Statement>(ct, ids)).ToDictionary(s => s.Id);
            var plan = RecordingPlan.Decide(statements, existing);
            var firsts = new Dictionary<Guid, long>(plan.NewStreams.Count);
            Dictionary<Guid, JasperFx.Events.StreamAction>? started = null;
            if (plan.NewStreams.Count >= BulkFrom)
            {
                // Many new statements (an import): COPY, a few round trips for the lot.
                foreach (var e in await bulk.StartStreamsAsync<Statement>(session, plan.NewStreams, clock.GetUtcNow(), ct))
                    firsts.TryAdd(e.StreamId, e.Sequence);
                // Marten commits the transaction only when it has work of its own queued.
                if (plan.Appends.Count == 0 && key is null) session.QueueSqlCommand("select 1");
            }
            else
            {
                started = plan.NewStreams.ToDictionary(n => n.Key, n => session.Events.StartStream<Statement>(n.Key, n.Value));
            }
            foreach (var (id, events) in plan.Appends)
                session.Events.Append(id, existing[id].Version + events.Count, events);
            session.KeepAnswer(key, clock.GetUtcNow(), recorded: plan.Outcomes);

            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (Exception e) when (attempt < MaxAttempts && IsRace(e))
            {
                logger.LogDebug("Recording raced with another writer ({Reason}); deciding again", e.GetType().Name);
                continue;
            }

            // Marten numbers the events it appended as it saves them.
            foreach (var (id, stream) in started ?? []) firsts[id] = stream.Events[0].Sequence;
            metrics.Count(statements, plan, started is null ? "copy" : "session");
            var items = plan.Outcomes.Select(o => o with { Sequence = firsts.TryGetValue(o.Id, out var first) ? first : existing[o.Id].Sequence }).ToList();
            return new RecordResult(items, Replayed: false);
        }
    }

    // A few statements none of which is recorded yet: their streams, events and rows in one round trip or two
    // (DirectAppend). Null when that does not apply or one of them turned out to be recorded already
    // (nothing written): the caller then loads what is there and decides as for any write.
    async Task<RecordResult?> RecordDirectlyAsync(IReadOnlyList<NewStatement> statements, CancellationToken ct)
    {
        var plan = RecordingPlan.Decide(statements, new Dictionary<Guid, Statement>());
        if (plan.NewStreams.Count is 0 or >= BulkFrom) return null;
        (IReadOnlyList<JasperFx.Events.IEvent> Log, bool Ahead)? appended;
        try
        {
            appended = await direct.StartStreamsAsync<Statement>(plan.NewStreams, ct);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation)
        {
            logger.LogDebug("Recording raced with another writer ({Constraint}); deciding again", e.ConstraintName);
            return null;
        }
        if (appended is not { } done) return null;
        var firsts = new Dictionary<Guid, long>(plan.NewStreams.Count);
        foreach (var e in done.Log) firsts.TryAdd(e.StreamId, e.Sequence);
        metrics.Count(statements, plan, done.Ahead ? "ahead" : "direct");
        return new RecordResult([.. plan.Outcomes.Select(o => o with { Sequence = firsts[o.Id] })], Replayed: false);
    }

    static async Task<IReadOnlyList<RecordedStatement>> WithSequences(IQuerySession session, IReadOnlyList<RecordedStatement> outcomes, CancellationToken ct)
    {
        var docs = (await session.LoadManyAsync<Statement>(ct, outcomes.Select(o => o.Id).Distinct().ToArray())).ToDictionary(s => s.Id);
        return outcomes.Select(o => o with { Sequence = docs.TryGetValue(o.Id, out var s) ? s.Sequence : 0 }).ToList();
    }

    // Another writer got there first: a stream, an appended version or an idempotency record now exists.
    static bool IsRace(Exception e) => e is ExistingStreamIdCollisionException or ConcurrencyException or DocumentAlreadyExistsException
        || e.InnerException is { } inner && IsRace(inner);
}

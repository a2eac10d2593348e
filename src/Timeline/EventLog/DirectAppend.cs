// Starts a few new streams past Marten's session, in one round trip when the log's next sequence is
// known and in two when it is not. The events' sequences and recorded time are given before the rows
// are built (the document and fact rows carry them as the projections fold and serialise them), so
// one round trip means numbering them ahead: from where this instance's own last append ended. The
// batch then carries the turn (AppendOrder), a check that the sequences it draws are the ones guessed
// and follow a committed append, the streams', events' and each inline projection's rows, and the
// commit. A wrong guess fails the check under the lock, before anything is written, and the append is
// made in two round trips instead: the first takes the turn and draws the sequences, the second
// writes and commits.
//
// Appends numbered ahead can be sent one after another without waiting: the next takes the turn when
// the one before it commits, and its check holds only if that one committed (its last event is there),
// so commits still follow the sequence and nothing is numbered twice. The database enforces what it
// does for Marten's appends (the streams' and events' unique keys, the events' foreign key to their
// stream): a failure rolls the whole append back.
using JasperFx.Events;
using Npgsql;

namespace Timeline.EventLog;

public sealed class DirectAppend(NpgsqlDataSource db, BulkAppend bulk, TimeProvider clock)
{
    // SQLSTATE of the check's failure (a division by zero, which PostgreSQL cannot fold away at planning).
    const string GuessWrong = "22012";

    // How long before its turn an append numbered ahead may have been stamped (two groups in flight: the one
    // before it commits meanwhile). Older, it is numbered again under the lock, so recorded time stays close
    // to the commit (AppendOrder.Settled counts on it).
    static readonly TimeSpan StampedAhead = TimeSpan.FromSeconds(5);

    readonly Lock _gate = new();
    // Appends numbered under the lock go one at a time, and one that finds the next sequence known by the
    // time its turn comes is numbered ahead instead: each drawing sequences of its own would fail the
    // appends numbered ahead in flight, and those would then be numbered under the lock in turn.
    readonly SemaphoreSlim _oneAtATime = new(1, 1);
    // Where the log goes on after the last append this instance numbered (0: not known), and that append's
    // recorded time, so that a later one is never stamped earlier.
    long _next;
    DateTimeOffset _lastStamp;

    // Appends new streams of TAggregate and returns their events numbered and stamped, and whether they were
    // numbered ahead; or null (nothing written, the turn given up) when one of the streams exists already: the
    // caller then decides again.
    public async Task<(IReadOnlyList<IEvent> Log, bool Ahead)?> StartStreamsAsync<TAggregate>(
        IReadOnlyCollection<KeyValuePair<Guid, List<object>>> streams, CancellationToken ct)
    {
        var count = streams.Sum(s => s.Value.Count);
        if (await NumberedAheadAsync<TAggregate>(streams, count, ct) is { } done) return Ahead(done);
        await _oneAtATime.WaitAsync(ct);
        try
        {
            if (await NumberedAheadAsync<TAggregate>(streams, count, ct) is { } late) return Ahead(late);
            if (await NumberedUnderTheLockAsync<TAggregate>(streams, count, ct) is not { } numbered) return null;
            lock (_gate) _next = Math.Max(_next, numbered[^1].Sequence + 1);
            return (numbered, false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    // What an append numbered ahead did: its events, or null when one of the streams exists already (nothing written).
    readonly record struct Sent(IReadOnlyList<IEvent>? Log);

    static (IReadOnlyList<IEvent> Log, bool Ahead)? Ahead(Sent sent) => sent.Log is { } log ? (log, true) : null;

    // In one round trip, if the next sequence is known here and nobody appended since; null (not sent, or the
    // guess failed under the lock and nothing was written) if not.
    async Task<Sent?> NumberedAheadAsync<TAggregate>(
        IReadOnlyCollection<KeyValuePair<Guid, List<object>>> streams, int count, CancellationToken ct)
    {
        if (Guess(count) is not { } guess) return null;
        try
        {
            return new Sent(await InOneRoundTripAsync<TAggregate>(streams, guess, ct));
        }
        catch (PostgresException e) when (e.SqlState == GuessWrong)
        {
            // Someone appended since (another instance, a revision through Marten, or the append this one was
            // numbered after did not commit): numbered under the lock instead.
            return null;
        }
    }

    // The sequences and recorded time for an append numbered ahead, given in the order appends are sent;
    // null while the log's next sequence is not known here.
    (List<long> Sequences, DateTimeOffset Stamp, long After)? Guess(int count)
    {
        lock (_gate)
        {
            if (_next == 0) return null;
            var after = _next - 1;
            var sequences = new List<long>(count);
            for (var i = 0; i < count; i++) sequences.Add(_next + i);
            _next += count;
            return (sequences, StampLocked(), after);
        }
    }

    // Now, or this instance's last stamp should the clock have stepped back: recorded time never goes back here.
    DateTimeOffset Stamp()
    {
        lock (_gate) return StampLocked();
    }

    DateTimeOffset StampLocked()
    {
        var now = clock.GetUtcNow();
        if (now > _lastStamp) _lastStamp = now;
        return _lastStamp;
    }

    // After a failure the appends numbered after it fail too: the next one is numbered under the lock.
    void Forget()
    {
        lock (_gate) _next = 0;
    }

    async Task<IReadOnlyList<IEvent>?> InOneRoundTripAsync<TAggregate>(
        IReadOnlyCollection<KeyValuePair<Guid, List<object>>> streams, (List<long> Sequences, DateTimeOffset Stamp, long After) guess, CancellationToken ct)
    {
        var appended = bulk.Stamp<TAggregate>(streams, guess.Sequences, guess.Stamp);
        await using var connection = await db.OpenConnectionAsync(ct);
        try
        {
            await using var batch = TurnIn(connection);
            // Under the lock: the sequence was last drawn for the event just before ours, which is recorded (its append
            // committed) and stamped no later than ours, and ours was stamped at most StampedAhead before its turn. Only
            // then are our sequences drawn, as any append draws them (nextval), and they must be the ones guessed. A
            // failed guess draws none: a sequence drawn and never used is a gap the async daemon waits out (its stale
            // sequence threshold, seconds) before webhooks and subscriptions move past it.
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"""
                select 1 / (case when min(d.v) = $2 + 1 and max(d.v) = $2 + $1 then 1 else 0 end)
                from (select nextval('{BulkAppend.Sequence}') as v from generate_series(1, $1)
                      where (select last_value from {BulkAppend.Sequence} where is_called) = $2
                        and exists (select from {LogTables.Events} where seq_id = $2 and timestamp <= $3)
                        and $3 > clock_timestamp() - $4) d
                """)
            {
                Parameters =
                {
                    new NpgsqlParameter<int> { TypedValue = guess.Sequences.Count },
                    new NpgsqlParameter<long> { TypedValue = guess.After },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = appended.Log[0].Timestamp },
                    new NpgsqlParameter<TimeSpan> { TypedValue = StampedAhead },
                },
            });
            foreach (var command in bulk.Inserts(appended)) batch.BatchCommands.Add(command);
            batch.BatchCommands.Add(new NpgsqlBatchCommand("commit"));
            await batch.ExecuteNonQueryAsync(ct);
            return appended.Log;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.TableName == "mt_streams")
        {
            // One of the streams exists already: nothing written, as when the check in two round trips finds it.
            Forget();
            await RollbackAsync(connection);
            return null;
        }
        catch
        {
            Forget();
            await RollbackAsync(connection);
            throw;
        }
    }

    async Task<IReadOnlyList<IEvent>?> NumberedUnderTheLockAsync<TAggregate>(
        IReadOnlyCollection<KeyValuePair<Guid, List<object>>> streams, int count, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        try
        {
            var sequences = new List<long>(count);
            await using (var turn = TurnIn(connection))
            {
                // An uncorrelated condition: evaluated once, before any sequence is drawn, so a duplicate costs none.
                turn.BatchCommands.Add(new NpgsqlBatchCommand(
                    $"select nextval('{BulkAppend.Sequence}') from generate_series(1, $1) where not exists (select from {LogTables.Streams} where id = any($2))")
                {
                    Parameters = { new NpgsqlParameter<int> { TypedValue = count }, new NpgsqlParameter<Guid[]> { TypedValue = [.. streams.Select(s => s.Key)] } },
                });
                await using var reader = await turn.ExecuteReaderAsync(ct);
                // Past the results of the lock (one row) to the reservation's.
                do
                {
                    while (await reader.ReadAsync(ct))
                        if (reader.GetFieldType(0) == typeof(long)) sequences.Add(reader.GetInt64(0));
                } while (await reader.NextResultAsync(ct));
            }
            if (sequences.Count < count)
            {
                await RollbackAsync(connection);
                return null;
            }

            // Stamped after the lock was taken, as every append is: recorded time follows the sequence (never
            // earlier than what this instance numbered ahead, should the clock have stepped back).
            var appended = bulk.Stamp<TAggregate>(streams, sequences, Stamp());
            await using (var write = new NpgsqlBatch(connection))
            {
                foreach (var command in bulk.Inserts(appended)) write.BatchCommands.Add(command);
                write.BatchCommands.Add(new NpgsqlBatchCommand("commit"));
                await write.ExecuteNonQueryAsync(ct);
            }
            return appended.Log;
        }
        catch
        {
            Forget();
            await RollbackAsync(connection);
            throw;
        }
    }

    // A batch that begins a transaction and takes the append's turn. Transaction control as statements, so that
    // the commit can travel with the inserts.
    static NpgsqlBatch TurnIn(NpgsqlConnection connection)
    {
        var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("begin"));
        foreach (var command in AppendOrder.TurnCommands()) batch.BatchCommands.Add(command);
        return batch;
    }

    // Gives the turn up; the connection goes back to its pool outside any transaction. A broken connection is not reused.
    static async Task RollbackAsync(NpgsqlConnection connection)
    {
        if (connection.FullState != System.Data.ConnectionState.Open) return;
        try
        {
            await using var rollback = new NpgsqlCommand("rollback", connection);
            await rollback.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException) { }
    }
}

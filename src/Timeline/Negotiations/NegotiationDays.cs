// Days of talks read a page at a time in the order the answer lists them: by talks, then day. The
// order is kept by an index over the statement documents of that kind, keyed by the talks' id as
// SQL computes it (the same slug as TalksId) and the day's place; a page reads at most MaxRows
// documents through it, however many days the log holds. A negotiation statement's talks and day
// never change after it is recorded (corrections carry figures), so the key holds at every basis.
using System.Globalization;
using Marten;
using Npgsql;
using Timeline.EventLog;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Negotiations;

// Where a page of days ends: the last statement listed, by its place in the index's order.
public sealed record DayPlace(string TalksId, int Day, DateOnly On, bool NotHeldOn, Guid StatementId);

public static class NegotiationDays
{
    public const string IndexName = "ix_tl_negotiation_days";
    public const string TalksIdFunction = $"{LogTables.Schema}.tl_talks_id";
    // At most this many statements are read for one page; a day with more continues on the next page.
    public const int MaxRows = 500;

    // NFKC, ASCII letters lower-cased, every run of anything else one dash: what TalksId gives, in SQL.
    public const string FunctionSql =
        $"create or replace function {TalksIdFunction}(name text) returns text language sql immutable strict parallel safe as " +
        "$$ select trim(both '-' from regexp_replace(translate(normalize(name, NFKC), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '[^a-z0-9]+', '-', 'g')) $$";

    const string Talks = $"{TalksIdFunction}(data -> 'Negotiation' ->> 'Talks')";
    const string Day = "coalesce((data -> 'Negotiation' ->> 'Day')::int, 2147483647)";
    const string On = $"coalesce({LogTables.Schema}.mt_immutable_date(data -> 'Negotiation' ->> 'HeldOn'), {LogTables.Schema}.mt_immutable_date(data ->> 'StatedOn'))";
    const string NotHeldOn = "((data -> 'Negotiation' ->> 'HeldOn') is null)";
    const string IsDay = "(data ->> 'Kind') = 'NegotiationDay'";
    const string Key = $"{Talks}, {Day}, {On}, {NotHeldOn}, id";

    // Passed as a parameter: its own question mark would read as one of Marten's placeholders.
    const string WithdrawnBy = "$[*] ? (@.Change == \"Retracted\" && @.Sequence <= $basis && @.StatedOn <= $asOf)";

    public const string IndexSql =
        $"create index if not exists {IndexName} on {LogTables.Schema}.mt_doc_statement (({Talks}), ({Day}), ({On}), ({NotHeldOn}), id) where {IsDay}";

    // The next statements about days of talks after after, in the answer's order: recorded
    // up to the basis, stated by asOf, not withdrawn by asOf as known at the basis; of one
    // set of talks when talksId is given. At most take.
    public static async Task<IReadOnlyList<Statement>> AfterAsync(IQuerySession session, string? talksId, DateOnly asOf, long basis,
        DayPlace? after, int take, CancellationToken ct)
    {
        // The kind is written into the SQL, not passed: only then can a generic plan use the partial index.
        var sql = $"where {IsDay} and (data ->> 'Sequence')::bigint <= ? and {LogTables.Schema}.mt_immutable_date(data ->> 'StatedOn') <= ?::date" +
            " and not jsonb_path_exists(data -> 'Revisions', ?::jsonpath, jsonb_build_object('basis', ?::bigint, 'asOf', ?::text))" +
            (talksId is null ? "" : $" and {Talks} = ?") +
            (after is null ? "" : $" and ({Key}) > (?, ?, ?::date, ?, ?::uuid)") +
            $" order by {Key} limit ?";
        var args = new List<object> { basis, asOf, WithdrawnBy, basis, asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        if (talksId is not null) args.Add(talksId);
        if (after is not null) args.AddRange([after.TalksId, after.Day, after.On, after.NotHeldOn, after.StatementId]);
        args.Add(take);
        return await session.QueryAsync<Statement>(sql, ct, [.. args]);
    }

    public static DayPlace PlaceOf(Statement s) =>
        new(GetNegotiations.TalksId(s.Negotiation!.Talks), s.Negotiation.Day ?? int.MaxValue, s.Negotiation.HeldOn ?? s.StatedOn, s.Negotiation.HeldOn is null, s.Id);
}

// Where a page of days goes on: the first page's date (its basis travels in the cursor) and the last day listed.
public sealed record DaysPlace(DateOnly AsOf, DayPlace After);

// Creates the key function and the days index at start, after Marten has made the statement table: one
// instance at a time, under a lock of its own (instances starting together would race on pg_class).
public sealed class NegotiationDaysIndex(NpgsqlDataSource db) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var lockIt = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext('timeline.negotiation-days'))", connection, tx))
            await lockIt.ExecuteNonQueryAsync(ct);
        foreach (var sql in new[] { NegotiationDays.FunctionSql, NegotiationDays.IndexSql })
        {
            await using var command = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

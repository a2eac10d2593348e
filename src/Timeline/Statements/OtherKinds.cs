// The statements that are not figures (days of talks, positions) in the order they were stated:
// the replay interleaves them with the figures. They are a small share of all statements, so they
// get a partial index of their own; read in statedOn order without it, a page would walk past
// every figure's document from its place on to find the next few of them.
using Marten;
using Npgsql;
using Timeline.EventLog;

namespace Timeline.Statements;

public static class OtherKinds
{
    public const string IndexName = "ix_tl_statements_other_kinds";

    const string StatedOn = $"{LogTables.Schema}.mt_immutable_date(data ->> 'StatedOn')";
    const string Sequence = "(data ->> 'Sequence')::bigint";
    public const string NotFigure = "(data ->> 'Kind') <> 'Figure'";

    public const string IndexSql =
        $"create index if not exists {IndexName} on {LogTables.Schema}.mt_doc_statement ({StatedOn}, ({Sequence})) where {NotFigure}";

    // Without statistics on the kind, the planner takes NotFigure to hold for nearly every document, prices
    // the partial index like the whole statedOn index, and answered a party's page from the statedOn and
    // parties indexes instead, reading every figure of the party in the range to discard it (250,000
    // statements: 53–99 ms for no row; four times that at 1 M). Measured, it reads the partial index.
    public const string StatisticsName = "st_tl_statement_kind";

    public const string StatisticsSql =
        $"create statistics if not exists {LogTables.Schema}.{StatisticsName} on ((data ->> 'Kind')) from {LogTables.Schema}.mt_doc_statement";

    // The next take of them after the place (statedOn, sequence), recorded up to
    // basis, stated on or before to, concerning party if given.
    public static async Task<IReadOnlyList<Statement>> AfterAsync(IQuerySession session, string? party, long basis,
        (DateOnly StatedOn, long Seq) after, DateOnly? to, int take, CancellationToken ct)
    {
        // The kind is written into the SQL, not passed: only then can a generic plan use the partial index.
        var sql = $"where {NotFigure} and {Sequence} <= ? and ({StatedOn}, {Sequence}) > (?::date, ?::bigint)" +
            (to is null ? "" : $" and {StatedOn} <= ?::date") +
            (party is null ? "" : " and data -> 'Parties' @> jsonb_build_array(?::text)") +
            $" order by {StatedOn}, {Sequence} limit ?";
        var args = new List<object> { basis, after.StatedOn, after.Seq };
        if (to is { } last) args.Add(last);
        if (party is not null) args.Add(party);
        args.Add(take);
        return await session.QueryAsync<Statement>(sql, ct, [.. args]);
    }
}

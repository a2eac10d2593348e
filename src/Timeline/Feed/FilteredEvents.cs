// /api/events with a kind or party filter: which events to read is decided in SQL, so a filter that few
// events meet no longer costs reading and encoding every event it looks at. An event shows the party and
// kind of its statement's document (FeedEvent.From: the figure's party is among the document's), so the
// document answers the filter exactly; FeedEvent.Matches still has the last word.
using Npgsql;
using NpgsqlTypes;
using Timeline.EventLog;
using Timeline.Statements;

namespace Timeline.Feed;

// On the anonymous reads' connections, so each of these queries is cut at their statement_timeout.
public sealed class FilteredEvents([FromKeyedServices(ReadSource.PrimaryKey)] NpgsqlDataSource db)
{
    // A filter that at most this many statements meet is streamed from those statements' events alone.
    public const int FewStatements = 1000;

    const string Docs = $"{LogTables.Schema}.mt_doc_statement";

    public static bool Applies(FeedFilter filter) => filter.Kind is not null || filter.Party is not null;

    // Of the next `window` events after `after`, the sequences of those whose statement the filter selects, and
    // the last sequence looked at (`after` when there is none): `window` rows of the log examined, no more.
    public async Task<(long[] Candidates, long LastScanned)> InWindowAsync(long after, int window, FeedFilter filter, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            select coalesce(max(e.seq_id), $1), coalesce(array_agg(e.seq_id order by e.seq_id) filter (where d.id is not null and {Selects(filter, 3)}), array[]::bigint[])
            from (select seq_id, stream_id from {LogTables.Events} where seq_id > $1 order by seq_id limit $2) e
            left join {Docs} d on d.id = e.stream_id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = after });
        cmd.Parameters.Add(new NpgsqlParameter { Value = window });
        AddFilter(cmd, filter);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetFieldValue<long[]>(1), reader.GetInt64(0));
    }

    // The sequences after `after` of every event of the statements the filter selects, when at most FewStatements
    // do (found by the parties index, or the other kinds' index for talks and positions); null when more do.
    public async Task<long[]?> OfFewStatementsAsync(long after, FeedFilter filter, CancellationToken ct)
    {
        // The kind is written into the SQL, not passed, so that a plan for talks or positions can use their partial index.
        // The partial index's own predicate (one definition), or the planner will not use it.
        var otherKind = filter.Kind is not (null or StatementKind.Figure) ? $" and {OtherKinds.NotFigure}" : "";
        await using var cmd = db.CreateCommand($"""
            with few as (select d.id from {Docs} d where {Selects(filter, 2)}{otherKind} limit {FewStatements + 1})
            select case when (select count(*) from few) > {FewStatements} then null
                else array(select seq_id from {LogTables.Events} where stream_id = any(array(select id from few)) and seq_id > $1 order by seq_id) end
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = after });
        AddFilter(cmd, filter);
        var found = await cmd.ExecuteScalarAsync(ct);
        return found is long[] sequences ? sequences : null;
    }

    // The statement document as the filter reads it, its parameters numbered from `first`: only the conditions
    // given are written, so that a generic plan can still use the parties index (`$n is null or …` would not).
    static string Selects(FeedFilter filter, int first)
    {
        var n = first;
        // The parties index's predicate, as StatementParties defines it, with its parameter numbered.
        var party = filter.Party is null ? null : "d." + StatementParties.Names.Replace("?", $"${n++}");
        var kind = filter.Kind is null ? null : $"(d.data ->> 'Kind') = ${n}::text";
        return string.Join(" and ", new[] { party, kind }.OfType<string>().DefaultIfEmpty("true"));
    }

    static void AddFilter(NpgsqlCommand cmd, FeedFilter filter)
    {
        if (filter.Party is { } party) cmd.Parameters.Add(new NpgsqlParameter { Value = party, NpgsqlDbType = NpgsqlDbType.Text });
        if (filter.Kind is { } kind) cmd.Parameters.Add(new NpgsqlParameter { Value = kind.ToString(), NpgsqlDbType = NpgsqlDbType.Text });
    }
}

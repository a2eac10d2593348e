// Reads figure facts and the basis (the global sequence an answer is computed at) straight from
// PostgreSQL: indexed lookups per question, never a scan of the event log.
using System.Text.Json;
using Npgsql;
using Timeline.EventLog;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Estimates;

public sealed record SeriesFilter(string? Party, Group? Group, Measure? Measure);

public sealed class FactStore(NpgsqlDataSource db)
{
    const string Facts = $"{LogTables.Schema}.{EstimateFactsProjection.TableName}";
    const string Catalog = $"{LogTables.Schema}.{EstimateFactsProjection.CatalogName}";

    // The latest recorded sequence: appends commit in sequence order, so everything up to it is there.
    public Task<long> CurrentBasisAsync(CancellationToken ct) => LogTables.HighWaterMarkAsync(db, ct);

    // The basis an answer given at knownAt was computed at.
    public Task<long> BasisAtAsync(DateTimeOffset knownAt, CancellationToken ct) => LogTables.BasisAtAsync(db, knownAt, ct);

    public sealed record CatalogEntry(string SeriesId, string Party, string Group, string Measure)
    {
        public bool Matches(SeriesFilter f) =>
            (f.Party is null || Party == f.Party) && (f.Group is null || Group == Vocabulary.Name(f.Group.Value))
            && (f.Measure is null || Measure == Vocabulary.Name(f.Measure.Value));
    }

    // The series known, in id order: those of ids that exist, or all.
    public async Task<IReadOnlyList<CatalogEntry>> SeriesAsync(string[]? ids, CancellationToken ct)
    {
        await using var cmd = ids is null
            ? db.CreateCommand($"select {CatalogColumns.Names} from {Catalog} order by series_id")
            : db.CreateCommand($"select {CatalogColumns.Names} from {Catalog} where series_id = any($1) order by series_id");
        if (ids is not null) cmd.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        var series = new List<CatalogEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(CancellationToken.None)) series.Add(CatalogColumns.Read(reader));
        return series;
    }

    // A page of the catalog: the next take series of ids (or all) matching the filter after the id after, in
    // ordinal id order, known at the basis (all, without one), so a page at a fixed basis never changes as the
    // catalog grows. The catalog is sorted (a few thousand rows), then walked with one ix_learned (series_id, seq)
    // probe per entry until the page is full: about take probes, more only past series recorded after the basis.
    public async Task<string[]> SeriesPageAsync(string[]? ids, SeriesFilter filter, string? after, long? basis, int take, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            select series_id from (
                select series_id from {Catalog}
                where ($1::text[] is null or series_id = any($1)) and ($2::text is null or party = $2) and ($3::text is null or grp = $3)
                  and ($4::text is null or measure = $4) and ($5::text is null or series_id collate "C" > $5)
                order by series_id collate "C" offset 0) c
            where $6::bigint is null or exists (select 1 from {Facts} f where f.series_id = c.series_id and f.seq <= $6)
            limit $7
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)ids ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        AddFilter(cmd, filter);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)basis ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = take });
        var page = new List<string>(take);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(CancellationToken.None)) page.Add(reader.GetString(0));
        return [.. page];
    }

    // For each of the series and each source, the figure standing as of asOf at basis, with its report's
    // sequence: at most one row per (series, source). Unrevised reports (all of them reports) are found by a
    // skip scan of ix_standing backwards, source by source: the source's last report is the one standing
    // when it was stated by asOf and known at the basis (the present: nearly always), else ix_standing is
    // walked back from asOf for that source. One index read per (series, source) where there were two, and
    // only revised rows tested against the series asked for (an `= any` of 1,800 ids per row cost as much as
    // the reads): about half the SQL for every series (250,000 statements: 455–590 → 258–274 ms). Revised
    // statements are worked out from all their facts. The tests hold this to a plain C# reference of the same
    // rules (EstimatesModel). Revised statements are looked up by id (= any(array(…))) so that even a plan
    // made before the table's statistics exist reads them by index rather than scanning the table.
    public Task<(long Basis, IReadOnlyList<(Fact Fact, long ReportSeq)> Standing)> StandingAsync(
        string[] seriesIds, DateOnly asOf, long? basis, CancellationToken ct) =>
        StandingAsync(basis is null ? StandingNow : StandingAtBasis, seriesIds, asOf, basis, null, ct);

    // The same, at a place in the replay order: only facts at or before (statedOn, seq) count —
    // where a page of replay or history starts, or the fact it has just passed.
    public async Task<IReadOnlyList<(Fact Fact, long ReportSeq)>> StandingAtAsync(
        string[] seriesIds, (DateOnly StatedOn, long Seq) at, long basis, CancellationToken ct) =>
        (await StandingAsync(StandingAtPlace, seriesIds, at.StatedOn, basis, at.Seq, ct)).Standing;

    static readonly string StandingNow = StandingSql(basis: false, place: false);
    static readonly string StandingAtBasis = StandingSql(basis: true, place: false);
    static readonly string StandingAtPlace = StandingSql(basis: true, place: true);

    async Task<(long Basis, IReadOnlyList<(Fact Fact, long ReportSeq)> Standing)> StandingAsync(
        string sql, string[] seriesIds, DateOnly asOf, long? basis, long? throughSeq, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter { Value = seriesIds, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)basis ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = asOf });
        if (throughSeq is { } seq) cmd.Parameters.Add(new NpgsqlParameter { Value = seq });
        return await ReadWithBasisAsync(cmd, (reader, columns) => (Read(reader, columns), reader.GetInt64(columns.ReportSeq)), ct);
    }

    static string StandingSql(bool basis, bool place)
    {
        // Without a basis, the latest is read in the same statement (one snapshot, one round trip) and returned.
        var known = basis ? "select $2::bigint as basis" : $"select ({LogTables.HighWaterMarkSql}) as basis";
        // The as-of question cuts at a date; a place in the replay order cuts inside it too, by sequence.
        string Cut(string alias) => place ? $"({alias}.stated_on, {alias}.seq) <= ($3, $4)" : $"{alias}.stated_on <= $3";
        return $"""
            with recursive known as ({known}),
            sources as (
                select x.* from unnest($1::text[]) s (series_id)
                cross join lateral (select * from {Facts} where series_id = s.series_id and revised = false
                    order by source_key desc, change desc, stated_on desc, seq desc limit 1) x
                union all
                select n.* from sources p
                cross join lateral (select * from {Facts} where series_id = p.series_id and revised = false and source_key < p.source_key
                    order by source_key desc, change desc, stated_on desc, seq desc limit 1) n
            ),
            unrevised as (
                select {Prefixed("k")}, k.seq as report_seq from sources k where {Cut("k")} and k.seq <= (select basis from known)
                union all
                select {Prefixed("x")}, x.seq as report_seq from sources k
                cross join lateral (
                    select * from {Facts} f
                    where f.series_id = k.series_id and f.revised = false and f.source_key = k.source_key and f.change = 'reported'
                      and {Cut("f")} and f.seq <= (select basis from known)
                    order by f.stated_on desc, f.seq desc limit 1) x
                where not ({Cut("k")} and k.seq <= (select basis from known))
            ),
            revised as (
                select {Columns}, report_seq from (
                    select r.*,
                        bool_or(r.change = 'retracted') over w as retracted,
                        min(r.seq) filter (where r.change = 'reported') over w as report_seq,
                        row_number() over (partition by r.statement_id order by r.change = 'retracted', r.stated_on desc, r.seq desc) as rn
                    from {Facts} r
                    where r.statement_id = any(array(select statement_id from {Facts} where series_id = any($1) and revised = true))
                      and r.seq <= (select basis from known) and {Cut("r")}
                    window w as (partition by r.statement_id)) ranked
                where rn = 1 and not retracted and report_seq is not null and change <> 'retracted'
            ),
            standing as (
                select distinct on (series_id, source_key) * from (select * from unrevised union all select * from revised where series_id = any($1)) s
                order by series_id, source_key, statement_stated_on desc, report_seq desc
            )
            select known.basis as known_basis, standing.* from known left join standing on true
            order by standing.series_id, standing.source_key
            """;
    }

    // The next facts in statedOn order after after (a (statedOn, seq) position), of statements that
    // ever had a figure matching the filter, known at the basis: one replay page.
    public Task<IReadOnlyList<Fact>> ReplayPageAsync(SeriesFilter filter, long basis, (DateOnly StatedOn, long Seq) after, DateOnly? to, int take, CancellationToken ct)
    {
        // No filter: the whole log in the order stated, by its own index. `to` is written as a bound the index scan stops
        // at (coalesce, not `is null or`): as a filter, a generic plan walked every fact for a `to` before them all.
        if (filter is { Party: null, Group: null, Measure: null })
        {
            var all = db.CreateCommand($"""
                select * from {Facts} f
                where f.seq <= $1 and (f.stated_on, f.seq) > ($2, $3) and f.stated_on <= coalesce($4::date, 'infinity')
                order by f.stated_on, f.seq limit $5
                """);
            AddPage(all, basis, after, to, take);
            return ReadAsync(all, ct);
        }
        // Each matching series read forward from the place by its own index (a page at most from each), plus the
        // other rows (retractions, moves) of its revised statements: the page's cost never grows with the log before it.
        // Those rows are found statement by statement (the statement index): as a filter on the facts between from
        // and to, a generic plan walked the statedOn index through every party's facts in the range (1.5 s at 1 M).
        // `offset 0` keeps the lateral a loop per statement: pulled up into a join, it hashed that same walk.
        // The series' rows are read in two steps: their places alone first (index only), to find where the page's
        // take-th of them lies (cut), then only the rows up to it. Read whole, every series gave up to a page of rows,
        // all but the page thrown away: 3,450 rows read for 1,001 at 250,000 statements (a party's 90 series over
        // 14 months; 117 ms of 175), about four times as many at 1 M.
        var cmd = db.CreateCommand($"""
            with matching as (
                select series_id from {Catalog}
                where ($1::text is null or party = $1) and ($2::text is null or grp = $2) and ($3::text is null or measure = $3)),
            cut as (
                select k.stated_on, k.seq from (
                    select x.stated_on, x.seq from matching m cross join lateral (
                        select f.stated_on, f.seq from {Facts} f
                        where f.series_id = m.series_id and f.seq <= $4 and (f.stated_on, f.seq) > ($5, $6) and f.stated_on <= coalesce($7::date, 'infinity')
                        order by f.stated_on, f.seq limit $8) x
                    order by x.stated_on, x.seq limit $8) k
                order by k.stated_on desc, k.seq desc limit 1),
            page as (
                select x.* from matching m cross join cut cross join lateral (
                    select * from {Facts} f
                    where f.series_id = m.series_id and f.seq <= $4 and (f.stated_on, f.seq) > ($5, $6) and (f.stated_on, f.seq) <= (cut.stated_on, cut.seq)
                    order by f.stated_on, f.seq limit $8) x
                union all
                select y.* from unnest(array(select distinct r.statement_id from {Facts} r
                    where r.series_id in (select series_id from matching) and r.revised)) s(id)
                cross join lateral (
                    select * from {Facts} f
                    where f.statement_id = s.id and (f.series_id is null or f.series_id <> all (array(select series_id from matching)))
                      and f.seq <= $4 and (f.stated_on, f.seq) > ($5, $6) and f.stated_on <= coalesce($7::date, 'infinity')
                    offset 0) y)
            select * from page order by stated_on, seq limit $8
            """);
        AddFilter(cmd, filter);
        AddPage(cmd, basis, after, to, take);
        return ReadAsync(cmd, ct);
    }

    // All facts of every statement that ever had a figure in the series, known at the basis: the
    // series' own rows, and the other rows of its revised statements (retractions, moves in or out by
    // correction); only those stated (statedOn, seq) up to upTo, if given.
    public Task<IReadOnlyList<Fact>> ForSeriesAsync(string seriesId, long basis, CancellationToken ct, (DateOnly StatedOn, long Seq)? upTo = null)
    {
        var (upToOn, upToSeq) = upTo ?? (DateOnly.MaxValue, long.MaxValue);
        var cmd = db.CreateCommand($"""
            select * from {Facts} where series_id = $1 and seq <= $2 and (stated_on, seq) <= ($3, $4)
            union all
            select * from {Facts} where seq <= $2 and (stated_on, seq) <= ($3, $4) and series_id is distinct from $1
              and statement_id = any(array(select statement_id from {Facts} where series_id = $1 and revised = true))
            order by stated_on, seq
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = seriesId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = basis });
        cmd.Parameters.Add(new NpgsqlParameter { Value = upToOn });
        cmd.Parameters.Add(new NpgsqlParameter { Value = upToSeq });
        return ReadAsync(cmd, ct);
    }

    // The next facts of a series' history after after, in statedOn order, known at the basis: its own rows,
    // and the other rows of statements that had a figure in it (retractions, moves out by correction),
    // which the history lists or needs to keep its standing figures right.
    public async Task<(long Basis, IReadOnlyList<Fact> Page)> HistoryPageAsync(string seriesId, long? basis, (DateOnly StatedOn, long Seq) after,
        DateOnly? to, int take, CancellationToken ct)
    {
        // Without a basis, the latest is read in the same statement (one snapshot, one round trip) and returned;
        // an empty page still answers one row, carrying the basis.
        await using var cmd = db.CreateCommand($"""
            with known as (select coalesce($2::bigint, ({LogTables.HighWaterMarkSql})) as basis)
            select k.basis, f.* from known k left join lateral (
                select * from (
                    select * from {Facts} where series_id = $1 and seq <= k.basis and (stated_on, seq) > ($3, $4)
                    union all
                    select * from {Facts} where series_id is distinct from $1 and seq <= k.basis and (stated_on, seq) > ($3, $4)
                      and statement_id = any(array(select statement_id from {Facts} where series_id = $1 and revised = true and seq <= k.basis))
                ) u
                where $5::date is null or u.stated_on <= $5
                order by u.stated_on, u.seq
                limit $6
            ) f on true
            order by f.stated_on, f.seq
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = seriesId });
        AddPage(cmd, basis, after, to, take);
        return await ReadWithBasisAsync(cmd, Read, ct);
    }

    // For each series, the first take facts recorded after basis after through through that bear
    // on it as of a date, in recording order: what Timeline learned between two moments. One query
    // for a whole page of series, each read by its own index.
    public async Task<Dictionary<string, List<Fact>>> LearnedAsync(string[] seriesIds, long after, long through, DateOnly asOf, int take, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            select s.series_id as for_series, x.* from unnest($1::text[]) s (series_id) cross join lateral (
                select * from (
                    select * from {Facts} where series_id = s.series_id and seq > $2 and seq <= $3 and stated_on <= $4
                    union all
                    select * from {Facts} where series_id is distinct from s.series_id and seq > $2 and seq <= $3 and stated_on <= $4
                      and statement_id = any(array(select statement_id from {Facts} where series_id = s.series_id and revised = true and seq <= $3))
                ) f
                order by f.seq
                limit $5) x
            order by s.series_id, x.seq
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = seriesIds, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = after });
        cmd.Parameters.Add(new NpgsqlParameter { Value = through });
        cmd.Parameters.Add(new NpgsqlParameter { Value = asOf });
        cmd.Parameters.Add(new NpgsqlParameter { Value = take });
        var learned = new Dictionary<string, List<Fact>>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var columns = new Ordinals(reader);
        var forSeries = reader.GetOrdinal("for_series");
        while (await reader.ReadAsync(CancellationToken.None))
        {
            var id = reader.GetString(forSeries);
            if (!learned.TryGetValue(id, out var list)) learned[id] = list = [];
            list.Add(Read(reader, columns));
        }
        return learned;
    }

    // The figures stated in the series before a place (statedOn, seq), known at the basis: the
    // highest and lowest stated there, and whether the source had spoken there.
    public async Task<(long? Highest, long? Lowest, bool SourceSpoke)> PriorFiguresAsync(string seriesId, string sourceKey,
        (DateOnly StatedOn, long Seq) before, long basis, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            select max(coalesce(high, value)), min(coalesce(low, value)), coalesce(bool_or(source_key = $2), false)
            from {Facts}
            where series_id = $1 and seq <= $3 and (stated_on, seq) < ($4, $5) and change in ('reported', 'corrected')
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = seriesId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = sourceKey });
        cmd.Parameters.Add(new NpgsqlParameter { Value = basis });
        cmd.Parameters.Add(new NpgsqlParameter { Value = before.StatedOn });
        cmd.Parameters.Add(new NpgsqlParameter { Value = before.Seq });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetBoolean(2));
    }

    // The series as its first figure known at the basis names it, or null when it had none yet.
    public async Task<Series?> SeriesAtAsync(string seriesId, long basis, CancellationToken ct)
    {
        var cmd = db.CreateCommand($"select * from {Facts} where series_id = $1 and seq <= $2 limit 1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = seriesId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = basis });
        return (await ReadAsync(cmd, ct)).FirstOrDefault()?.Series;
    }

    // Every fact of one statement known at the basis, in recording order.
    public Task<IReadOnlyList<Fact>> ForStatementAsync(Guid statementId, long basis, CancellationToken ct)
    {
        var cmd = db.CreateCommand($"select * from {Facts} where statement_id = $1 and seq <= $2 order by seq");
        cmd.Parameters.Add(new NpgsqlParameter { Value = statementId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = basis });
        return ReadAsync(cmd, ct);
    }

    // Every fact of these statements known at the basis, in recording order: one query for a page's revised statements.
    public Task<IReadOnlyList<Fact>> ForStatementsAsync(Guid[] statementIds, long basis, CancellationToken ct)
    {
        var cmd = db.CreateCommand($"select * from {Facts} where statement_id = any($1) and seq <= $2 order by seq");
        cmd.Parameters.Add(new NpgsqlParameter { Value = statementIds, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new NpgsqlParameter { Value = basis });
        return ReadAsync(cmd, ct);
    }

    public async Task<bool> SeriesExistsAsync(string seriesId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"select exists (select 1 from {Catalog} where series_id = $1)");
        cmd.Parameters.AddWithValue(seriesId);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    // A page's parameters, in the order every page query numbers them: basis
    // (null: the latest), place (date, seq), last date, size.
    static void AddPage(NpgsqlCommand cmd, long? basis, (DateOnly StatedOn, long Seq) after, DateOnly? to, int take)
    {
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)basis ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = after.StatedOn });
        cmd.Parameters.Add(new NpgsqlParameter { Value = after.Seq });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)to ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = take });
    }

    static void AddFilter(NpgsqlCommand cmd, SeriesFilter filter)
    {
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Party ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = filter.Group is { } g ? Vocabulary.Name(g) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = filter.Measure is { } m ? Vocabulary.Name(m) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
    }

    static string Columns => FactColumns.Names;
    static string Prefixed(string alias) => string.Join(", ", FactColumns.All.Select(c => $"{alias}.{c.Name}"));

    // Column positions, looked up once per query, and the series met so far (rows of one series share it).
    sealed class Ordinals(NpgsqlDataReader r)
    {
        public readonly Dictionary<string, Series> Series = [];
        public readonly int Id = r.GetOrdinal(FactColumns.Id.Name), Seq = r.GetOrdinal(FactColumns.Seq.Name), RecordedAt = r.GetOrdinal(FactColumns.RecordedAt.Name),
            StatementId = r.GetOrdinal(FactColumns.StatementId.Name), Change = r.GetOrdinal(FactColumns.Change.Name), StatedOn = r.GetOrdinal(FactColumns.StatedOn.Name),
            StatementStatedOn = r.GetOrdinal(FactColumns.StatementStatedOn.Name), StatedBy = r.GetOrdinal(FactColumns.StatedBy.Name), SourceKey = r.GetOrdinal(FactColumns.SourceKey.Name),
            SeriesId = r.GetOrdinal(FactColumns.SeriesId.Name), Party = r.GetOrdinal(FactColumns.Party.Name), Group = r.GetOrdinal(FactColumns.Group.Name),
            Measure = r.GetOrdinal(FactColumns.Measure.Name), PeriodFrom = r.GetOrdinal(FactColumns.PeriodFrom.Name), PeriodTo = r.GetOrdinal(FactColumns.PeriodTo.Name),
            Value = r.GetOrdinal(FactColumns.Value.Name), Low = r.GetOrdinal(FactColumns.Low.Name), High = r.GetOrdinal(FactColumns.High.Name),
            Qualifier = r.GetOrdinal(FactColumns.Qualifier.Name), Attribution = r.GetOrdinal(FactColumns.Attribution.Name),
            Qualitative = r.GetOrdinal(FactColumns.Qualitative.Name), Quote = r.GetOrdinal(FactColumns.Quote.Name), Source = r.GetOrdinal(FactColumns.Source.Name);
        // The standing queries' report sequence; -1 where a query has none.
        public readonly int ReportSeq = Enumerable.Range(0, r.FieldCount).FirstOrDefault(i => r.GetName(i) == "report_seq", -1);
    }

    // Rows of a query whose first column is the basis it was answered at, joined to its facts so
    // that an answer with no facts is still one row (its facts' columns null).
    static async Task<(long Basis, IReadOnlyList<T> Rows)> ReadWithBasisAsync<T>(NpgsqlCommand cmd, Func<NpgsqlDataReader, Ordinals, T> row, CancellationToken ct)
    {
        var rows = new List<T>();
        long basis = 0;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var columns = new Ordinals(reader);
        while (await reader.ReadAsync(CancellationToken.None))
        {
            basis = reader.GetInt64(0);
            if (!reader.IsDBNull(columns.Id)) rows.Add(row(reader, columns));
        }
        return (basis, rows);
    }

    static async Task<IReadOnlyList<Fact>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using (cmd)
        {
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            var columns = new Ordinals(reader);
            var facts = new List<Fact>();
            while (await reader.ReadAsync(CancellationToken.None)) facts.Add(Read(reader, columns));
            return facts;
        }
    }

    static Fact Read(NpgsqlDataReader reader, Ordinals o)
    {
        T? N<T>(int i) where T : struct => reader.IsDBNull(i) ? null : reader.GetFieldValue<T>(i);
        string? S(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        var change = Enum.Parse<Change>(reader.GetString(o.Change), ignoreCase: true);
        Series? series = null;
        if (S(o.SeriesId) is { } seriesId && !o.Series.TryGetValue(seriesId, out series))
        {
            Vocabulary.TryParse<Group>(reader.GetString(o.Group), out var group);
            Vocabulary.TryParse<Measure>(reader.GetString(o.Measure), out var measure);
            series = o.Series[seriesId] = Series.Of(reader.GetString(o.Party), group, measure, reader.GetFieldValue<DateOnly>(o.PeriodFrom), N<DateOnly>(o.PeriodTo));
        }
        Qualifier? qualifier = S(o.Qualifier) is { } q && Vocabulary.TryParse<Qualifier>(q, out var qv) ? qv : null;
        Attribution? attribution = S(o.Attribution) is { } a && Vocabulary.TryParse<Attribution>(a, out var av) ? av : null;
        return new Fact(
            reader.GetGuid(o.Id), reader.GetInt64(o.Seq), reader.GetFieldValue<DateTimeOffset>(o.RecordedAt),
            reader.GetGuid(o.StatementId), change,
            reader.GetFieldValue<DateOnly>(o.StatedOn), reader.GetFieldValue<DateOnly>(o.StatementStatedOn),
            reader.GetString(o.StatedBy), reader.GetString(o.SourceKey), series,
            N<long>(o.Value), N<long>(o.Low), N<long>(o.High), qualifier, attribution, S(o.Qualitative),
            reader.GetString(o.Quote), JsonSerializer.Deserialize<Source>(reader.GetString(o.Source), FactJson.Options)!);
    }
}

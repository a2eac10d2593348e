// Every figure-bearing event, flattened into one indexed table (tl_estimate_facts): a report,
// a correction with its new values, a retraction. It is written inline, in the transaction that
// appends the event, so estimates reflect a write as soon as it returns, and it is rebuilt from
// the event log alone. The statement's own fields (who, when, quote, source) are copied onto a
// correction's or retraction's row from the report's row in SQL, inside that same transaction.
//
// Shaped for the as-of question. Nearly every statement is a lone report, and for those "what did
// this source last say in this series by date D" is the first entry of ix_standing read backwards.
// The few statements ever corrected or retracted are flagged revised (all their rows; the report's
// flag is set when the first revision arrives) and worked out in full. A small catalog
// (tl_estimate_series) lists every series with its vocabulary, so filters resolve to series ids.
using JasperFx.Events;
using Marten;
using Marten.Events.Daemon;
using Marten.Events.Projections;
using Timeline.Statements;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;
using Timeline.Http;

namespace Timeline.Estimates;

public sealed class EstimateFactsProjection : EventProjection
{
    public const string TableName = "tl_estimate_facts";
    public const string CatalogName = "tl_estimate_series";
    readonly string _table;
    readonly string _catalog;

    public EstimateFactsProjection(string schema)
    {
        var name = new PostgresqlObjectName(schema, TableName, SchemaUtils.IdentifierUsage.General);
        var catalog = new PostgresqlObjectName(schema, CatalogName, SchemaUtils.IdentifierUsage.General);
        _table = name.QualifiedName;
        _catalog = catalog.QualifiedName;
        Name = "EstimateFacts";
        SchemaObjects.Add(Table(name));
        SchemaObjects.Add(Catalog(catalog));
        Options.DeleteDataInTableOnTeardown(name.QualifiedName);
        Options.DeleteDataInTableOnTeardown(catalog.QualifiedName);
    }

    static Table Catalog(PostgresqlObjectName name)
    {
        var t = new Table(name);
        t.AddColumn("series_id", "text").AsPrimaryKey();
        t.AddColumn("party", "text").NotNull();
        t.AddColumn("grp", "text").NotNull();
        t.AddColumn("measure", "text").NotNull();
        return t;
    }

    /// <summary>The facts table's indexes (named ix_{table}_{suffix}); the rebuild builds the same on its shadow table.</summary>
    public static readonly (string Suffix, string[] Columns)[] Indexes =
    [
        // Unrevised reports per (series, source) in date order; also every row of a series, and its revised ones.
        ("standing", ["series_id", "revised", "source_key", "change", "stated_on", "seq"]),
        ("statement", ["statement_id", "seq"]),
        // A series' rows in the order they were stated: history pages through them by (stated_on, seq).
        ("series", ["series_id", "stated_on", "seq"]),
        // Every fact in the order it was stated: replay pages through it by (stated_on, seq).
        ("stated", ["stated_on", "seq"]),
        // A series' rows in recording order: what was learned between two moments.
        ("learned", ["series_id", "seq"]),
    ];

    /// <summary>The facts table's primary key constraint, as the schema names it.</summary>
    public const string PrimaryKeyName = $"pkey_{TableName}_id";

    static Table Table(PostgresqlObjectName name)
    {
        var t = new Table(name);
        t.AddColumn<Guid>("id").AsPrimaryKey();
        t.AddColumn<long>("seq").NotNull();
        t.AddColumn("recorded_at", "timestamptz").NotNull();
        t.AddColumn<Guid>("statement_id").NotNull();
        t.AddColumn("change", "text").NotNull();
        t.AddColumn("stated_on", "date").NotNull();
        t.AddColumn("statement_stated_on", "date").NotNull();
        t.AddColumn("stated_by", "text").NotNull();
        t.AddColumn("source_key", "text").NotNull();
        t.AddColumn("series_id", "text").AllowNulls();
        t.AddColumn("party", "text").AllowNulls();
        t.AddColumn("grp", "text").AllowNulls();
        t.AddColumn("measure", "text").AllowNulls();
        t.AddColumn("period_from", "date").AllowNulls();
        t.AddColumn("period_to", "date").AllowNulls();
        t.AddColumn("value", "bigint").AllowNulls();
        t.AddColumn("low", "bigint").AllowNulls();
        t.AddColumn("high", "bigint").AllowNulls();
        t.AddColumn("qualifier", "text").AllowNulls();
        t.AddColumn("attribution", "text").AllowNulls();
        t.AddColumn("qualitative", "text").AllowNulls();
        t.AddColumn("quote", "text").NotNull();
        t.AddColumn("source", "jsonb").NotNull();
        t.AddColumn("revised", "boolean").NotNull();
        t.PrimaryKeyName = PrimaryKeyName;
        foreach (var (suffix, columns) in Indexes) t.Indexes.Add(new IndexDefinition($"ix_{TableName}_{suffix}") { Columns = columns });
        return t;
    }

    public override ValueTask ApplyAsync(IDocumentOperations ops, IEvent e, CancellationToken ct)
    {
        if (Command(e, _table, _catalog) is { } command) ops.QueueSqlCommand(command.Sql, command.Args);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The SQL that records an event's fact in <paramref name="table"/> and its series in
    /// <paramref name="catalog"/> ("?" placeholders), or null for events that carry no figure.
    /// Shared by the inline projection and the rebuild.
    /// </summary>
    public static (string Sql, object[] Args)? Command(IEvent e, string table, string catalog)
    {
        switch (e.Data)
        {
            case FigureReported r:
                var f = r.Figure;
                var series = Series.Of(f);
                return ($"""
                    with fact as (
                        insert into {table} ({ReportColumns})
                        values (?, ?, ?, ?, 'reported', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::date, ?::bigint, ?::bigint, ?::bigint, ?::text, ?, ?::text, ?, ?::jsonb, false)
                        on conflict (id) do nothing
                        returning series_id, party, grp, measure)
                    {CatalogInsert(catalog)}
                    """,
                    [e.Id, e.Sequence, e.Timestamp, r.StatementId, r.StatedOn, r.StatedOn, r.StatedBy, SourceKey(r.StatedBy),
                    series.Id, f.Party, Vocabulary.Name(f.Group), Vocabulary.Name(f.Measure), f.Period.From, Db(f.Period.To),
                    Db(f.Value), Db(f.Low), Db(f.High), Db(f.Qualifier is { } q ? Vocabulary.Name(q) : null), Vocabulary.Name(f.Attribution),
                    Db(f.Qualitative), r.Quote, Json(r.Source)]);
            case StatementCorrected c:
                var g = c.Figure;
                var moved = Series.Of(g);
                return ($"""
                    with fact as (
                        insert into {table} ({ReportColumns})
                        select ?, ?, ?, statement_id, 'corrected', ?, statement_stated_on, stated_by, source_key,
                            ?, ?, ?, ?, ?, ?::date, ?::bigint, ?::bigint, ?::bigint, ?::text, ?, ?::text, coalesce(?::text, quote), coalesce(?::jsonb, source), true
                        from {table} where statement_id = ? and change = 'reported'
                        on conflict (id) do nothing
                        returning statement_id, series_id, party, grp, measure),
                    flagged as ({FlagRevised(table)})
                    {CatalogInsert(catalog)}
                    """,
                    [e.Id, e.Sequence, e.Timestamp, c.StatedOn,
                    moved.Id, g.Party, Vocabulary.Name(g.Group), Vocabulary.Name(g.Measure), g.Period.From, Db(g.Period.To),
                    Db(g.Value), Db(g.Low), Db(g.High), Db(g.Qualifier is { } q2 ? Vocabulary.Name(q2) : null), Vocabulary.Name(g.Attribution),
                    Db(g.Qualitative), Db(c.Quote), Db(c.Source is null ? null : Json(c.Source)), c.StatementId]);
            case StatementRetracted x:
                return ($"""
                    with fact as (
                        insert into {table} (id, seq, recorded_at, statement_id, change, stated_on, statement_stated_on, stated_by, source_key, quote, source, revised)
                        select ?, ?, ?, statement_id, 'retracted', ?, statement_stated_on, stated_by, source_key, coalesce(?::text, quote), coalesce(?::jsonb, source), true
                        from {table} where statement_id = ? and change = 'reported'
                        on conflict (id) do nothing
                        returning statement_id)
                    {FlagRevised(table)}
                    """,
                    [e.Id, e.Sequence, e.Timestamp, x.StatedOn, Db(x.Quote), Db(x.Source is null ? null : Json(x.Source)), x.StatementId]);
            default:
                return null;
        }
    }

    // A statement's first revision flags its report; its own row is inserted flagged already.
    static string FlagRevised(string table) =>
        $"update {table} r set revised = true from fact where r.statement_id = fact.statement_id and r.change = 'reported' and not r.revised";

    static string CatalogInsert(string catalog) =>
        $"insert into {catalog} (series_id, party, grp, measure) select series_id, party, grp, measure from fact on conflict (series_id) do nothing";

    /// <summary>Fills <paramref name="catalog"/> with every series in <paramref name="table"/> (the rebuild's last step).</summary>
    public static string CatalogFill(string table, string catalog) =>
        $"insert into {catalog} (series_id, party, grp, measure) select distinct on (series_id) series_id, party, grp, measure from {table} " +
        "where series_id is not null on conflict (series_id) do nothing";

    /// <summary>The columns a report's or correction's row fills, in order (its INSERT, and the rebuild's binary COPY).</summary>
    public const string ReportColumns = "id, seq, recorded_at, statement_id, change, stated_on, statement_stated_on, stated_by, source_key, " +
        "series_id, party, grp, measure, period_from, period_to, value, low, high, qualifier, attribution, qualitative, quote, source, revised";

    public static async Task CopyReportAsync(Npgsql.NpgsqlBinaryImporter copy, IEvent e, FigureReported r, CancellationToken ct)
    {
        var f = r.Figure;
        await copy.StartRowAsync(ct);
        await copy.WriteAsync(e.Id, NpgsqlTypes.NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(e.Sequence, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
        await copy.WriteAsync(e.Timestamp.ToUniversalTime(), NpgsqlTypes.NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(r.StatementId, NpgsqlTypes.NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync("reported", NpgsqlTypes.NpgsqlDbType.Text, ct);
        await copy.WriteAsync(r.StatedOn, NpgsqlTypes.NpgsqlDbType.Date, ct);
        await copy.WriteAsync(r.StatedOn, NpgsqlTypes.NpgsqlDbType.Date, ct);
        await copy.WriteAsync(r.StatedBy, NpgsqlTypes.NpgsqlDbType.Text, ct);
        await copy.WriteAsync(SourceKey(r.StatedBy), NpgsqlTypes.NpgsqlDbType.Text, ct);
        await copy.WriteAsync(Series.Of(f).Id, NpgsqlTypes.NpgsqlDbType.Text, ct);
        await copy.WriteAsync(f.Party, NpgsqlTypes.NpgsqlDbType.Text, ct);
        await copy.WriteAsync(Vocabulary.Name(f.Group), NpgsqlTypes.NpgsqlDbType.Text, ct);
        await copy.WriteAsync(Vocabulary.Name(f.Measure), NpgsqlTypes.NpgsqlDbType.Text, ct);
        await copy.WriteAsync(f.Period.From, NpgsqlTypes.NpgsqlDbType.Date, ct);
        await Nullable(copy, f.Period.To, NpgsqlTypes.NpgsqlDbType.Date, ct);
        await Nullable(copy, f.Value, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
        await Nullable(copy, f.Low, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
        await Nullable(copy, f.High, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
        await Nullable(copy, f.Qualifier is { } q ? Vocabulary.Name(q) : null, NpgsqlTypes.NpgsqlDbType.Text, ct);
        await copy.WriteAsync(Vocabulary.Name(f.Attribution), NpgsqlTypes.NpgsqlDbType.Text, ct);
        await Nullable(copy, f.Qualitative, NpgsqlTypes.NpgsqlDbType.Text, ct);
        await copy.WriteAsync(r.Quote, NpgsqlTypes.NpgsqlDbType.Text, ct);
        await copy.WriteAsync(Json(r.Source), NpgsqlTypes.NpgsqlDbType.Jsonb, ct);
        await copy.WriteAsync(false, NpgsqlTypes.NpgsqlDbType.Boolean, ct);
    }

    static async Task Nullable<T>(Npgsql.NpgsqlBinaryImporter copy, T? value, NpgsqlTypes.NpgsqlDbType type, CancellationToken ct)
    {
        if (value is null) await copy.WriteNullAsync(ct);
        else await copy.WriteAsync(value, type, ct);
    }

    /// <summary>One source, however its name is spaced or cased.</summary>
    public static string SourceKey(string statedBy) => StatementIdentity.Normalise(statedBy);

    static object Db(object? value) => value ?? DBNull.Value;

    static string Json(Source s) => System.Text.Json.JsonSerializer.Serialize(s, FactJson.Options);
}

public static class FactJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}

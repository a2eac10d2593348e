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
        foreach (var c in CatalogColumns.All)
        {
            var column = t.AddColumn(c.Name, c.SqlType);
            if (c == CatalogColumns.SeriesId) column.AsPrimaryKey();
            else column.NotNull();
        }
        return t;
    }

    // The facts table's indexes (named ix_{table}_{suffix}); the rebuild builds the same on its shadow table.
    // Each serves the queries named (FactStore); five secondary indexes are most of a fact row's COPY cost
    // (README, ingest), and each of these is a query's only index path: dropping one turns its reads into scans.
    public static readonly (string Suffix, string[] Columns)[] Indexes =
    [
        // StandingAsync (GET /api/estimates, as-of): unrevised reports per (series, source) walked back from asOf, the sources by
        // skip scan; also "the revised statements of these series" (series_id, revised) in every query that follows them.
        ("standing", ["series_id", "revised", "source_key", "change", "stated_on", "seq"]),
        // A statement's rows: the revision's insert finds its report, the standing and page queries their revised statements' rows,
        // ForStatementAsync (the estimate changes an event made), ForStatementsAsync (a replay page's retractions).
        ("statement", ["statement_id", "seq"]),
        // HistoryPageAsync, ForSeriesAsync, PriorFiguresAsync, a filtered ReplayPageAsync: a series' rows by (stated_on, seq).
        ("series", ["series_id", "stated_on", "seq"]),
        // ReplayPageAsync without a filter (GET /api/replay): every fact by (stated_on, seq).
        ("stated", ["stated_on", "seq"]),
        // LearnedAsync (GET /api/changes between two moments) and SeriesAtAsync: a series' rows in recording order.
        ("learned", ["series_id", "seq"]),
    ];

    public const string PrimaryKeyName = $"pkey_{TableName}_id";

    static Table Table(PostgresqlObjectName name)
    {
        var t = new Table(name);
        foreach (var c in FactColumns.All)
        {
            var column = t.AddColumn(c.Name, c.SqlType);
            if (c == FactColumns.Id) column.AsPrimaryKey();
            else if (c.Nullable) column.AllowNulls();
            else column.NotNull();
        }
        t.PrimaryKeyName = PrimaryKeyName;
        foreach (var (suffix, columns) in Indexes) t.Indexes.Add(new IndexDefinition($"ix_{TableName}_{suffix}") { Columns = columns });
        return t;
    }

    public override ValueTask ApplyAsync(IDocumentOperations ops, IEvent e, CancellationToken ct)
    {
        if (Command(e, _table, _catalog) is { } command) ops.QueueSqlCommand(command.Sql, command.Args);
        return ValueTask.CompletedTask;
    }

    // The SQL that records an event's fact in table and its series in catalog ("?" placeholders), or null for
    // events that carry no figure. Shared by the inline projection and the rebuild.
    public static (string Sql, object[] Args)? Command(IEvent e, string table, string catalog)
    {
        switch (e.Data)
        {
            case FigureReported r:
                return ($"""
                    with fact as (
                        {FactColumns.InsertValues(table)}
                        returning series_id, party, grp, measure)
                    {CatalogInsert(catalog)}
                    """, FactColumns.InsertArgs(FactRow.Reported(e, r)));
            case StatementCorrected c:
                return ($"""
                    with fact as (
                        {FactColumns.InsertRevision(table)}
                        returning statement_id, series_id, party, grp, measure),
                    flagged as ({FlagRevised(table)})
                    {CatalogInsert(catalog)}
                    """, FactColumns.RevisionArgs(FactRow.Corrected(e, c)));
            case StatementRetracted x:
                return ($"""
                    with fact as (
                        {FactColumns.InsertRevision(table)}
                        returning statement_id)
                    {FlagRevised(table)}
                    """, FactColumns.RevisionArgs(FactRow.Retracted(e, x)));
            default:
                return null;
        }
    }

    // A statement's first revision flags its report; its own row is inserted flagged already.
    static string FlagRevised(string table) =>
        $"update {table} r set revised = true from fact where r.statement_id = fact.statement_id and r.change = 'reported' and not r.revised";

    static readonly string Catalogued = CatalogColumns.Names;

    static string CatalogInsert(string catalog) =>
        $"insert into {catalog} ({Catalogued}) select {Catalogued} from fact on conflict (series_id) do nothing";

    // Fills catalog with every series in table (the rebuild's last step).
    public static string CatalogFill(string table, string catalog) =>
        $"insert into {catalog} ({Catalogued}) select distinct on (series_id) {Catalogued} from {table} " +
        "where series_id is not null on conflict (series_id) do nothing";

    // One source, however its name is spaced or cased.
    public static string SourceKey(string statedBy) => StatementIdentity.Normalise(statedBy);

}

public static class FactJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(Source source) => System.Text.Json.JsonSerializer.Serialize(source, Options);
}

// One row of tl_estimate_facts, declared once: each column's name, type and value. The table's DDL,
// the inline projection's inserts, the bulk and rebuild COPYs and FactStore's reader all come from
// these declarations, and a test holds them to the table the database has.
using JasperFx.Events;
using Npgsql;
using Timeline.EventLog;
using Timeline.Http;
using Timeline.Statements;
using static NpgsqlTypes.NpgsqlDbType;

namespace Timeline.Estimates;

// A revision's statement fields (StatementStatedOn, StatedBy, SourceKey) are taken from its report's
// row in SQL, and its quote and source too when it gives none: here they are left empty.
public sealed record FactRow(
    Guid Id, long Seq, DateTimeOffset RecordedAt, Guid StatementId, Change Change, DateOnly StatedOn,
    DateOnly StatementStatedOn, string StatedBy, string SourceKey, Figure? Figure, string? Quote, Source? Source)
{
    public static FactRow Reported(IEvent e, FigureReported r) =>
        new(e.Id, e.Sequence, e.Timestamp, r.StatementId, Change.Reported, r.StatedOn, r.StatedOn, r.StatedBy,
            EstimateFactsProjection.SourceKey(r.StatedBy), r.Figure, r.Quote, r.Source);

    public static FactRow Corrected(IEvent e, StatementCorrected c) =>
        new(e.Id, e.Sequence, e.Timestamp, c.StatementId, Change.Corrected, c.StatedOn, default, "", "", c.Figure, c.Quote, c.Source);

    public static FactRow Retracted(IEvent e, StatementRetracted x) =>
        new(e.Id, e.Sequence, e.Timestamp, x.StatementId, Change.Retracted, x.StatedOn, default, "", "", null, x.Quote, x.Source);

    // A statement's rows are flagged once it has been revised; its report's flag is set when the first revision arrives.
    public bool Revised => Change != Change.Reported;
}

public static class FactColumns
{
    static CopyColumn<FactRow> C<T>(string name, NpgsqlTypes.NpgsqlDbType type, Func<FactRow, T> value, bool nullable = false) =>
        CopyColumn<FactRow>.Of(name, type, value, nullable);

    static string? Name<T>(T? value) where T : struct, Enum => value is { } v ? Vocabulary.Name(v) : null;

    public static readonly CopyColumn<FactRow>
        Id = C("id", Uuid, r => r.Id),
        Seq = C("seq", Bigint, r => r.Seq),
        RecordedAt = C("recorded_at", TimestampTz, r => r.RecordedAt.ToUniversalTime()),
        StatementId = C("statement_id", Uuid, r => r.StatementId),
        Change = C("change", Text, r => Vocabulary.Name(r.Change)),
        StatedOn = C("stated_on", Date, r => r.StatedOn),
        StatementStatedOn = C("statement_stated_on", Date, r => r.StatementStatedOn),
        StatedBy = C("stated_by", Text, r => r.StatedBy),
        SourceKey = C("source_key", Text, r => r.SourceKey),
        SeriesId = C("series_id", Text, r => r.Figure is { } f ? Series.Of(f).Id : null, nullable: true),
        Party = C("party", Text, r => r.Figure?.Party, nullable: true),
        Group = C("grp", Text, r => Name(r.Figure?.Group), nullable: true),
        Measure = C("measure", Text, r => Name(r.Figure?.Measure), nullable: true),
        PeriodFrom = C("period_from", Date, r => r.Figure?.Period.From, nullable: true),
        PeriodTo = C("period_to", Date, r => r.Figure?.Period.To, nullable: true),
        Value = C("value", Bigint, r => r.Figure?.Value, nullable: true),
        Low = C("low", Bigint, r => r.Figure?.Low, nullable: true),
        High = C("high", Bigint, r => r.Figure?.High, nullable: true),
        Qualifier = C("qualifier", Text, r => Name(r.Figure?.Qualifier), nullable: true),
        Attribution = C("attribution", Text, r => Name(r.Figure?.Attribution), nullable: true),
        Qualitative = C("qualitative", Text, r => r.Figure?.Qualitative, nullable: true),
        Quote = C("quote", Text, r => r.Quote),
        Source = C("source", Jsonb, r => r.Source is { } s ? FactJson.Serialize(s) : null),
        Revised = C("revised", NpgsqlTypes.NpgsqlDbType.Boolean, r => r.Revised);

    public static readonly CopyColumn<FactRow>[] All =
    [
        Id, Seq, RecordedAt, StatementId, Change, StatedOn, StatementStatedOn, StatedBy, SourceKey,
        SeriesId, Party, Group, Measure, PeriodFrom, PeriodTo, Value, Low, High, Qualifier, Attribution, Qualitative,
        Quote, Source, Revised,
    ];

    public static readonly string Names = string.Join(", ", All.Select(c => c.Name));

    // What a revision takes from its statement's report row rather than from its event.
    static readonly HashSet<CopyColumn<FactRow>> FromReport = [StatementStatedOn, StatedBy, SourceKey];
    static readonly HashSet<CopyColumn<FactRow>> FromReportUnlessGiven = [Quote, Source];

    public static readonly CopyTable<FactRow> Copy = new($"{LogTables.Schema}.{EstimateFactsProjection.TableName}", All);

    // A report's row ("?" placeholders, one argument per column).
    public static string InsertValues(string table) =>
        $"insert into {table} ({Names}) values ({string.Join(", ", All.Select(c => $"?::{c.SqlType}"))}) on conflict (id) do nothing";

    // A revision's row, built from its report's row: the arguments of RevisionArgs.
    public static string InsertRevision(string table) =>
        $"insert into {table} ({Names}) select {string.Join(", ", All.Select(RevisionValue))} " +
        $"from {table} where statement_id = ?::uuid and change = '{Vocabulary.Name(Statements.Change.Reported)}' on conflict (id) do nothing";

    static string RevisionValue(CopyColumn<FactRow> c) =>
        FromReport.Contains(c) ? c.Name
        : FromReportUnlessGiven.Contains(c) ? $"coalesce(?::{c.SqlType}, {c.Name})"
        : $"?::{c.SqlType}";

    public static object[] InsertArgs(FactRow row) => [.. All.Select(c => c.Value(row) ?? DBNull.Value)];

    public static object[] RevisionArgs(FactRow row) =>
        [.. All.Where(c => !FromReport.Contains(c)).Select(c => c.Value(row) ?? DBNull.Value), row.StatementId];
}

// One row of the series catalog (tl_estimate_series), declared once: its DDL, the inserts that fill it
// (inline, bulk, rebuild) and FactStore's reader name these columns. The inline and rebuild inserts
// select them from fact rows, whose columns of the same names they are.
public static class CatalogColumns
{
    static CopyColumn<FactStore.CatalogEntry> C(string name, Func<FactStore.CatalogEntry, string> value) =>
        CopyColumn<FactStore.CatalogEntry>.Of(name, Text, value);

    public static readonly CopyColumn<FactStore.CatalogEntry>
        SeriesId = C("series_id", e => e.SeriesId),
        Party = C("party", e => e.Party),
        Group = C("grp", e => e.Group),
        Measure = C("measure", e => e.Measure);

    public static readonly CopyColumn<FactStore.CatalogEntry>[] All = [SeriesId, Party, Group, Measure];

    public static readonly string Names = string.Join(", ", All.Select(c => c.Name));

    // Written by INSERT, not COPY; declared as a copy target all the same, so the schema tests compare it too.
    public static readonly CopyTable<FactStore.CatalogEntry> Table = new($"{LogTables.Schema}.{EstimateFactsProjection.CatalogName}", All);

    public static FactStore.CatalogEntry Of(Figure f) => new(Series.Of(f).Id, f.Party, Vocabulary.Name(f.Group), Vocabulary.Name(f.Measure));

    // A series already catalogued stays as it is.
    public const string OnConflict = "on conflict (series_id) do nothing";

    // Many entries in one statement: an array per column.
    public static NpgsqlCommand Insert(string catalog, IReadOnlyCollection<FactStore.CatalogEntry> entries, NpgsqlConnection connection)
    {
        var cmd = new NpgsqlCommand(
            $"insert into {catalog} ({Names}) select * from unnest({string.Join(", ", All.Select((c, i) => $"${i + 1}::{c.SqlType}[]"))}) {OnConflict}",
            connection);
        foreach (var c in All) cmd.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => (string)c.Value(e)!).ToArray() });
        return cmd;
    }

    public static FactStore.CatalogEntry Read(NpgsqlDataReader reader) =>
        new(reader.GetString(reader.GetOrdinal(SeriesId.Name)), reader.GetString(reader.GetOrdinal(Party.Name)),
            reader.GetString(reader.GetOrdinal(Group.Name)), reader.GetString(reader.GetOrdinal(Measure.Name)));
}

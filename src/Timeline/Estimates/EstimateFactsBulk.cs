// The estimate facts of streams started by BulkAppend: each report's row by binary COPY, then the
// series it brings into the catalog, in one statement. What the inline EstimateFactsProjection
// would have written for them; new streams hold reports and republications only (a correction or
// retraction is appended to a stream that exists).
using JasperFx.Events;
using Npgsql;
using Timeline.EventLog;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Estimates;

public sealed class EstimateFactsBulk : IBulkProjection
{
    const string Catalog = $"{LogTables.Schema}.{EstimateFactsProjection.CatalogName}";

    public async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var (reports, series) = Rows(events);
        await FactColumns.Copy.WriteAsync(connection, reports, ct);
        if (series.Count == 0) return;
        await using var catalog = CatalogColumns.Insert(Catalog, series, connection);
        await catalog.ExecuteNonQueryAsync(ct);
    }

    public IEnumerable<NpgsqlBatchCommand> Inserts(IReadOnlyList<IEvent> events)
    {
        var (reports, series) = Rows(events);
        if (reports.Count > 0) yield return FactColumns.Copy.Insert(reports);
        if (series.Count > 0) yield return CatalogColumns.Table.Insert(series, CatalogColumns.OnConflict);
    }

    static (List<FactRow> Reports, IReadOnlyCollection<FactStore.CatalogEntry> Series) Rows(IReadOnlyList<IEvent> events)
    {
        if (events.FirstOrDefault(e => e.Data is StatementCorrected or StatementRetracted) is { } revision)
            throw new NotSupportedException($"A new stream does not start with {revision.EventTypeName}: it revises a statement already recorded.");
        var reports = events.Where(e => e.Data is FigureReported).Select(e => FactRow.Reported(e, (FigureReported)e.Data)).ToList();
        var series = new Dictionary<string, FactStore.CatalogEntry>();
        foreach (var r in reports) series.TryAdd(Series.Of(r.Figure!).Id, CatalogColumns.Of(r.Figure!));
        return (reports, series.Values);
    }
}

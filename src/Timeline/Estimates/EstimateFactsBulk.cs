// The estimate facts of streams started by BulkAppend: each report's row by binary COPY, then the
// series it brings into the catalog, in one statement. What the inline EstimateFactsProjection
// would have written for them; new streams hold reports and republications only (a correction or
// retraction is appended to a stream that exists).
using JasperFx.Events;
using Npgsql;
using NpgsqlTypes;
using Timeline.EventLog;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Estimates;

public sealed class EstimateFactsBulk : IBulkProjection
{
    const string Facts = $"{LogTables.Schema}.{EstimateFactsProjection.TableName}";
    const string Catalog = $"{LogTables.Schema}.{EstimateFactsProjection.CatalogName}";

    public async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var series = new Dictionary<string, Figure>();
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"copy {Facts} ({EstimateFactsProjection.ReportColumns}) from stdin (format binary)", ct))
        {
            foreach (var e in events)
            {
                if (e.Data is FigureReported r)
                {
                    await EstimateFactsProjection.CopyReportAsync(copy, e, r, ct);
                    series.TryAdd(Series.Of(r.Figure).Id, r.Figure);
                }
                else if (e.Data is StatementCorrected or StatementRetracted)
                    throw new NotSupportedException($"A new stream does not start with {e.EventTypeName}: it revises a statement already recorded.");
            }
            await copy.CompleteAsync(ct);
        }
        if (series.Count == 0) return;
        await using var catalog = new NpgsqlCommand(
            $"insert into {Catalog} (series_id, party, grp, measure) select * from unnest($1::text[], $2::text[], $3::text[], $4::text[]) on conflict (series_id) do nothing",
            connection)
        {
            Parameters =
            {
                new() { Value = series.Keys.ToArray() },
                new() { Value = series.Values.Select(f => f.Party).ToArray() },
                new() { Value = series.Values.Select(f => Vocabulary.Name(f.Group)).ToArray() },
                new() { Value = series.Values.Select(f => Vocabulary.Name(f.Measure)).ToArray() },
            },
        };
        await catalog.ExecuteNonQueryAsync(ct);
    }
}

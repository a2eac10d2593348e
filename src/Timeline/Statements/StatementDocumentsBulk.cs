// The statement documents of streams started by BulkAppend, folded by the projection itself and
// written by binary COPY: what the inline StatementProjection would have stored for them.
using JasperFx.Events;
using Marten;
using Npgsql;
using Timeline.EventLog;

namespace Timeline.Statements;

public sealed class StatementDocumentsBulk(IDocumentStore store) : IBulkProjection
{
    public async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<IEvent> events, CancellationToken ct) =>
        await StatementDocument.Copy.WriteAsync(connection, Documents(events), ct);

    public IEnumerable<NpgsqlBatchCommand> Inserts(IReadOnlyList<IEvent> events) => [StatementDocument.Copy.Insert([.. Documents(events)])];

    IEnumerable<StatementDocument> Documents(IReadOnlyList<IEvent> events)
    {
        var serializer = store.Options.Serializer();
        return events.GroupBy(e => e.StreamId)
            .Select(stream => StatementDocumentsRebuild.Fold(stream) is { } statement ? new StatementDocument(stream.Key, serializer.ToJson(statement), statement.Version) : null)
            .OfType<StatementDocument>();
    }
}

// A row of Marten's statement document table (mt_doc_statement), as the bulk write and the rebuild copy it.
public sealed record StatementDocument(Guid Id, string Json, long Version)
{
    public const string Table = $"{LogTables.Schema}.mt_doc_statement";

    static readonly CopyColumn<StatementDocument>
        IdColumn = CopyColumn<StatementDocument>.Of("id", NpgsqlTypes.NpgsqlDbType.Uuid, d => d.Id),
        DataColumn = CopyColumn<StatementDocument>.Of("data", NpgsqlTypes.NpgsqlDbType.Jsonb, d => d.Json),
        VersionColumn = CopyColumn<StatementDocument>.Of("mt_version", NpgsqlTypes.NpgsqlDbType.Bigint, d => d.Version),
        TypeColumn = CopyColumn<StatementDocument>.Of("mt_dotnet_type", NpgsqlTypes.NpgsqlDbType.Varchar, _ => typeof(Statement).FullName!);

    public static readonly CopyTable<StatementDocument> Copy = new(Table, IdColumn, DataColumn, VersionColumn, TypeColumn);

    // The rebuild's shadow holds the document and its version; the type is added as they are upserted.
    public static readonly CopyTable<StatementDocument> Shadow = new(Table, IdColumn, DataColumn, VersionColumn);
}

// The statement documents of streams started by BulkAppend, folded by the projection itself and
// written by binary COPY: what the inline StatementProjection would have stored for them.
using JasperFx.Events;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Timeline.EventLog;

namespace Timeline.Statements;

public sealed class StatementDocumentsBulk(IDocumentStore store) : IBulkProjection
{
    const string Docs = $"{LogTables.Schema}.mt_doc_statement";

    public async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var serializer = store.Options.Serializer();
        await using var copy = await connection.BeginBinaryImportAsync(
            $"copy {Docs} (id, data, mt_version, mt_dotnet_type) from stdin (format binary)", ct);
        foreach (var stream in events.GroupBy(e => e.StreamId))
        {
            if (StatementDocumentsRebuild.Fold(stream) is not { } statement) continue;
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(stream.Key, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(serializer.ToJson(statement), NpgsqlDbType.Jsonb, ct);
            await copy.WriteAsync(statement.Version, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(typeof(Statement).FullName!, NpgsqlDbType.Varchar, ct);
        }
        await copy.CompleteAsync(ct);
    }
}

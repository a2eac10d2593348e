// A binary COPY's target, declared once: the table, and each column with the type it is written as
// and where its value comes from. Every COPY goes through one of these, so the tests can compare
// each declaration with the table the database has (Marten's own tables included): a column that an
// upgrade renames or retypes fails the tests, not a production import.
using Npgsql;
using NpgsqlTypes;

namespace Timeline.EventLog;

public abstract class CopyTable(string table)
{
    // Schema-qualified; the table whose columns the rows must match (a rebuild may copy into a shadow of it).
    public string Table { get; } = table;
    public abstract IReadOnlyList<CopyColumn> Columns { get; }
    public string ColumnList => string.Join(", ", Columns.Select(c => c.Name));
}

public abstract record CopyColumn(string Name, NpgsqlDbType Type, bool Nullable)
{
    // As PostgreSQL spells the type in DDL and casts (and as Weasel reads it back, so a schema built from it looks unchanged).
    public string SqlType => Type switch
    {
        NpgsqlDbType.Uuid => "uuid",
        NpgsqlDbType.Bigint => "bigint",
        NpgsqlDbType.Integer => "integer",
        NpgsqlDbType.TimestampTz => "timestamptz",
        NpgsqlDbType.Date => "date",
        NpgsqlDbType.Text => "text",
        NpgsqlDbType.Varchar => "varchar",
        NpgsqlDbType.Jsonb => "jsonb",
        NpgsqlDbType.Boolean => "boolean",
        _ => throw new NotSupportedException($"No SQL name for {Type}"),
    };
}

public sealed record CopyColumn<TRow>(string Name, NpgsqlDbType Type, bool Nullable, Func<TRow, object?> Value,
    Func<NpgsqlBinaryImporter, TRow, CancellationToken, Task> Write, Func<IEnumerable<TRow>, NpgsqlParameter> Array) : CopyColumn(Name, Type, Nullable)
{
    public static CopyColumn<TRow> Of<T>(string name, NpgsqlDbType type, Func<TRow, T> value, bool nullable = false) =>
        new(name, type, nullable, row => value(row), async (copy, row, ct) =>
        {
            var v = value(row);
            if (v is null) await copy.WriteNullAsync(ct);
            else await copy.WriteAsync(v, type, ct);
        },
        // The column's values as one typed array, for an insert that unnests them (see CopyTable<TRow>.Insert).
        rows => new NpgsqlParameter<T[]> { TypedValue = [.. rows.Select(value)], NpgsqlDbType = NpgsqlDbType.Array | type });
}

public sealed class CopyTable<TRow>(string table, params CopyColumn<TRow>[] columns) : CopyTable(table)
{
    public IReadOnlyList<CopyColumn<TRow>> Typed { get; } = columns;
    public override IReadOnlyList<CopyColumn> Columns => Typed;

    // Writes the rows into the table, or into a shadow of it with the same columns.
    public async Task<ulong> WriteAsync(NpgsqlConnection connection, IEnumerable<TRow> rows, CancellationToken ct, string? into = null)
    {
        await using var copy = await connection.BeginBinaryImportAsync($"copy {into ?? Table} ({ColumnList}) from stdin (format binary)", ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            foreach (var column in Typed) await column.Write(copy, row, ct);
        }
        return await copy.CompleteAsync(ct);
    }

    // The same rows as one INSERT of an array per column, for a batch that carries a few rows with other
    // statements (a COPY is a round trip of its own). Its text does not depend on the number of rows, so
    // the connection prepares it once.
    public NpgsqlBatchCommand Insert(IReadOnlyCollection<TRow> rows, string? conflict = null)
    {
        var unnest = string.Join(", ", Typed.Select((c, i) => $"${i + 1}::{c.SqlType}[]"));
        var command = new NpgsqlBatchCommand($"insert into {Table} ({ColumnList}) select * from unnest({unnest}){(conflict is null ? "" : " " + conflict)}");
        foreach (var column in Typed) command.Parameters.Add(column.Array(rows));
        return command;
    }
}

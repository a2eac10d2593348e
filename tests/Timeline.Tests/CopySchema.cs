// Every binary COPY the service makes names its columns and their types in one CopyTable. These
// tests compare each one with the table the database has, Marten's own tables included: an upgrade
// that renames, retypes or adds a required column fails here, not in the middle of an import.
using System.Reflection;
using Npgsql;
using Timeline.EventLog;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class CopySchema(SharedApp app)
{
    static readonly Assembly Service = typeof(CopyTable).Assembly;

    static IEnumerable<(string Declared, CopyTable Copy)> Declarations() =>
        Service.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(f => typeof(CopyTable).IsAssignableFrom(f.FieldType))
            .Select(f => ($"{f.DeclaringType!.Name}.{f.Name}", (CopyTable)f.GetValue(null)!));

    [Fact]
    public void the_copies_of_marten_tables_and_ours_are_all_declared()
    {
        var tables = Declarations().Select(d => d.Copy.Table).ToHashSet();
        Assert.Superset(new HashSet<string> { "timeline.mt_streams", "timeline.mt_events", "timeline.mt_doc_statement", "timeline.tl_estimate_facts", "timeline.tl_estimate_series" }, tables);
    }

    [Fact]
    public async Task every_copy_names_columns_the_database_has_with_the_types_it_writes()
    {
        var differences = new List<string>();
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        foreach (var (declared, copy) in Declarations())
        {
            await using var cmd = db.CreateCommand("""
                select c.name, a.attname is not null, coalesce(a.atttypid = c.type::regtype, false), format_type(a.atttypid, null)
                from unnest($2::text[], $3::text[]) c (name, type)
                left join pg_attribute a on a.attrelid = $1::regclass and a.attname = c.name and a.attnum > 0 and not a.attisdropped
                """);
            cmd.Parameters.AddWithValue(copy.Table);
            cmd.Parameters.AddWithValue(copy.Columns.Select(c => c.Name).ToArray());
            cmd.Parameters.AddWithValue(copy.Columns.Select(c => c.SqlType).ToArray());
            await using var reader = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                if (!reader.GetBoolean(1)) differences.Add($"{declared}: {copy.Table} has no column {reader.GetString(0)}");
                else if (!reader.GetBoolean(2)) differences.Add($"{declared}: {copy.Table}.{reader.GetString(0)} is {reader.GetString(3)}, not what the COPY writes");
            }
        }
        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    [Fact]
    public async Task no_copy_leaves_out_a_column_the_table_requires()
    {
        var missing = new List<string>();
        await using var db = NpgsqlDataSource.Create(app.ConnectionString);
        // A rebuild's shadow holds only some columns and fills the rest as it upserts: only full copies are held to this.
        foreach (var (declared, copy) in Declarations().Where(d => !d.Declared.EndsWith(".Shadow", StringComparison.Ordinal)))
        {
            await using var cmd = db.CreateCommand("""
                select attname from pg_attribute
                where attrelid = $1::regclass and attnum > 0 and not attisdropped and attnotnull and not atthasdef and attname <> all($2)
                """);
            cmd.Parameters.AddWithValue(copy.Table);
            cmd.Parameters.AddWithValue(copy.Columns.Select(c => c.Name).ToArray());
            await using var reader = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                missing.Add($"{declared}: {copy.Table}.{reader.GetString(0)} is required and has no default, but the COPY does not write it");
        }
        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }

    [Fact]
    public void every_binary_copy_in_the_service_goes_through_a_copy_table()
    {
        var src = Path.Combine(Architecture.RepositoryRoot(), "src", "Timeline");
        var direct = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && Path.GetFileName(f) != "CopyTable.cs")
            .Where(f => File.ReadAllText(f).Contains("BeginBinaryImport", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToList();
        Assert.Empty(direct);
    }
}

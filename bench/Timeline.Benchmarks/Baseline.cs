// Raw PostgreSQL doing the same work, for the ratios.

namespace Timeline.Benchmarks;

/// <summary>The raw-PostgreSQL way: a plain table with the same columns and indexes as our facts.</summary>
public static class Baseline
{
    /// <summary>Each source's latest figure in a series as of a date ($1 series, $2 date): the as-of question by hand.</summary>
    public const string AsOfSql = """
        select distinct on (stated_by) stated_by, stated_on, value, qualifier, quote, source
        from figures where series_id = $1 and stated_on <= $2 order by stated_by, stated_on desc, seq desc
        """;

    public static async Task CreateTableAsync(NpgsqlDataSource db)
    {
        await using var cmd = db.CreateCommand("""
            create table if not exists figures (
                id uuid primary key, seq bigserial, statement_id uuid not null, stated_on date not null, stated_by text not null,
                series_id text not null, party text, grp text, measure text, value bigint, qualifier text, quote text not null, source jsonb not null);
            create index if not exists ix_figures_series on figures (series_id, seq);
            create index if not exists ix_figures_statement on figures (statement_id, seq);
            create index if not exists ix_figures_vocabulary on figures (party, measure, grp);
            create index if not exists ix_figures_asof on figures (series_id, stated_by, stated_on desc, seq desc);
            """);
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task CopyAsync(NpgsqlDataSource db, IReadOnlyList<JsonObject> rows)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var copy = await conn.BeginBinaryImportAsync(
            "copy figures (id, statement_id, stated_on, stated_by, series_id, party, grp, measure, value, qualifier, quote, source) from stdin (format binary)"))
        {
            foreach (var s in rows)
            {
                var f = s["figure"]!;
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await copy.WriteAsync(DateOnly.Parse(s["statedOn"]!.GetValue<string>(), CultureInfo.InvariantCulture), NpgsqlDbType.Date);
                await copy.WriteAsync(s["statedBy"]!.GetValue<string>(), NpgsqlDbType.Text);
                await copy.WriteAsync(Generator.SeriesId(s), NpgsqlDbType.Text);
                await copy.WriteAsync(f["party"]!.GetValue<string>(), NpgsqlDbType.Text);
                await copy.WriteAsync(f["group"]!.GetValue<string>(), NpgsqlDbType.Text);
                await copy.WriteAsync(f["measure"]!.GetValue<string>(), NpgsqlDbType.Text);
                await copy.WriteAsync((long)f["value"]!.GetValue<int>(), NpgsqlDbType.Bigint);
                await copy.WriteAsync(f["qualifier"]!.GetValue<string>(), NpgsqlDbType.Text);
                await copy.WriteAsync(s["quote"]!.GetValue<string>(), NpgsqlDbType.Text);
                await copy.WriteAsync(s["source"]!.ToJsonString(), NpgsqlDbType.Jsonb);
            }
            await copy.CompleteAsync();
        }
        await tx.CommitAsync();
    }
}

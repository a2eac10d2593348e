// Reads figure facts and the basis (the global sequence an answer is computed at) straight from
// PostgreSQL: one indexed lookup per question, never a scan of the event log.
using System.Text.Json;
using Npgsql;
using Timeline.Hosting;
using Timeline.Statements;

namespace Timeline.Estimates;

public sealed record SeriesFilter(string? Party, Group? Group, Measure? Measure);

public sealed class FactStore(NpgsqlDataSource db)
{
    const string Facts = $"{TimelineDatabase.Schema}.{EstimateFactsProjection.TableName}";
    const string Events = $"{TimelineDatabase.Schema}.mt_events";

    /// <summary>The latest recorded sequence: appends commit in sequence order, so everything up to it is there.</summary>
    public async Task<long> CurrentBasisAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(Feed.FeedReader.HighWaterMarkSql);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The basis an answer given at <paramref name="knownAt"/> was computed at.</summary>
    public async Task<long> BasisAtAsync(DateTimeOffset knownAt, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"select coalesce(max(seq_id), 0) from {Events} where timestamp <= $1");
        cmd.Parameters.AddWithValue(knownAt.ToUniversalTime());
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>All facts of every statement that ever had a figure matching the filter.</summary>
    public Task<IReadOnlyList<Fact>> ForFilterAsync(SeriesFilter filter, long basis, CancellationToken ct) =>
        ReadAsync($"""
            select * from {Facts} f
            where f.seq <= $1 and f.statement_id in (
                select statement_id from {Facts}
                where series_id is not null and ($2::text is null or party = $2) and ($3::text is null or grp = $3) and ($4::text is null or measure = $4))
            order by f.seq
            """, ct, basis, (object?)filter.Party ?? DBNull.Value,
            filter.Group is { } g ? Vocabulary.Name(g) : DBNull.Value,
            filter.Measure is { } m ? Vocabulary.Name(m) : DBNull.Value);

    /// <summary>All facts of every statement that ever had a figure in the series.</summary>
    public Task<IReadOnlyList<Fact>> ForSeriesAsync(string seriesId, long basis, CancellationToken ct) =>
        ReadAsync($"""
            select * from {Facts} f
            where f.seq <= $1 and f.statement_id in (select statement_id from {Facts} where series_id = $2)
            order by f.seq
            """, ct, basis, seriesId);

    public async Task<bool> SeriesExistsAsync(string seriesId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"select exists (select 1 from {Facts} where series_id = $1)");
        cmd.Parameters.AddWithValue(seriesId);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    async Task<IReadOnlyList<Fact>> ReadAsync(string sql, CancellationToken ct, params object[] parameters)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var p in parameters) cmd.Parameters.Add(new NpgsqlParameter { Value = p });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var facts = new List<Fact>();
        int O(string name) => reader.GetOrdinal(name);
        while (await reader.ReadAsync(ct))
        {
            T? N<T>(string name) where T : struct => reader.IsDBNull(O(name)) ? null : reader.GetFieldValue<T>(O(name));
            string? S(string name) => reader.IsDBNull(O(name)) ? null : reader.GetString(O(name));
            var change = Enum.Parse<Change>(reader.GetString(O("change")), ignoreCase: true);
            Series? series = null;
            if (S("series_id") is not null)
            {
                Vocabulary.TryParse<Group>(S("grp")!, out var group);
                Vocabulary.TryParse<Measure>(S("measure")!, out var measure);
                series = Series.Of(S("party")!, group, measure, reader.GetFieldValue<DateOnly>(O("period_from")), N<DateOnly>("period_to"));
            }
            Qualifier? qualifier = S("qualifier") is { } q && Vocabulary.TryParse<Qualifier>(q, out var qv) ? qv : null;
            Attribution? attribution = S("attribution") is { } a && Vocabulary.TryParse<Attribution>(a, out var av) ? av : null;
            facts.Add(new Fact(
                reader.GetGuid(O("id")), reader.GetInt64(O("seq")), reader.GetFieldValue<DateTimeOffset>(O("recorded_at")),
                reader.GetGuid(O("statement_id")), change,
                reader.GetFieldValue<DateOnly>(O("stated_on")), reader.GetFieldValue<DateOnly>(O("statement_stated_on")),
                reader.GetString(O("stated_by")), reader.GetString(O("source_key")), series,
                N<long>("value"), N<long>("low"), N<long>("high"), qualifier, attribution, S("qualitative"),
                reader.GetString(O("quote")), JsonSerializer.Deserialize<Source>(reader.GetString(O("source")), FactJson.Options)!));
        }
        return facts;
    }
}

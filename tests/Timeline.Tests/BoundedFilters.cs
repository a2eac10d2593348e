// The read budget: filters that find little or nothing are answered through an index that stops where the
// answer does, or look at a bounded number of rows, never at the whole log. Shown by the plans of the queries
// the endpoints ran (PostgreSQL's generic plans, the ones a prepared statement settles on after five runs,
// with sequential scans, bitmaps and sorts priced out so a small table cannot hide a missing index) and by
// counting what was read; never by timing.
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Timeline.Feed;
using Timeline.Statements;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class BoundedFilters(SharedApp app)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task a_source_that_few_or_no_statements_name_is_read_by_its_index_in_the_pages_order(bool namedOnce)
    {
        var source = Api.Unique("Rare source");
        await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 10));
        if (namedOnce) await app.Host.RecordedAsync(Api.Figure(source, 20));
        var basis = (await app.Host.GetAsync("/api/timeline?limit=1")).Body.GetProperty("basis").GetInt64();

        var (status, body, queries) = await app.Host.GetCountingAsync($"/api/timeline?statedBy={Uri.EscapeDataString(source)}&knownAt={basis}&limit=50");
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal(namedOnce ? 1 : 0, JsonDocument.Parse(body).RootElement.GetProperty("items").GetArrayLength());

        var plan = await GenericPlanAsync(queries.Single(q => q.Contains("StatedByKey", StringComparison.Ordinal)),
            $"'{StatementIdentity.Normalise(source)}', {basis}, 51");
        Assert.Contains(plan, line => line.Contains("mt_doc_statement_idx_stated_by_on", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Sort", StringComparison.Ordinal) || line.Contains("Seq Scan", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Rows Removed by Filter", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("&party=")]
    public async Task a_replay_up_to_a_date_before_every_statement_stops_at_that_date_without_walking_the_facts(string partyFilter)
    {
        var party = Api.UniqueParty();
        await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 30, "2025-06-01", party: party));
        var filter = partyFilter.Length == 0 ? "" : partyFilter + party;

        using var client = app.Host.Server.CreateClient();
        Assert.Equal("", await client.GetStringAsync($"/api/replay?to=2000-01-01{filter}", Ct));
        Assert.Contains("\"value\":30", await client.GetStringAsync($"/api/replay?to=2025-06-01&party={party}", Ct));

        var (status, body, queries) = await app.Host.GetCountingAsync($"/api/replay?to=2000-01-01{filter}");
        Assert.True(status == HttpStatusCode.OK, body);
        var page = queries.Single(q => q.Contains("tl_estimate_facts", StringComparison.Ordinal) && q.Contains("limit $", StringComparison.Ordinal));
        var args = partyFilter.Length == 0
            ? $"{long.MaxValue}, '0001-01-01', 0, '2000-01-01', 1001"
            : $"'{party}', null, null, {long.MaxValue}, '0001-01-01', 0, '2000-01-01', 1001";
        var plan = await GenericPlanAsync(page, args);
        // `to` bounds the scan of the facts' statedOn index (an Index Cond), so nothing is read to be thrown away.
        Assert.Contains(plan, line => line.Contains("Index Cond", StringComparison.Ordinal) && line.Contains("stated_on <= COALESCE", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan on tl_estimate_facts", StringComparison.Ordinal));
        // Unfiltered, the one scan is of the facts (by party, the series catalog is read too, a row per series).
        if (partyFilter.Length == 0) Assert.DoesNotContain(plan, line => line.Contains("Rows Removed by Filter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_party_replay_over_months_finds_its_revised_statements_rows_by_statement_not_by_walking_every_partys_facts()
    {
        var (party, other) = (Api.UniqueParty(), Api.UniqueParty());
        var kept = await app.Host.Record(Api.Figure(Api.Unique(), 10, "2025-01-10", party: party));
        var moved = await app.Host.Record(Api.Figure(Api.Unique(), 20, "2025-02-10", party: party));
        await app.Host.Correct(moved.Id, Api.Correction(21, "2025-03-10", party: other));
        await app.Host.Retract(kept.Id, Api.Retraction("2025-04-10"));
        // Other parties' facts in the same months: the page must not read them to throw them away.
        var batch = new JsonArray();
        for (var i = 0; i < 20; i++) batch.Add(Api.Figure(Api.Unique(), 100 + i, $"2025-02-{i + 1:00}", party: other));
        Assert.True((await app.Host.PostAsync("/api/statements/batch", batch)).Status is HttpStatusCode.Created or HttpStatusCode.OK);

        var (status, body, queries) = await app.Host.GetCountingAsync($"/api/replay?from=2025-01-01&to=2025-12-31&party={party}");
        Assert.True(status == HttpStatusCode.OK, body);
        var items = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["reported", "reported", "corrected", "retracted"], items.Select(i => i.GetProperty("change").GetString()));
        Assert.Equal([kept.Id, moved.Id, moved.Id, kept.Id], items.Select(i => i.GetProperty("statement").GetProperty("id").GetGuid()));

        var page = queries.Single(q => q.Contains("tl_estimate_facts", StringComparison.Ordinal) && q.Contains("limit $", StringComparison.Ordinal));
        var plan = await GenericPlanAsync(page, $"'{party}', null, null, {long.MaxValue}, '2024-12-31', {long.MaxValue}, '2025-12-31', 1001");
        // The revised statements' other rows come by the statement index, one statement at a time, not by the statedOn index.
        Assert.False(plan.Any(line => line.Contains("ix_tl_estimate_facts_stated ", StringComparison.Ordinal)), string.Join("\n", plan));
        var byStatement = plan.Where(line => line.Contains("using ix_tl_estimate_facts_statement", StringComparison.Ordinal)).ToList();
        Assert.True(byStatement.Count > 0 && byStatement.All(line => RowsAtMost(line, 2)), string.Join("\n", plan));
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan on tl_estimate_facts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_party_replay_page_reads_from_its_series_only_the_rows_it_returns()
    {
        var party = Api.UniqueParty();
        var batch = new JsonArray();
        foreach (var measure in new[] { "killed", "wounded", "missing" })
            for (var day = 1; day <= 10; day++) batch.Add(Api.Figure(Api.Unique(), 100 + day, $"2025-03-{day:00}", party: party, measure: measure));
        Assert.True((await app.Host.PostAsync("/api/statements/batch", batch)).Status is HttpStatusCode.Created or HttpStatusCode.OK);
        // As autovacuum leaves an insert-mostly table: its pages all-visible, so places can be read from the index alone.
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var vacuum = new NpgsqlCommand("vacuum (analyze) timeline.tl_estimate_facts", connection);
            await vacuum.ExecuteNonQueryAsync(Ct);
        }

        using var client = app.Host.Server.CreateClient();
        var whole = (await client.GetStringAsync($"/api/replay?from=2025-03-01&to=2025-03-31&party={party}", Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(30, whole.Length);
        var (status, body, queries) = await app.Host.GetCountingAsync($"/api/replay?from=2025-03-01&to=2025-03-31&party={party}&limit=5");
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal(whole.Take(5), body.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var page = queries.Single(q => q.Contains("tl_estimate_facts", StringComparison.Ordinal) && q.Contains("limit $", StringComparison.Ordinal));
        var plan = await GenericPlanAsync(page, $"'{party}', null, null, {long.MaxValue}, '2025-02-28', {long.MaxValue}, '2025-03-31', 6");
        // Each series' places by the index alone; then, of its rows, only those up to the page's sixth place (six in all, not six a series).
        Assert.Contains(plan, line => line.Contains("Index Only Scan using ix_tl_estimate_facts_series", StringComparison.Ordinal));
        var rows = plan.Where(line => line.Contains("Index Scan using ix_tl_estimate_facts_series", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count == 1 && Rows(rows[0]) * Loops(rows[0]) <= 6, string.Join("\n", plan));
    }

    static int Rows(string line) =>
        int.Parse(string.Concat(line[(line.IndexOf("rows=", line.IndexOf("actual", StringComparison.Ordinal), StringComparison.Ordinal) + 5)..].TakeWhile(char.IsDigit)),
            System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task a_party_replay_reads_the_statements_that_are_not_figures_by_their_own_index_not_the_partys_figures()
    {
        var party = Api.UniqueParty();
        var batch = new JsonArray();
        for (var i = 0; i < 40; i++) batch.Add(Api.Figure(Api.Unique(), 100 + i, $"2025-03-{i % 28 + 1:00}", party: party));
        Assert.True((await app.Host.PostAsync("/api/statements/batch", batch)).Status is HttpStatusCode.Created or HttpStatusCode.OK);

        var (status, body, queries) = await app.Host.GetCountingAsync($"/api/replay?from=2025-03-01&to=2025-03-31&party={party}");
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal(40, body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // As the service finds them after autovacuum's analyze: the kind's statistics say how few documents are not figures.
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var analyze = new NpgsqlCommand("analyze timeline.mt_doc_statement", connection);
            await analyze.ExecuteNonQueryAsync(Ct);
        }
        var others = queries.Single(q => q.Contains("mt_doc_statement", StringComparison.Ordinal) && q.Contains(OtherKinds.NotFigure, StringComparison.Ordinal));
        // Bitmaps allowed: the plan that read every figure of the party in the range was a bitmap of the statedOn and parties indexes.
        var plan = await PlanAsync(others, $"{long.MaxValue}, '2025-02-28', {long.MaxValue}, '2025-03-31', '{party}', 1001",
            "set plan_cache_mode = force_generic_plan; set enable_seqscan = off");
        Assert.True(plan.Any(line => line.Contains(OtherKinds.IndexName, StringComparison.Ordinal)), string.Join("\n", plan));
        Assert.False(plan.Any(line => line.Contains("mt_doc_statement_idx_stated_on", StringComparison.Ordinal) || line.Contains(StatementParties.IndexName, StringComparison.Ordinal)),
            string.Join("\n", plan));
    }

    [Fact]
    public async Task a_filtered_page_of_events_reads_only_the_events_that_meet_it_and_is_the_unfiltered_page_filtered()
    {
        var (after, party, other) = await InterleavedAsync();

        var all = (await app.Host.GetAsync($"/api/events?after={after}&limit=12")).Body.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("data").GetProperty("figure").GetProperty("party").GetString() == party)
            .Select(e => e.GetProperty("sequence").GetString()).ToList();
        Assert.Equal(6, all.Count);

        var (status, body, queries) = await app.Host.GetCountingAsync($"/api/events?after={after}&party={party}&limit=4");
        Assert.True(status == HttpStatusCode.OK, body);
        var page = JsonDocument.Parse(body).RootElement;
        Assert.Equal(all.Take(4), page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("sequence").GetString()));
        Assert.Equal(all[3], page.GetProperty("nextAfter").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        // One look at a window of the log (ten pages' worth at most), then only the four events shown are read:
        // no page of the log is read to be filtered in the service.
        Assert.Single(queries, q => q.Contains("array_agg(e.seq_id", StringComparison.Ordinal));
        Assert.DoesNotContain(queries, q => q.Contains("mt_events", StringComparison.Ordinal) && q.Contains("seq_id > $1 order by", StringComparison.OrdinalIgnoreCase)
            && !q.Contains("array_agg", StringComparison.Ordinal));
        // The window as the query reads it: forty events of the log at most (the log's index read from the position on, never scanned whole).
        var window = await GenericPlanAsync(queries.Single(q => q.Contains("array_agg(e.seq_id", StringComparison.Ordinal)), $"{after}, 40, '{party}'");
        Assert.True(window.Any(line => line.Contains("Scan using pkey_mt_events_seq_id", StringComparison.Ordinal) && RowsAtMost(line, 40)), string.Join("\n", window));
        Assert.DoesNotContain(window, line => line.Contains("Seq Scan", StringComparison.Ordinal));

        // A page past the last of them ends where it looked last, as before.
        var rest = (await app.Host.GetAsync($"/api/events?after={all[5]}&party={party}&limit=4")).Body;
        Assert.Equal(0, rest.GetProperty("items").GetArrayLength());
        Assert.True(rest.GetProperty("nextAfter").GetInt64() >= long.Parse(all[5]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(party, other);
    }

    [Fact]
    public async Task a_stream_of_events_for_a_party_few_statements_name_reads_only_those_statements_events()
    {
        var (after, party, _) = await InterleavedAsync();
        var expected = (await app.Host.GetAsync($"/api/events?after={after}&limit=12")).Body.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("data").GetProperty("figure").GetProperty("party").GetString() == party)
            .Select(e => e.GetRawText()).ToList();

        var (status, body, queries) = await app.Host.GetCountingAsync($"/api/events?after={after}&party={party}", "application/x-ndjson");
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal(expected, body.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // The statements that name the party found by the parties index; no window of the log looked at.
        Assert.DoesNotContain(queries, q => q.Contains("array_agg(e.seq_id", StringComparison.Ordinal));
        // (Bitmaps allowed: a GIN index is read by one.)
        var plan = await PlanAsync(queries.Single(q => q.Contains($"limit {FilteredEvents.FewStatements + 1}", StringComparison.Ordinal)), $"{after}, '{party}'",
            "set plan_cache_mode = force_generic_plan; set enable_seqscan = off");
        Assert.Contains(plan, line => line.Contains(StatementParties.IndexName, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_estimates_of_the_present_read_each_sources_standing_figure_with_one_index_read()
    {
        var party = Api.UniqueParty();
        var sources = new[] { Api.Unique("Ministry"), Api.Unique("Institute"), Api.Unique("Mission") };
        var batch = new JsonArray();
        foreach (var source in sources)
            for (var day = 1; day <= 4; day++) batch.Add(Api.Figure(source, 100 * day, $"2025-06-0{day}", party: party));
        var (posted, answer, _) = await app.Host.PostAsync("/api/statements/batch", batch);
        Assert.True(posted is HttpStatusCode.Created or HttpStatusCode.OK, answer.ToString());

        var (status, body, queries) = await app.Host.GetCountingAsync($"/api/estimates?party={party}");
        Assert.True(status == HttpStatusCode.OK, body);
        var series = JsonDocument.Parse(body).RootElement.GetProperty("series").EnumerateArray().Single();
        Assert.Equal(3, series.GetProperty("bySource").GetArrayLength());
        Assert.All(series.GetProperty("bySource").EnumerateArray(), e => Assert.Equal(400, e.GetProperty("value").GetInt64()));

        var plan = await GenericPlanAsync(queries.Single(q => q.Contains("with recursive known", StringComparison.Ordinal)),
            $"array['{series.GetProperty("id").GetString()}'], null, '2100-01-01'", "text[], bigint, date");
        // Walking the sources backwards finds each one's last report, which is the one standing: one read for the series'
        // last source and one more per source (the last finding none), and no walk back from asOf for any of them.
        // (The walk back's own read may use the same index, never executed: which index it names depends on the statistics.)
        var reads = plan.Where(line => line.Contains("Index Scan Backward using ix_tl_estimate_facts_standing", StringComparison.Ordinal)
            && !line.Contains("never executed", StringComparison.Ordinal)).ToList();
        Assert.True(reads.Count == 2 && reads.Sum(Loops) == 1 + sources.Length, string.Join("\n", plan));
        Assert.True(plan.Count(line => line.TrimStart(' ', '-', '>').StartsWith("Limit (never executed)", StringComparison.Ordinal)) == 1, string.Join("\n", plan));
    }

    static int Loops(string line) => line.Contains("never executed", StringComparison.Ordinal) ? 0
        : int.Parse(string.Concat(line[(line.LastIndexOf("loops=", StringComparison.Ordinal) + 6)..].TakeWhile(char.IsDigit)), System.Globalization.CultureInfo.InvariantCulture);

    // Six figures of one new party interleaved with six of another, in one batch: the first's sequences
    // are the 1st, 3rd, … of the twelve after the returned position.
    async Task<(long After, string Party, string Other)> InterleavedAsync()
    {
        var (party, other) = (Api.UniqueParty(), Api.UniqueParty());
        var batch = new JsonArray();
        for (var i = 0; i < 12; i++) batch.Add(Api.Figure(Api.Unique(), 100 + i, party: i % 2 == 0 ? party : other));
        var (status, body, _) = await app.Host.PostAsync("/api/statements/batch", batch);
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, body.ToString());
        var sequences = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sequence").GetInt64()).Order().ToList();
        // One batch commits as one, but other tests' events may sit between: the position just before it.
        return (sequences[0] - 1, party, other);
    }

    static bool RowsAtMost(string line, int most)
    {
        var at = line.IndexOf("rows=", line.IndexOf("actual", StringComparison.Ordinal), StringComparison.Ordinal);
        var digits = string.Concat(line[(at + 5)..].TakeWhile(char.IsDigit));
        return int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) <= most;
    }

    // The query's generic plan as run (explain analyze), with the arguments given.
    Task<List<string>> GenericPlanAsync(string sql, string args, string types = "") =>
        PlanAsync(sql, args, "set plan_cache_mode = force_generic_plan; set enable_seqscan = off; set enable_sort = off; set enable_bitmapscan = off", types);

    // types: the parameters' types, when the query leaves one unused (the service passes it all the same).
    async Task<List<string>> PlanAsync(string sql, string args, string settings = "select 1", string types = "")
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(Ct);
        await using (var set = new NpgsqlCommand(settings, connection)) await set.ExecuteNonQueryAsync(Ct);
        await using (var prepare = new NpgsqlCommand($"prepare q{(types.Length == 0 ? "" : $"({types})")} as {sql}", connection)) await prepare.ExecuteNonQueryAsync(Ct);
        await using var explain = new NpgsqlCommand($"explain (analyze, costs off) execute q({args})", connection);
        await using var reader = await explain.ExecuteReaderAsync(Ct);
        var plan = new List<string>();
        while (await reader.ReadAsync(Ct)) plan.Add(reader.GetString(0));
        return plan;
    }
}

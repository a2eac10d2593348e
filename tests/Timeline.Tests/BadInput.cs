// Every bad input is a 400 (or 413) problem naming the field, and nothing is written: each
// test counts every event in a database no other class writes to.
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class BadInput(IsolatedApp app) : IClassFixture<IsolatedApp>
{
    static JsonObject Valid() => Api.Figure(Api.Unique());

    public static TheoryData<string, string> Cases() => new()
    {
        { "kind", Set(Valid(), "kind", "rumour") },
        { "figure.measure", Set(Valid(), "figure.measure", "slain") },
        { "statedBy", Remove(Valid(), "statedBy") },
        { "statedOn", Remove(Valid(), "statedOn") },
        { "statedOn", Set(Valid(), "statedOn", "23/02/2026") },
        { "figure.value", Set(Valid(), "figure.value", -5) },
        { "figure.value", Set(Valid(), "figure.value", "many") },
        { "figure.low", Range(Valid(), 500, 100) },
        { "figure.period.to", Set(Valid(), "figure.period", new JsonObject { ["from"] = "2025-01-01", ["to"] = "2024-12-31" }) },
        { "statedOn", Set(Valid(), "statedOn", "1899-12-31") },
        { "statedOn", Set(Valid(), "statedOn", DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd")) },
        { "statedBy", Set(Valid(), "statedBy", new string('x', 201)) },
        { "quote", Set(Valid(), "quote", new string('q', 4001)) },
        { "source.url", Set(Valid(), "source.url", "ftp://example.org/x") },
        { "source", Remove(Valid(), "source") },
        { "figure.qualifier", Remove(Valid(), "figure.qualifier") },
        { "figure.attribution", Set(Valid(), "figure.attribution", "nobody") },
        { "figure", Remove(Valid(), "figure") },
        { "position", Set(Valid(), "position", new JsonObject { ["party"] = "russia", ["summary"] = "x" }) },
        { "figure.vaule", Set(Valid(), "figure.vaule", 5) },
        { "source.publisher", Set(Valid(), "source.publisher", "a\u0000b") },
        { "quote", Set(Valid(), "quote", "a\u0007b") },
        { "source.url", Set(Valid(), "source.url", "https://example.org/a\" onmouseover=\"alert(1)\" x=\"") },
        { "source.url", Set(Valid(), "source.url", "https://user:secret@example.org/") },
        { "body", "{\"kind\": \"figure\", " },
        { "body", "[1, 2]" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task a_bad_statement_is_a_problem_naming_the_field_and_nothing_is_written(string field, string body)
    {
        var before = await app.EventCountAsync();

        var (status, problem, response) = await app.Host.PostAsync("/api/statements", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        problem.NamesField(field);
        Assert.Equal(before, await app.EventCountAsync());
    }

    [Theory]
    [InlineData("/api/timeline?party=a%00b", "party")]
    [InlineData("/api/replay?party=a%00b", "party")]
    [InlineData("/api/estimates?party=a%01b", "party")]
    [InlineData("/api/events?kind=figure&party=%00", "party")]
    // (A NUL in the path never reaches us: Kestrel refuses such a request line itself.)
    [InlineData("/api/estimates/ukraine%01/history", "path")]
    public async Task a_control_character_in_a_query_or_path_is_a_problem_naming_it(string url, string field)
    {
        var (status, problem) = await app.Host.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        problem.NamesField(field);
    }

    [Fact]
    public async Task an_over_large_body_is_a_413_and_nothing_is_written()
    {
        var before = await app.EventCountAsync();
        var huge = Set(Valid(), "quote", new string('q', 20_000));

        var (status, problem, _) = await app.Host.PostAsync("/api/statements", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(413, problem.As<Wire.Problem>().Status);
        Assert.Equal(before, await app.EventCountAsync());
    }

    [Fact]
    public async Task sixteen_mebibytes_of_junk_lines_are_refused_at_once_with_a_small_answer()
    {
        var junk = string.Concat(Enumerable.Repeat("not json at all\n", 16 * 1024 * 1024 / 16 - 1));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (status, problem, response) = await app.Host.PostAsync("/api/statements/batch", junk, contentType: "application/x-ndjson");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        problem.NamesField("items");
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length < 4096);
    }

    [Fact]
    public async Task a_batch_of_many_bad_lines_names_the_first_hundred_and_counts_the_rest()
    {
        var before = await app.EventCountAsync();
        var lines = string.Concat(Enumerable.Range(0, 5000).Select(i => $"{{\"kind\": \"figure\", \"oops{i}\": 1}}\n"));

        var (status, problem, _) = await app.Host.PostAsync("/api/statements/batch", lines, contentType: "application/x-ndjson");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var refusal = problem.As<Wire.Problem>();
        Assert.Equal(100, refusal.Errors!.Values.Sum(messages => messages.Length));
        Assert.Contains("4,900 more errors", refusal.Detail);
        Assert.Equal(before, await app.EventCountAsync());
    }

    [Fact]
    public async Task a_write_that_cannot_get_its_turn_in_time_is_a_503_and_nothing_is_written()
    {
        var before = await app.EventCountAsync();
        // Someone holds the append lock and does not let go.
        await using var db = Npgsql.NpgsqlDataSource.Create(app.ConnectionString);
        await using var holder = await db.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var tx = await holder.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var take = new Npgsql.NpgsqlCommand($"select pg_advisory_xact_lock({Timeline.EventLog.AppendOrder.LockKey})", holder, tx))
            await take.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

        var (status, problem, response) = await app.Host.PostAsync("/api/statements", Valid());
        await tx.RollbackAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.DoesNotContain("select", problem.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await app.EventCountAsync());
    }

    [Fact]
    public async Task a_batch_with_one_bad_item_records_nothing_and_names_each_bad_item()
    {
        var before = await app.EventCountAsync();
        var batch = new JsonArray(
            Valid(),
            JsonNode.Parse(Set(Valid(), "figure.value", -1)),
            Valid(),
            JsonNode.Parse(Remove(Valid(), "statedBy")));

        var (status, problem, _) = await app.Host.PostAsync("/api/statements/batch", batch);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        problem.NamesField("items[1].figure.value");
        problem.NamesField("items[3].statedBy");
        Assert.Equal(before, await app.EventCountAsync());
    }

    [Fact]
    public async Task an_ndjson_batch_with_a_malformed_line_records_nothing()
    {
        var before = await app.EventCountAsync();
        var ndjson = Valid().ToJsonString() + "\n{not json\n" + Valid().ToJsonString();

        var (status, problem, _) = await app.Host.PostAsync("/api/statements/batch", ndjson, contentType: "application/x-ndjson");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.As<Wire.Problem>().Errors!.Keys.Any(name => name.StartsWith("items[1]")), problem.ToString());
        Assert.Equal(before, await app.EventCountAsync());
    }

    [Fact]
    public async Task a_correction_with_a_bad_figure_changes_nothing()
    {
        var id = await app.Host.RecordedAsync(Valid());
        var before = await app.EventCountAsync();
        var correction = new JsonObject { ["statedOn"] = "2025-07-01", ["reason"] = "typo", ["figure"] = new JsonObject { ["party"] = "ukraine" } };

        var (status, problem, _) = await app.Host.PostAsync($"/api/statements/{id}/corrections", correction);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        problem.NamesField("figure.measure");
        Assert.Equal(before, await app.EventCountAsync());
    }

    static string Set(JsonObject o, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var target = parts[..^1].Aggregate(o, (node, p) => node[p]!.AsObject());
        target[parts[^1]] = value;
        return o.ToJsonString();
    }

    static string Remove(JsonObject o, string path)
    {
        var parts = path.Split('.');
        parts[..^1].Aggregate(o, (node, p) => node[p]!.AsObject()).Remove(parts[^1]);
        return o.ToJsonString();
    }

    static string Range(JsonObject o, long low, long high)
    {
        var f = o["figure"]!.AsObject();
        f.Remove("value");
        f["low"] = low;
        f["high"] = high;
        return o.ToJsonString();
    }
}

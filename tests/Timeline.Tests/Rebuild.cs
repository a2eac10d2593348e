// Rebuilding every projection from the event log leaves every answer as it was.
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Admin;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class Rebuild(IsolatedApp app) : IClassFixture<IsolatedApp>
{
    [Fact]
    public async Task a_rebuild_leaves_every_answer_unchanged_and_reads_go_on_meanwhile()
    {
        var party = Api.UniqueParty();
        var ids = new List<Guid>();
        for (var i = 0; i < 40; i++)
            ids.Add(await app.Host.RecordedAsync(Api.Figure(Api.Unique(), i * 10, $"2025-{1 + i % 12:00}-{1 + i % 28:00}", party: party, measure: i % 3 == 0 ? "wounded" : "killed")));
        for (var i = 0; i < 10; i++)
            await app.Host.PostAsync($"/api/statements/{ids[i]}/corrections", Api.Correction(1000 + i, "2025-12-31", party, i % 2 == 0 ? "killed" : "missing"));
        for (var i = 10; i < 15; i++)
            await app.Host.PostAsync($"/api/statements/{ids[i]}/retractions", Api.Retraction("2025-12-31"));
        await app.Host.RecordedAsync(Api.Position(Api.Unique()));
        await app.Host.RecordedAsync(Api.NegotiationDay(Api.Unique()));

        var urls = new List<string> { "/api/statements?limit=500", "/api/timeline?limit=500", "/api/negotiations", "/api/estimates.csv" };
        foreach (var asOf in new[] { "2025-03-01", "2025-12-30", "2025-12-31" }) urls.Add($"/api/estimates?asOf={asOf}");
        foreach (var series in new[] { "killed", "wounded", "missing" }) urls.Add($"/api/estimates/{party}-military-{series}/history");
        urls.AddRange(ids.Select(id => $"/api/statements/{id}"));
        var before = await Answers(urls);

        var (status, started, _) = await app.Host.PostAsync("/api/admin/projections/rebuild", "", key: AppFixture.AdminOnlyKey);
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("running", started.GetProperty("rebuild").GetProperty("state").GetString());
        // Reads while it runs still answer.
        Assert.Equal(HttpStatusCode.OK, (await app.Host.GetAsync("/api/estimates")).Status);
        await app.Host.Services.GetRequiredService<ProjectionRebuilder>().Running;

        var (_, progress) = await GetAsAdmin("/api/admin/projections");
        var rebuild = progress.GetProperty("rebuild");
        Assert.Equal("succeeded", rebuild.GetProperty("state").GetString());
        Assert.Equal(rebuild.GetProperty("total").GetInt64(), rebuild.GetProperty("processed").GetInt64());
        var after = await Answers(urls);
        foreach (var url in urls) Assert.Equal(before[url], after[url]);
    }

    [Fact]
    public async Task a_rebuild_repairs_projections_that_drifted_from_the_events()
    {
        var party = Api.UniqueParty();
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++) ids.Add(await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 100 + i, $"2025-0{1 + i}-10", party: party)));
        await app.Host.PostAsync($"/api/statements/{ids[0]}/corrections", Api.Correction(999, "2025-08-01", party));
        var urls = new[] { $"/api/statements/{ids[1]}", $"/api/estimates?party={party}&asOf=2025-12-31", $"/api/estimates/{party}-military-killed/history" };
        var before = await Answers(urls);

        // What a projection bug, or a hand edit, would leave behind.
        var db = app.Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        await using (var tamper = db.CreateCommand($$"""
            update timeline.mt_doc_statement set data = jsonb_set(data, '{Quote}', '"tampered"') where id = '{{ids[1]}}';
            delete from timeline.tl_estimate_facts where statement_id = '{{ids[2]}}';
            update timeline.tl_estimate_facts set value = 1 where statement_id = '{{ids[0]}}' and change = 'corrected';
            """))
            await tamper.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        var tampered = await Answers(urls);
        Assert.All(urls, url => Assert.NotEqual(before[url], tampered[url]));

        await RebuildAsync();

        var after = await Answers(urls);
        Assert.All(urls, url => Assert.Equal(before[url], after[url]));
    }

    [Fact]
    public async Task what_is_recorded_while_a_rebuild_runs_is_in_every_answer_after_it()
    {
        var party = Api.UniqueParty();
        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++) ids.Add(await app.Host.RecordedAsync(Api.Figure(Api.Unique(), i, $"2025-01-{1 + i % 28:00}", party: party)));

        var (status, _, _) = await app.Host.PostAsync("/api/admin/projections/rebuild", "", key: AppFixture.AdminOnlyKey);
        Assert.Equal(HttpStatusCode.Accepted, status);
        var running = app.Host.Services.GetRequiredService<ProjectionRebuilder>().Running;
        var written = 0;
        do
        {
            // New statements, and revisions of ones the rebuild may be recomputing at that moment.
            await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 5000 + written, "2025-03-01", party: party));
            await app.Host.PostAsync($"/api/statements/{ids[written % ids.Count]}/corrections", Api.Correction(7000 + written, $"2025-04-{1 + written % 28:00}", party));
            written++;
        } while (!running.IsCompleted);
        await running;

        var urls = new List<string> { "/api/statements?limit=500", $"/api/estimates?party={party}&asOf=2025-12-31", $"/api/estimates/{party}-military-killed/history" };
        urls.AddRange(ids.Select(id => $"/api/statements/{id}"));
        var afterConcurrent = await Answers(urls);
        // A rebuild with nothing happening meanwhile is the reference: the same answers, to the byte.
        await RebuildAsync();
        var reference = await Answers(urls);
        Assert.All(urls, url => Assert.Equal(reference[url], afterConcurrent[url]));
    }

    [Fact]
    public async Task a_rebuild_extracts_every_archived_article_again()
    {
        var text = $"The {Api.UniqueParty()} ministry said 2,400 Russian soldiers had been killed since January.\nSome 800 were wounded, it said.";
        var (_, archived, _) = await app.Host.PostAsync("/api/articles", new System.Text.Json.Nodes.JsonObject
        {
            ["text"] = text,
            ["source"] = new System.Text.Json.Nodes.JsonObject { ["title"] = "Wire", ["publishedOn"] = "2025-06-02" },
        });
        var url = $"/api/articles/{archived.GetProperty("id").GetGuid()}";
        var before = await Answers([url]);
        Assert.NotEmpty((await app.Host.GetAsync(url)).Body.GetProperty("candidates").EnumerateArray());

        // What an older extractor would have left: no candidates for this text.
        var db = app.Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        await using (var older = db.CreateCommand($"update timeline.mt_doc_article set data = jsonb_set(data, '{{Candidates}}', '[]') where id = '{archived.GetProperty("id").GetGuid()}'"))
            await older.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        Assert.Empty((await app.Host.GetAsync(url)).Body.GetProperty("candidates").EnumerateArray());

        await RebuildAsync();

        Assert.Equal(before[url], (await Answers([url]))[url]);
    }

    async Task RebuildAsync()
    {
        var (status, _, _) = await app.Host.PostAsync("/api/admin/projections/rebuild", "", key: AppFixture.AdminOnlyKey);
        Assert.Equal(HttpStatusCode.Accepted, status);
        await app.Host.Services.GetRequiredService<ProjectionRebuilder>().Running;
        var (_, progress) = await GetAsAdmin("/api/admin/projections");
        Assert.Equal("succeeded", progress.GetProperty("rebuild").GetProperty("state").GetString());
    }

    [Fact]
    public async Task a_rebuild_needs_the_admin_right()
    {
        var (status, _, _) = await app.Host.PostAsync("/api/admin/projections/rebuild", "", key: AppFixture.WriterKey);
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    async Task<Dictionary<string, string>> Answers(IEnumerable<string> urls)
    {
        using var client = app.Host.Server.CreateClient();
        var answers = new Dictionary<string, string>();
        foreach (var url in urls)
        {
            var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers[url] = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }
        return answers;
    }

    async Task<(HttpStatusCode, JsonElement)> GetAsAdmin(string url)
    {
        using var client = app.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", AppFixture.AdminOnlyKey);
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone());
    }

    [Fact]
    public async Task a_rebuild_running_elsewhere_on_the_same_database_makes_another_a_409()
    {
        // Another instance's rebuild, as the database sees it: its advisory lock is held.
        await using var db = Npgsql.NpgsqlDataSource.Create(app.ConnectionString);
        await using var elsewhere = await db.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using (var take = new Npgsql.NpgsqlCommand($"select pg_advisory_lock({Timeline.Admin.ProjectionRebuilder.LockKey})", elsewhere))
            await take.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

        var (refused, problem, _) = await app.Host.PostAsync("/api/admin/projections/rebuild", "", AppFixture.AdminOnlyKey);
        await using (var release = new Npgsql.NpgsqlCommand($"select pg_advisory_unlock({Timeline.Admin.ProjectionRebuilder.LockKey})", elsewhere))
            await release.ExecuteNonQueryAsync(TestContext.Current.CancellationToken); // that rebuild ends
        var (accepted, _, _) = await app.Host.PostAsync("/api/admin/projections/rebuild", "", AppFixture.AdminOnlyKey);
        await app.Host.Services.GetRequiredService<Timeline.Admin.ProjectionRebuilder>().Running;

        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.Accepted, accepted);
    }
}

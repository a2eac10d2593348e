using System.Net;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Timeline.Statements;
using Timeline.Tests.Support;
using Timeline.TimelineView;

namespace Timeline.Tests;

public sealed class TimelineAndNegotiations(SharedApp app)
{
    [Fact]
    public async Task the_timeline_lists_statements_in_the_order_they_were_made_not_recorded()
    {
        var party = Api.UniqueParty();
        var who = Api.Unique();
        await app.Host.RecordedAsync(Api.Figure(who, 3, "2025-03-01", party: party));
        await app.Host.RecordedAsync(Api.Figure(who, 1, "2025-01-01", party: party));
        await app.Host.RecordedAsync(Api.Figure(who, 2, "2025-02-01", party: party));

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await app.Host.Timeline($"party={party}&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            seen.AddRange(page.Items.Select(s => s.StatedOn));
            cursor = page.NextCursor;
        } while (cursor is not null);

        Assert.Equal(["2025-01-01", "2025-02-01", "2025-03-01"], seen);
    }

    [Fact]
    public async Task a_party_is_found_by_the_parties_index_and_one_no_statement_names_answers_empty()
    {
        var party = Api.UniqueParty();
        var who = Api.Unique();
        await app.Host.RecordedAsync(Api.Figure(who, 1, "2025-01-01", party: party));
        await app.Host.RecordedAsync(Api.Figure(who, 2, "2025-01-02"));

        Assert.Equal([1L], (await app.Host.Timeline($"party={party}")).Items.Select(s => s.Figure!.Value));
        Assert.Empty((await app.Host.Timeline($"party={Api.UniqueParty()}")).Items);

        // The page's query, as the endpoint builds it, with sequential scans priced out: only an index that
        // answers the party test avoids reading every document (the statedOn index would, in order). On a
        // table of a few rows any path costs the same, so there are a few dozen more, with statistics
        // gathered as autovacuum would.
        var batch = new JsonArray();
        for (var i = 0; i < 40; i++) batch.Add(Api.Figure(Api.Unique(), 10 + i, $"2025-02-{i % 28 + 1:00}", party: Api.UniqueParty()));
        Assert.True((await app.Host.PostAsync("/api/statements/batch", batch)).Status is HttpStatusCode.Created or HttpStatusCode.OK);
        await using var session = app.Store.QuerySession();
        var command = GetTimeline.Matching(session, null, null, null, Api.UniqueParty(), null, long.MaxValue)
            .OrderBy(s => s.StatedOn).ThenBy(s => s.Sequence).Take(51).ToCommand();
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        foreach (var sql in new[] { "analyze timeline.mt_doc_statement", "set enable_seqscan = off" })
        {
            await using var set = new NpgsqlCommand(sql, connection);
            await set.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        command.Connection = connection;
        command.CommandText = "explain " + command.CommandText;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
            while (await reader.ReadAsync(TestContext.Current.CancellationToken)) plan.Add(reader.GetString(0));
        Assert.True(plan.Any(line => line.Contains(StatementParties.IndexName, StringComparison.Ordinal)), string.Join("\n", plan));
        Assert.False(plan.Any(line => line.Contains("Seq Scan", StringComparison.Ordinal)), string.Join("\n", plan));
    }

    [Fact]
    public async Task the_parties_index_keeps_no_pending_list_and_one_made_with_a_list_loses_it_at_start()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(ct);
        async Task Run(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(ct);
        }
        async Task<string> Options(string index)
        {
            await using var read = new NpgsqlCommand($"select coalesce(array_to_string(reloptions, ','), '') from pg_class where oid = '{index}'::regclass", connection);
            return (string)(await read.ExecuteScalarAsync(ct))!;
        }
        Assert.Equal("fastupdate=off", await Options($"timeline.{StatementParties.IndexName}"));

        // As an earlier version made it, with a pending list holding what was written since — on a table of this
        // session's own, so no other test's plan meets a pending list meanwhile.
        await Run("create temporary table parties_as_before (data jsonb)");
        await Run("create index parties_as_before_ix on parties_as_before using gin ((data -> 'Parties') jsonb_path_ops) with (fastupdate = on)");
        await Run("""insert into parties_as_before select jsonb_build_object('Parties', jsonb_build_array('p' || i)) from generate_series(1, 50) i""");
        Assert.Equal("fastupdate=on", await Options("pg_temp.parties_as_before_ix"));

        await StatementIndexes.WithoutPendingListAsync(connection, "pg_temp.parties_as_before_ix",
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, ct);

        Assert.Equal("fastupdate=off", await Options("pg_temp.parties_as_before_ix"));
        // The list it held was merged: cleaning it again finds no page left.
        await using var again = new NpgsqlCommand(StatementParties.MergePendingListSql("pg_temp.parties_as_before_ix"), connection);
        Assert.Equal(0L, (long)(await again.ExecuteScalarAsync(ct))!);
    }

    [Fact]
    public async Task the_timeline_by_party_at_a_basis_stays_what_was_known_then_when_a_later_correction_names_the_party()
    {
        var (first, second) = (Api.UniqueParty(), Api.UniqueParty());
        var who = Api.Unique();
        var corrected = await app.Host.RecordedAsync(Api.Figure(who, 1, "2025-01-01", party: first));
        var basis = (await app.Host.Record(Api.Figure(who, 2, "2025-01-02", party: second))).Sequence;
        // One to a page: the statement a correction later ties to the party comes first in statedOn order.
        var url = $"/api/timeline?party={second}&knownAt={basis}&limit=1";
        using var client = app.Host.Server.CreateClient();
        using var before = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal("public, max-age=31536000, immutable", before.Headers.CacheControl!.ToString());
        var answer = await before.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        await app.Host.Correct(corrected, Api.Correction(5, "2025-01-03", second));

        // At the basis: the same answer, byte for byte (the corrected statement did not name the party then)…
        using var after = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(answer, await after.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var page = System.Text.Json.JsonDocument.Parse(answer).RootElement.As<Wire.TimelinePage>();
        Assert.Equal([2L], page.Items.Select(s => s.Figure!.Value));
        Assert.Null(page.NextCursor); // written as null: the record requires it there
        Assert.Equal([1L], (await app.Host.Timeline($"party={first}&knownAt={basis}")).Items.Select(s => s.Figure!.Value));
        // …and now, with it.
        Assert.Equal([5L, 2L], (await app.Host.Timeline($"party={second}")).Items.Select(s => s.Figure!.Value));
    }

    [Fact]
    public async Task a_timeline_page_reads_a_bounded_number_of_rounds_and_hands_a_cursor_on_from_where_it_stopped()
    {
        // 25 statements a later correction tied to the party, one at the end named it from the start: at the basis, one to a
        // page, the first request may read only ten rounds of two, then answers short with a cursor that goes on.
        var (party, other) = (Api.UniqueParty(), Api.UniqueParty());
        var who = Api.Unique();
        var corrected = new List<Guid>();
        for (var i = 0; i < 25; i++) corrected.Add(await app.Host.RecordedAsync(Api.Figure(who, 100 + i, $"2025-02-{i + 1:00}", party: other)));
        var basis = (await app.Host.Record(Api.Figure(who, 7, "2025-03-01", party: party))).Sequence;
        foreach (var id in corrected) await app.Host.Correct(id, Api.Correction(1, "2025-03-02", party));

        var first = await app.Host.Timeline($"party={party}&knownAt={basis}&limit=1");
        Assert.Empty(first.Items);
        Assert.NotNull(first.NextCursor);
        var second = await app.Host.Timeline($"party={party}&knownAt={basis}&limit=1&cursor={Uri.EscapeDataString(first.NextCursor)}");
        Assert.Equal([7L], second.Items.Select(s => s.Figure!.Value));
    }

    [Fact]
    public async Task the_timeline_filters_by_kind_source_and_dates()
    {
        var who = Api.Unique("Speaker");
        await app.Host.RecordedAsync(Api.Figure(who, 1, "2025-01-01"));
        await app.Host.RecordedAsync(Api.Position(who));

        var positions = await app.Host.Timeline($"statedBy={Uri.EscapeDataString(who.ToUpperInvariant())}&kind=position");
        var early = await app.Host.Timeline($"statedBy={Uri.EscapeDataString(who)}&to=2025-12-31");

        Assert.Equal("position", Assert.Single(positions.Items).Kind);
        Assert.Equal("figure", Assert.Single(early.Items).Kind);
    }

    [Fact]
    public async Task the_seed_talks_in_abu_dhabi_have_their_day_assessment_and_open_issues()
    {
        var talks = await app.Host.Read<Wire.Talks>("/api/negotiations/abu-dhabi-ceasefire-talks");
        var seedDay = Seed.SeedLoader.Read(DateOnly.FromDateTime(DateTime.UtcNow)).Single(s => s.Kind == Statements.StatementKind.NegotiationDay);

        // The shared database may hold other tests' statements: look for the seed's own day, by its id.
        var day = talks.Days.Single(d => d.Statements.Any(s => s.StatementId == seedDay.Id));
        Assert.Equal(1, day.Day);
        var assessment = talks.Assessments.Single(a => a.StatementId == seedDay.Id);
        Assert.Equal(("Rustem Umerov", "productive"), (assessment.By, assessment.Said));
        var issue = talks.OpenIssues.Single(i => i.Issue == "the fate of the Zaporizhzhia nuclear power plant");
        Assert.Contains("Rustem Umerov", issue.NamedBy);
    }

    [Fact]
    public async Task talks_are_listed_as_they_stood_on_a_date()
    {
        var before = await app.Host.Read<Wire.Negotiations>("/api/negotiations?asOf=2026-02-22");
        var after = await app.Host.Read<Wire.Negotiations>("/api/negotiations?asOf=2026-02-23");
        var (status, _) = await app.Host.GetAsync("/api/negotiations/abu-dhabi-ceasefire-talks?asOf=2026-02-22");

        Assert.DoesNotContain(before.Talks, t => t.Id == "abu-dhabi-ceasefire-talks");
        Assert.Contains(after.Talks, t => t.Id == "abu-dhabi-ceasefire-talks");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task days_of_talks_are_in_order_and_the_latest_day_names_the_open_issues()
    {
        var talks = Api.Unique("Talks");
        foreach (var (day, issue) in new[] { (2, "prisoner exchange"), (1, "territory") })
        {
            var s = Api.NegotiationDay(Api.Unique());
            s["negotiation"]!["talks"] = talks;
            s["negotiation"]!["day"] = day;
            s["negotiation"]!["openIssues"] = new JsonArray(issue);
            await app.Host.RecordedAsync(s);
        }

        var id = Negotiations.GetNegotiations.TalksId(talks);
        var body = await app.Host.Read<Wire.Talks>($"/api/negotiations/{id}");

        Assert.Equal([1, 2], body.Days.Select(d => d.Day!.Value));
        Assert.Equal(["prisoner exchange"], body.OpenIssues.Select(i => i.Issue));
    }

    [Fact]
    public async Task two_statements_about_one_day_are_that_day_with_each_speakers_assessment()
    {
        var talks = Api.Unique("Talks");
        var (negotiator, spokesman) = (Api.Unique("Negotiator"), Api.Unique("Spokesman"));
        var first = Api.NegotiationDay(negotiator);
        first["negotiation"]!["talks"] = talks;
        first["negotiation"]!["assessments"] = new JsonArray(new JsonObject { ["by"] = negotiator, ["said"] = "productive" });
        first["negotiation"]!["openIssues"] = new JsonArray("territory");
        var second = Api.NegotiationDay(spokesman);
        second["negotiation"]!["talks"] = talks;
        second["quote"] = "differences remain, the spokesman said";
        second["negotiation"]!["assessments"] = new JsonArray(new JsonObject { ["by"] = spokesman, ["said"] = "differences remain" });
        second["negotiation"]!["openIssues"] = new JsonArray("Territory", "the nuclear plant");
        await app.Host.RecordedAsync(first);
        await app.Host.RecordedAsync(second);

        var body = await app.Host.Read<Wire.Talks>($"/api/negotiations/{Negotiations.GetNegotiations.TalksId(talks)}");

        var day = Assert.Single(body.Days);
        Assert.Equal([(negotiator, "productive"), (spokesman, "differences remain")], day.Assessments.Select(a => (a.StatedBy, a.Said)));
        Assert.Equal("differences remain, the spokesman said", day.Assessments[1].Quote);
        Assert.Equal(2, day.Statements.Count);
        Assert.Equal([("territory", 2), ("the nuclear plant", 1)], body.OpenIssues.Select(i => (i.Issue, i.NamedBy.Count)));
    }

    [Fact]
    public async Task timeline_and_negotiations_report_their_basis_and_answer_as_known_at_one()
    {
        var talks = Api.Unique("Talks");
        var speaker = Api.Unique();
        var day = Api.NegotiationDay(speaker);
        day["negotiation"]!["talks"] = talks;
        var dayId = await app.Host.RecordedAsync(day);
        var basis = (await app.Host.Read<Wire.Negotiations>("/api/negotiations")).Basis;
        var who = Api.Unique("Later source");
        await app.Host.RecordedAsync(Api.Position(who));
        await app.Host.Retract(dayId, Api.Retraction("2026-02-24"));
        var id = Negotiations.GetNegotiations.TalksId(talks);

        // Now the day is withdrawn; as known at the earlier basis it stands, retraction unknown.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Host.GetAsync($"/api/negotiations/{id}?asOf=2026-03-01")).Status);
        var (status, known) = await app.Host.GetAsync($"/api/negotiations/{id}?asOf=2026-03-01&knownAt={basis}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(basis, known.As<Wire.Talks>().Basis);

        var timelineNow = await app.Host.Timeline($"statedBy={Uri.EscapeDataString(who)}");
        Assert.Single(timelineNow.Items);
        Assert.True(timelineNow.Basis > basis);
        Assert.Empty((await app.Host.Timeline($"statedBy={Uri.EscapeDataString(who)}&knownAt={basis}")).Items);
        var item = Assert.Single((await app.Host.Timeline($"statedBy={Uri.EscapeDataString(speaker)}&knownAt={basis}")).Items);
        Assert.Equal(dayId, item.Id);
        Assert.Equal("standing", item.Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Host.GetAsync("/api/timeline?knownAt=99999999")).Status);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Marten;
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
            var (status, page) = await app.Host.GetAsync($"/api/timeline?party={party}&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            Assert.Equal(HttpStatusCode.OK, status);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("statedOn").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
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

        var (_, named) = await app.Host.GetAsync($"/api/timeline?party={party}");
        Assert.Equal([1L], named.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("figure").GetProperty("value").GetInt64()));
        var (status, nobody) = await app.Host.GetAsync($"/api/timeline?party={Api.UniqueParty()}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(nobody.GetProperty("items").EnumerateArray());

        // The page's query, as the endpoint builds it, with sequential scans priced out: only an index that
        // answers the party test avoids reading every document (the statedOn index would, in order).
        await using var session = app.Store.QuerySession();
        var command = GetTimeline.Matching(session, null, null, null, Api.UniqueParty(), null, long.MaxValue)
            .OrderBy(s => s.StatedOn).ThenBy(s => s.Sequence).Take(51).ToCommand();
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using (var off = new NpgsqlCommand("set enable_seqscan = off", connection)) await off.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        command.Connection = connection;
        command.CommandText = "explain " + command.CommandText;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
            while (await reader.ReadAsync(TestContext.Current.CancellationToken)) plan.Add(reader.GetString(0));
        Assert.Contains(plan, line => line.Contains(StatementParties.IndexName, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_timeline_by_party_at_a_basis_stays_what_was_known_then_when_a_later_correction_names_the_party()
    {
        var (first, second) = (Api.UniqueParty(), Api.UniqueParty());
        var who = Api.Unique();
        var corrected = await app.Host.RecordedAsync(Api.Figure(who, 1, "2025-01-01", party: first));
        var (_, recorded, _) = await app.Host.PostAsync("/api/statements", Api.Figure(who, 2, "2025-01-02", party: second));
        var basis = recorded.GetProperty("sequence").GetInt64();
        // One to a page: the statement a correction later ties to the party comes first in statedOn order.
        var url = $"/api/timeline?party={second}&knownAt={basis}&limit=1";
        using var client = app.Host.Server.CreateClient();
        using var before = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal("public, max-age=31536000, immutable", before.Headers.CacheControl!.ToString());
        var answer = await before.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        await app.Host.PostAsync($"/api/statements/{corrected}/corrections", Api.Correction(5, "2025-01-03", second));

        // At the basis: the same answer, byte for byte (the corrected statement did not name the party then)…
        using var after = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(answer, await after.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var page = System.Text.Json.JsonDocument.Parse(answer).RootElement;
        Assert.Equal([2L], page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("figure").GetProperty("value").GetInt64()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
        var (_, then) = await app.Host.GetAsync($"/api/timeline?party={first}&knownAt={basis}");
        Assert.Equal([1L], then.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("figure").GetProperty("value").GetInt64()));
        // …and now, with it.
        var (_, now) = await app.Host.GetAsync($"/api/timeline?party={second}");
        Assert.Equal([5L, 2L], now.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("figure").GetProperty("value").GetInt64()));
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
        var (_, named, _) = await app.Host.PostAsync("/api/statements", Api.Figure(who, 7, "2025-03-01", party: party));
        var basis = named.GetProperty("sequence").GetInt64();
        foreach (var id in corrected) await app.Host.PostAsync($"/api/statements/{id}/corrections", Api.Correction(1, "2025-03-02", party));

        var (_, first) = await app.Host.GetAsync($"/api/timeline?party={party}&knownAt={basis}&limit=1");
        Assert.Empty(first.GetProperty("items").EnumerateArray());
        var cursor = first.GetProperty("nextCursor").GetString();
        Assert.NotNull(cursor);
        var (_, second) = await app.Host.GetAsync($"/api/timeline?party={party}&knownAt={basis}&limit=1&cursor={Uri.EscapeDataString(cursor!)}");
        Assert.Equal([7L], second.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("figure").GetProperty("value").GetInt64()));
    }

    [Fact]
    public async Task the_timeline_filters_by_kind_source_and_dates()
    {
        var who = Api.Unique("Speaker");
        await app.Host.RecordedAsync(Api.Figure(who, 1, "2025-01-01"));
        await app.Host.RecordedAsync(Api.Position(who));

        var (_, positions) = await app.Host.GetAsync($"/api/timeline?statedBy={Uri.EscapeDataString(who.ToUpperInvariant())}&kind=position");
        var (_, early) = await app.Host.GetAsync($"/api/timeline?statedBy={Uri.EscapeDataString(who)}&to=2025-12-31");

        Assert.Equal("position", Assert.Single(positions.GetProperty("items").EnumerateArray()).GetProperty("kind").GetString());
        Assert.Equal("figure", Assert.Single(early.GetProperty("items").EnumerateArray()).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task the_seed_talks_in_abu_dhabi_have_their_day_assessment_and_open_issues()
    {
        var (status, talks) = await app.Host.GetAsync("/api/negotiations/abu-dhabi-ceasefire-talks");
        var seedDay = Seed.SeedLoader.Read(DateOnly.FromDateTime(DateTime.UtcNow)).Single(s => s.Kind == Statements.StatementKind.NegotiationDay);

        Assert.Equal(HttpStatusCode.OK, status);
        // The shared database may hold other tests' statements: look for the seed's own day, by its id.
        var day = talks.GetProperty("days").EnumerateArray()
            .Single(d => d.GetProperty("statements").EnumerateArray().Any(s => s.GetProperty("statementId").GetGuid() == seedDay.Id));
        Assert.Equal(1, day.GetProperty("day").GetInt32());
        var assessment = talks.GetProperty("assessments").EnumerateArray().Single(a => a.GetProperty("statementId").GetGuid() == seedDay.Id);
        Assert.Equal(("Rustem Umerov", "productive"), (assessment.GetProperty("by").GetString(), assessment.GetProperty("said").GetString()));
        var issue = talks.GetProperty("openIssues").EnumerateArray().Single(i => i.GetProperty("issue").GetString() == "the fate of the Zaporizhzhia nuclear power plant");
        Assert.Contains("Rustem Umerov", issue.GetProperty("namedBy").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public async Task talks_are_listed_as_they_stood_on_a_date()
    {
        var (_, before) = await app.Host.GetAsync("/api/negotiations?asOf=2026-02-22");
        var (_, after) = await app.Host.GetAsync("/api/negotiations?asOf=2026-02-23");
        var (status, _) = await app.Host.GetAsync("/api/negotiations/abu-dhabi-ceasefire-talks?asOf=2026-02-22");

        Assert.DoesNotContain(before.GetProperty("talks").EnumerateArray(), t => t.GetProperty("id").GetString() == "abu-dhabi-ceasefire-talks");
        Assert.Contains(after.GetProperty("talks").EnumerateArray(), t => t.GetProperty("id").GetString() == "abu-dhabi-ceasefire-talks");
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
        var (_, body) = await app.Host.GetAsync($"/api/negotiations/{id}");

        Assert.Equal([1, 2], body.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("day").GetInt32()));
        Assert.Equal(["prisoner exchange"], body.GetProperty("openIssues").EnumerateArray().Select(i => i.GetProperty("issue").GetString()));
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

        var (_, body) = await app.Host.GetAsync($"/api/negotiations/{Negotiations.GetNegotiations.TalksId(talks)}");

        var day = Assert.Single(body.GetProperty("days").EnumerateArray());
        Assert.Equal([(negotiator, "productive"), (spokesman, "differences remain")],
            day.GetProperty("assessments").EnumerateArray().Select(a => (a.GetProperty("statedBy").GetString(), a.GetProperty("said").GetString())));
        Assert.Equal("differences remain, the spokesman said", day.GetProperty("assessments")[1].GetProperty("quote").GetString());
        Assert.Equal(2, day.GetProperty("statements").GetArrayLength());
        Assert.Equal([("territory", 2), ("the nuclear plant", 1)],
            body.GetProperty("openIssues").EnumerateArray().Select(i => (i.GetProperty("issue").GetString(), i.GetProperty("namedBy").GetArrayLength())));
    }

    [Fact]
    public async Task timeline_and_negotiations_report_their_basis_and_answer_as_known_at_one()
    {
        var talks = Api.Unique("Talks");
        var speaker = Api.Unique();
        var day = Api.NegotiationDay(speaker);
        day["negotiation"]!["talks"] = talks;
        var dayId = await app.Host.RecordedAsync(day);
        var (_, then) = await app.Host.GetAsync("/api/negotiations");
        var basis = then.GetProperty("basis").GetInt64();
        var who = Api.Unique("Later source");
        await app.Host.RecordedAsync(Api.Position(who));
        await app.Host.PostAsync($"/api/statements/{dayId}/retractions", Api.Retraction("2026-02-24"));
        var id = Negotiations.GetNegotiations.TalksId(talks);

        // Now the day is withdrawn; as known at the earlier basis it stands, retraction unknown.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Host.GetAsync($"/api/negotiations/{id}?asOf=2026-03-01")).Status);
        var (status, known) = await app.Host.GetAsync($"/api/negotiations/{id}?asOf=2026-03-01&knownAt={basis}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(basis, known.GetProperty("basis").GetInt64());

        var (_, timelineNow) = await app.Host.GetAsync($"/api/timeline?statedBy={Uri.EscapeDataString(who)}");
        Assert.Single(timelineNow.GetProperty("items").EnumerateArray());
        Assert.True(timelineNow.GetProperty("basis").GetInt64() > basis);
        var (_, timelineThen) = await app.Host.GetAsync($"/api/timeline?statedBy={Uri.EscapeDataString(who)}&knownAt={basis}");
        Assert.Empty(timelineThen.GetProperty("items").EnumerateArray());
        var (_, dayThen) = await app.Host.GetAsync($"/api/timeline?statedBy={Uri.EscapeDataString(speaker)}&knownAt={basis}");
        var item = Assert.Single(dayThen.GetProperty("items").EnumerateArray());
        Assert.Equal(dayId, item.GetProperty("id").GetGuid());
        Assert.Equal("standing", item.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Host.GetAsync("/api/timeline?knownAt=99999999")).Status);
    }
}

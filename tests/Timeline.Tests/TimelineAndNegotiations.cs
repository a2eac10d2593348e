using System.Net;
using System.Text.Json.Nodes;
using Timeline.Tests.Support;

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
        var day = talks.GetProperty("days").EnumerateArray().Single(d => d.GetProperty("statementId").GetGuid() == seedDay.Id);
        Assert.Equal(1, day.GetProperty("day").GetInt32());
        Assert.Equal("productive", talks.GetProperty("assessments")[0].GetProperty("said").GetString());
        Assert.Contains("the fate of the Zaporizhzhia nuclear power plant", talks.GetProperty("openIssues").EnumerateArray().Select(i => i.GetString()));
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
        Assert.Equal(["prisoner exchange"], body.GetProperty("openIssues").EnumerateArray().Select(i => i.GetString()));
    }
}

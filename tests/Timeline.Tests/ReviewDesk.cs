// The review desk: every candidate pending until a reviewer records or dismisses it, each decision an
// event with the reviewer's key name; the queue across articles, newest first, paged, with counts;
// the live stream a desk keeps open. On a host of its own, so the counts are this class's alone.
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Review;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class ReviewDesk(IsolatedApp app) : IClassFixture<IsolatedApp>
{
    // Two candidates an article: a count of the killed, and one of the wounded.
    static string Text(string party, int killed) =>
        $"The {party} ministry said on Monday that {killed:N0} Russian soldiers had been killed in the {party} sector since January.\n" +
        "Some 4,000 Russian soldiers were wounded over the same period, the ministry said.";

    async Task<(Guid Id, string Text)> ArchiveAsync()
    {
        var text = Text(Api.UniqueParty(), Random.Shared.Next(100_000, 999_999));
        var archived = await app.Host.Archive(new JsonObject
        {
            ["text"] = text,
            ["source"] = new JsonObject { ["title"] = "Wire report", ["url"] = "https://example.org/wire/" + Guid.NewGuid().ToString("N"), ["publishedOn"] = "2026-03-10" },
        });
        Assert.Equal(2, archived.Candidates.Count);
        return (archived.Id, text);
    }

    Task<Wire.ReviewPage> ReviewAsync(string query = "") => app.Host.Read<Wire.ReviewPage>("/api/review" + query);

    static (long Pending, long Recorded, long Dismissed) Counts(Wire.ReviewPage page) => (page.Counts.Pending, page.Counts.Recorded, page.Counts.Dismissed);

    static Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> Dismiss(IsolatedApp app, Guid article, int index, JsonObject body, string? key = AppFixture.WriterKey) =>
        app.Host.PostAsync($"/api/articles/{article}/candidates/{index}/dismiss", body, key);

    [Fact]
    public async Task pending_candidates_are_listed_newest_article_first_in_text_order_paged_with_their_paragraph_and_the_counts()
    {
        var before = Counts(await ReviewAsync());
        var older = await ArchiveAsync();
        var newer = await ArchiveAsync();

        var first = await ReviewAsync("?state=pending&limit=3");
        Assert.Equal(before.Pending + 4, Counts(first).Pending);
        var items = first.Items;
        Assert.Equal([(newer.Id, 0), (newer.Id, 1), (older.Id, 0)], items.Select(i => (i.ArticleId, i.Index)));
        Assert.All(items, i => Assert.Equal("pending", i.State));
        // The quote stands in its paragraph where the paragraph says, and the paragraph is the article's line.
        var second = items[1];
        var line = second.Paragraph.Text;
        Assert.Equal(newer.Text.Split('\n')[1], line);
        Assert.Equal(second.Candidate.Quote, line[second.Paragraph.QuoteStart..second.Paragraph.QuoteEnd]);
        Assert.Equal(4000, second.Candidate.Figure!.Value);
        Assert.Equal("Wire report", second.Source.Title);

        var rest = (await ReviewAsync($"?state=pending&limit=3&cursor={first.NextCursor!}")).Items;
        Assert.Equal((older.Id, 1), (rest[0].ArticleId, rest[0].Index));
        Assert.DoesNotContain(rest, i => i.ArticleId == newer.Id);
    }

    [Fact]
    public async Task a_dismissal_is_an_event_with_the_reviewers_key_and_reason_and_moves_the_candidate_out_of_the_queue()
    {
        var article = await ArchiveAsync();
        var before = Counts(await ReviewAsync());

        var (status, body, _) = await Dismiss(app, article.Id, 0, new JsonObject { ["reason"] = "not-a-figure", ["note"] = "a sector's history, not a count" });
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        var decision = body.As<Wire.Decision>();
        Assert.Equal(("dismissed", "not-a-figure", "writer"), (decision.State, decision.Reason, decision.DecidedBy));

        await using (var session = app.Store.QuerySession())
        {
            var events = await session.Events.FetchStreamAsync(CandidateDecision.StreamFor(article.Id, 0));
            var dismissed = Assert.IsType<CandidateDismissed>(Assert.Single(events).Data);
            Assert.Equal(("writer", DismissReason.NotAFigure, "a sector's history, not a count"), (dismissed.DismissedBy, dismissed.Reason, dismissed.Note));
            Assert.True(events[0].Timestamp > DateTimeOffset.UtcNow.AddMinutes(-1));
        }

        var after = await ReviewAsync();
        Assert.Equal((before.Pending - 1, before.Recorded, before.Dismissed + 1), Counts(after));
        Assert.DoesNotContain(after.Items, i => i.ArticleId == article.Id && i.Index == 0);
        var listed = (await ReviewAsync("?state=dismissed")).Items.Single(i => i.ArticleId == article.Id);
        Assert.Equal(("not-a-figure", "a sector's history, not a count", "writer"), (listed.Reason, listed.Note, listed.DecidedBy));

        // The same dismissal again is the one made: nothing appended.
        var (again, _, _) = await Dismiss(app, article.Id, 0, new JsonObject { ["reason"] = "not-a-figure", ["note"] = "a sector's history, not a count" });
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(1, await app.StreamEventCountAsync(CandidateDecision.StreamFor(article.Id, 0)));

        // A reviewer who changes their mind records it after all.
        var (recorded, statement, _) = await app.Host.PostAsync($"/api/articles/{article.Id}/candidates/0/record", "");
        Assert.True(recorded == HttpStatusCode.Created, statement.ToString());
        Assert.Equal((before.Pending - 1, before.Recorded + 1, before.Dismissed), Counts(await ReviewAsync()));
    }

    [Fact]
    public async Task recording_a_candidate_moves_it_to_recorded_with_its_statement_and_a_recorded_candidate_cannot_be_dismissed()
    {
        var article = await ArchiveAsync();
        var before = Counts(await ReviewAsync());

        var (status, body, _) = await app.Host.PostAsync($"/api/articles/{article.Id}/candidates/1/record", "", AppFixture.OtherWriterKey);
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        var statementId = body.As<Wire.Recorded>().Id;

        var after = await ReviewAsync("?state=recorded");
        Assert.Equal((before.Pending - 1, before.Recorded + 1, before.Dismissed), Counts(after));
        var item = after.Items.Single(i => i.ArticleId == article.Id);
        Assert.Equal((1, (Guid?)statementId, "other-writer"), (item.Index, item.StatementId, item.DecidedBy));
        Assert.Equal(statementId, item.Candidate.RecordedAs);

        // Recording it again (a duplicate) changes nothing; dismissing it is refused and writes nothing.
        var stream = CandidateDecision.StreamFor(article.Id, 1);
        var (again, _, _) = await app.Host.PostAsync($"/api/articles/{article.Id}/candidates/1/record", "");
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(1, await app.StreamEventCountAsync(stream));
        var (conflict, problem, _) = await Dismiss(app, article.Id, 1, new JsonObject { ["reason"] = "duplicate" });
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        Assert.Contains(statementId.ToString(), problem.As<Wire.Problem>().Detail);
        Assert.Equal(1, await app.StreamEventCountAsync(stream));
    }

    [Fact]
    public async Task bad_input_is_a_problem_naming_the_field_and_writes_nothing()
    {
        var article = await ArchiveAsync();
        var events = await app.EventCountAsync();

        foreach (var (body, field) in new[]
                 {
                     (new JsonObject(), "reason"),
                     (new JsonObject { ["reason"] = "boring" }, "reason"),
                     (new JsonObject { ["reason"] = "other", ["note"] = new string('x', 1001) }, "note"),
                     (new JsonObject { ["reason"] = "other", ["because"] = "x" }, "because"),
                     (new JsonObject { ["reason"] = 3 }, "reason"),
                 })
        {
            var (status, problem, response) = await Dismiss(app, article.Id, 0, body);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            problem.NamesField(field, body.ToJsonString());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await Dismiss(app, article.Id, 2, new JsonObject { ["reason"] = "other" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Dismiss(app, Guid.NewGuid(), 0, new JsonObject { ["reason"] = "other" })).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Dismiss(app, article.Id, 0, new JsonObject { ["reason"] = "other" }, key: null)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Dismiss(app, article.Id, 0, new JsonObject { ["reason"] = "other" }, AppFixture.AdminOnlyKey)).Status);
        Assert.Equal(events, await app.EventCountAsync());

        foreach (var (query, field) in new[] { ("?state=waiting", "state"), ("?limit=0", "limit"), ("?limit=51", "limit"), ("?cursor=%21%21", "cursor") })
        {
            var (status, problem) = await app.Host.GetAsync("/api/review" + query);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            problem.NamesField(field, query);
        }
    }

    [Fact]
    public async Task a_desk_hears_each_new_article_and_the_new_counts_live()
    {
        await using var live = await SseClient.ConnectAsync(app.Host, "/api/review/live");
        var counts = await live.NextAsync();
        Assert.Equal("counts", counts.EventType);
        var pending = counts.As<Wire.ReviewCounts>().Pending;

        var article = await ArchiveAsync();
        var arrived = await live.NextAsync();
        Assert.Equal("article", arrived.EventType);
        var data = arrived.As<Wire.ArticleArrived>();
        Assert.Equal((article.Id, 2, "Wire report"), (data.ArticleId, data.Candidates, data.Source.Title));
        var moved = await live.NextAsync();
        Assert.Equal("counts", moved.EventType);
        Assert.Equal(pending + 2, moved.As<Wire.ReviewCounts>().Pending);

        // A decision moves the counts too (no article).
        await Dismiss(app, article.Id, 0, new JsonObject { ["reason"] = "other" });
        var decided = await live.NextAsync();
        Assert.Equal("counts", decided.EventType);
        Assert.Equal(pending + 1, decided.As<Wire.ReviewCounts>().Pending);
    }

    [Fact]
    public async Task the_queue_and_the_decisions_are_rebuilt_from_the_articles_and_their_events()
    {
        var article = await ArchiveAsync();
        await Dismiss(app, article.Id, 0, new JsonObject { ["reason"] = "wrong-article" });
        await Dismiss(app, article.Id, 1, new JsonObject { ["reason"] = "other", ["note"] = "first thought" });
        await Dismiss(app, article.Id, 1, new JsonObject { ["reason"] = "duplicate" });
        var before = await ReviewAsync("?state=dismissed&limit=50");

        await using (var session = app.Store.LightweightSession())
        {
            session.DeleteWhere<CandidateDecision>(d => d.ArticleId == article.Id);
            session.Delete<QueuedArticle>(article.Id);
            await session.SaveChangesAsync();
        }
        Assert.NotEqual(before.ToString(), (await ReviewAsync("?state=dismissed&limit=50")).ToString());
        var rebuild = app.Host.Services.GetServices<Timeline.EventLog.IProjectionRebuild>().OfType<ReviewDocumentsRebuild>().Single();
        await rebuild.RebuildAsync(new Timeline.EventLog.RebuildProgress(_ => { }, _ => { }), CancellationToken.None);
        Assert.Equal(before.ToString(), (await ReviewAsync("?state=dismissed&limit=50")).ToString());
    }

    [Fact]
    public void the_desks_rules_decide_from_what_stands()
    {
        var article = Guid.NewGuid();
        var dismiss = new CandidateDismissed(article, 0, 10, 20, DismissReason.Duplicate, null, "writer");
        var record = new CandidateRecorded(article, 0, 10, 20, Guid.NewGuid(), "writer");
        CandidateDecision Standing(CandidateState state, Guid? statement = null, DismissReason? reason = null, int start = 10) =>
            new() { ArticleId = article, Start = start, End = 20, State = state, StatementId = statement, Reason = reason };

        Assert.Same(dismiss, ReviewDecision.Dismiss(null, dismiss).Append);
        Assert.Null(ReviewDecision.Dismiss(Standing(CandidateState.Dismissed, reason: DismissReason.Duplicate), dismiss).Append);
        Assert.Same(dismiss, ReviewDecision.Dismiss(Standing(CandidateState.Dismissed, reason: DismissReason.Other), dismiss).Append);
        Assert.NotNull(ReviewDecision.Dismiss(Standing(CandidateState.Recorded, Guid.NewGuid()), dismiss).Refused);
        Assert.Same(record, ReviewDecision.Record(Standing(CandidateState.Dismissed), record).Append);
        Assert.Null(ReviewDecision.Record(Standing(CandidateState.Recorded, record.StatementId), record).Append);
        // A decision on another span (the candidate moved in a rebuild) is not this candidate's.
        Assert.Same(record, ReviewDecision.Record(Standing(CandidateState.Recorded, record.StatementId, start: 11), record).Append);
    }
}

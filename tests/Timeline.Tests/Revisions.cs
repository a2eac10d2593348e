using System.Net;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class Revisions(SharedApp app)
{
    const string Revised = "the ministry revised its count";

    [Fact]
    public async Task a_correction_is_a_new_revision_and_the_figure_stands_corrected()
    {
        var id = await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 1000));

        var (status, body, response) = await app.Host.PostAsync($"/api/statements/{id}/corrections", Api.Correction(1200, "2025-07-01", reason: Revised));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(2, body.As<Wire.Revised>().Version);
        Assert.Equal($"/api/statements/{id}", response.Headers.Location?.ToString());
        var s = await app.Host.Statement(id);
        Assert.Equal("corrected", s.Status);
        Assert.Equal(1200, s.Figure!.Value);
        Assert.Equal(["reported", "corrected"], s.Revisions.Select(r => r.Change));
        Assert.Equal(1000, s.Revisions[0].Figure!.Value);
        Assert.Equal(Revised, s.Revisions[1].Reason);
    }

    [Fact]
    public async Task the_correction_stated_last_stands_whatever_order_they_were_recorded_in()
    {
        var id = await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 1000));

        await app.Host.Correct(id, Api.Correction(1500, "2025-09-01"));
        await app.Host.Correct(id, Api.Correction(1200, "2025-07-01"));

        Assert.Equal(1500, (await app.Host.Statement(id)).Figure!.Value);
    }

    [Fact]
    public async Task the_same_correction_posted_twice_is_recorded_once()
    {
        var id = await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 1000));

        await app.Host.Correct(id, Api.Correction(1200, "2025-07-01"));
        var (status, body, _) = await app.Host.PostAsync($"/api/statements/{id}/corrections", Api.Correction(1200, "2025-07-01"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.As<Wire.Revised>().Duplicate);
        Assert.Equal(2, await app.StreamEventCountAsync(id));
    }

    [Fact]
    public async Task a_retraction_marks_the_statement_retracted_and_keeps_its_history()
    {
        var id = await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 1000));

        var (status, _, _) = await app.Host.PostAsync($"/api/statements/{id}/retractions", Api.Retraction("2025-08-01"));

        Assert.Equal(HttpStatusCode.Created, status);
        var s = await app.Host.Statement(id);
        Assert.Equal("retracted", s.Status);
        Assert.Equal(1000, s.Figure!.Value);
        Assert.Equal(["reported", "retracted"], s.Revisions.Select(r => r.Change));
    }

    [Fact]
    public async Task a_retracted_statement_cannot_be_retracted_or_corrected_again()
    {
        var id = await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 1000));
        await app.Host.Retract(id, Api.Retraction("2025-08-01"));

        var retract = await app.Host.PostAsync($"/api/statements/{id}/retractions", Api.Retraction("2025-09-01"));
        var correct = await app.Host.PostAsync($"/api/statements/{id}/corrections", Api.Correction(5, "2025-07-01"));

        Assert.Equal(HttpStatusCode.Conflict, retract.Status);
        Assert.Equal(HttpStatusCode.Conflict, correct.Status);
        Assert.Equal(409, correct.Body.As<Wire.Problem>().Status);
        Assert.Equal(2, await app.StreamEventCountAsync(id));
    }

    [Fact]
    public async Task revising_an_unknown_statement_is_a_404()
    {
        var unknown = Guid.NewGuid();

        var correct = await app.Host.PostAsync($"/api/statements/{unknown}/corrections", Api.Correction(5, "2025-07-01"));
        var retract = await app.Host.PostAsync($"/api/statements/{unknown}/retractions", Api.Retraction("2025-08-01"));

        Assert.Equal(HttpStatusCode.NotFound, correct.Status);
        Assert.Equal(HttpStatusCode.NotFound, retract.Status);
    }

    [Fact]
    public async Task a_revision_dated_before_the_statement_is_refused()
    {
        var id = await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 1000, statedOn: "2025-06-01"));

        var (status, problem, _) = await app.Host.PostAsync($"/api/statements/{id}/retractions", Api.Retraction("2025-05-31"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        problem.NamesField("statedOn");
        Assert.Equal(1, await app.StreamEventCountAsync(id));
    }

    [Fact]
    public async Task only_figures_can_be_corrected()
    {
        var id = await app.Host.RecordedAsync(Api.Position(Api.Unique()));

        var (status, _, _) = await app.Host.PostAsync($"/api/statements/{id}/corrections", Api.Correction(5, "2026-03-01"));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(1, await app.StreamEventCountAsync(id));
    }

    [Fact]
    public async Task each_revision_names_the_key_that_recorded_it_never_the_key_itself()
    {
        var id = await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 1000));
        await app.Host.Correct(id, Api.Correction(1100, "2025-07-01"), AppFixture.OtherWriterKey);

        var (_, s) = await app.Host.GetAsync($"/api/statements/{id}");

        Assert.Equal(["writer", "other-writer"], s.As<Wire.Statement>().Revisions.Select(r => r.RecordedBy));
        Assert.DoesNotContain(AppFixture.WriterKey, s.ToString());
        Assert.DoesNotContain(AppFixture.OtherWriterKey, s.ToString());
    }

    [Fact]
    public async Task a_retraction_repeated_with_its_idempotency_key_gets_the_first_answer_and_records_nothing()
    {
        var id = await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 1000));
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };

        var (first, firstBody, _) = await app.Host.PostAsync($"/api/statements/{id}/retractions", Api.Retraction("2025-08-01"), headers: key);
        var (again, againBody, response) = await app.Host.PostAsync($"/api/statements/{id}/retractions", Api.Retraction("2025-08-01"), headers: key);
        var (reused, _, _) = await app.Host.PostAsync($"/api/statements/{id}/retractions", Api.Retraction("2025-09-01"), headers: key);

        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal(HttpStatusCode.Created, again);
        Assert.Equal(firstBody.GetRawText(), againBody.GetRawText());
        Assert.Equal("true", response.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused); // the same key for another request
        Assert.Equal(2, await app.StreamEventCountAsync(id));
    }
}

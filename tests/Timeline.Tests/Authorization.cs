using System.Net;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class Authorization(SharedApp app)
{
    [Fact]
    public async Task writing_without_a_key_is_a_401_problem_and_records_nothing()
    {
        var statement = Api.Figure(Api.Unique());

        var (status, problem, response) = await app.Host.PostAsync("/api/statements", statement, key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        // Recording it now with a key proves the first attempt left nothing behind.
        Assert.Equal(HttpStatusCode.Created, (await app.Host.PostAsync("/api/statements", statement)).Status);
    }

    [Fact]
    public async Task an_unknown_key_is_a_401()
    {
        var (status, _, _) = await app.Host.PostAsync("/api/statements", Api.Figure(Api.Unique()), key: "not-a-key-we-gave-out");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task a_key_without_the_write_right_is_a_403()
    {
        var (status, problem, _) = await app.Host.PostAsync("/api/statements", Api.Figure(Api.Unique()), key: AppFixture.AdminOnlyKey);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task a_key_with_the_write_right_records()
    {
        var (status, _, _) = await app.Host.PostAsync("/api/statements", Api.Figure(Api.Unique()), key: AppFixture.WriterKey);
        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task every_revision_and_batch_needs_a_key_too()
    {
        var id = await app.Host.RecordedAsync(Api.Figure(Api.Unique()));

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Host.PostAsync($"/api/statements/{id}/corrections", "{}", key: null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Host.PostAsync($"/api/statements/{id}/retractions", "{}", key: null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Host.PostAsync("/api/statements/batch", "[]", key: null)).Status);
    }

    [Fact]
    public async Task reads_are_open()
    {
        var id = await app.Host.RecordedAsync(Api.Figure(Api.Unique()));
        Assert.Equal(HttpStatusCode.OK, (await app.Host.GetAsync($"/api/statements/{id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await app.Host.GetAsync("/api/statements")).Status);
    }
}

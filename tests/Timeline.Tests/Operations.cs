using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Hosting;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class Operations(SharedApp app)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task health_endpoints_answer_healthy(string url)
    {
        using var client = app.Host.Server.CreateClient();
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task a_flood_of_readiness_probes_shares_one_database_probe_a_second_and_leaves_the_api_answering()
    {
        var ct = TestContext.Current.CancellationToken;
        var probe = app.Host.Services.GetRequiredService<DatabaseHealthCheck>();
        using var client = app.Host.Server.CreateClient();
        var before = probe.Probes;
        var clock = Stopwatch.StartNew();

        var flood = Enumerable.Range(0, 500).Select(_ => client.GetAsync("/health/ready", ct)).ToList();
        using var estimates = await client.GetAsync("/api/estimates", ct);
        var answers = await Task.WhenAll(flood);
        var seconds = clock.Elapsed.TotalSeconds;

        Assert.Equal(HttpStatusCode.OK, estimates.StatusCode);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        foreach (var a in answers) a.Dispose();
        // At most one probe started per second of the flood (and one under way when it began); before, one per request.
        var probes = probe.Probes - before;
        Assert.True(probes <= Math.Ceiling(seconds) + 1, $"{probes} database probes for 500 requests in {seconds:0.00} s");
    }

    [Fact]
    public async Task the_openapi_document_describes_the_statement_endpoints()
    {
        var (status, doc) = await app.Host.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, status);
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/statements", "/api/statements/batch", "/api/statements/{id}", "/api/statements/{id}/corrections", "/api/statements/{id}/retractions" })
            Assert.True(paths.TryGetProperty(path, out _), $"missing {path}");
    }

    [Theory]
    [InlineData("/api/statements", "post", "200 201 400 401 403 413 414 415 422 429 503")]
    [InlineData("/api/statements/batch", "post", "200 400 401 403 413 414 415 422 429 503")]
    [InlineData("/api/statements/{id}/corrections", "post", "200 201 400 401 403 404 409 413 414 415 422 429 503")]
    [InlineData("/api/statements/{id}", "get", "200 400 404 414 429 503")]
    [InlineData("/api/statements", "get", "200 400 414 429 503")]
    [InlineData("/api/estimates", "get", "200 400 414 429 503")]
    [InlineData("/api/estimates/{seriesId}/history", "get", "200 400 404 414 429 503")]
    [InlineData("/api/negotiations/{talksId}", "get", "200 400 404 414 429 503")]
    [InlineData("/api/webhooks/{id}", "get", "200 400 401 403 404 414 429 503")]
    [InlineData("/api/webhooks", "post", "201 400 401 403 409 413 414 415 429 503")]
    [InlineData("/api/admin/projections/rebuild", "post", "202 400 401 403 409 414 429 503")]
    public async Task the_openapi_document_lists_every_status_an_endpoint_answers_with(string path, string method, string statuses)
    {
        var (_, doc) = await app.Host.GetAsync("/openapi/v1.json");

        var responses = doc.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
        Assert.Equal(statuses.Split(' '), responses.EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task the_interactive_reference_is_served_at_docs()
    {
        using var client = app.Host.Server.CreateClient();
        var response = await client.GetAsync("/docs", TestContext.Current.CancellationToken);
        if (response.StatusCode is HttpStatusCode.Found or HttpStatusCode.MovedPermanently)
            response = await client.GetAsync(response.Headers.Location, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task an_unknown_route_is_a_problem_too()
    {
        using var client = app.Host.Server.CreateClient();
        var response = await client.GetAsync("/api/nothing-here", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

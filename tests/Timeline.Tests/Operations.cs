using System.Net;
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
    public async Task the_openapi_document_describes_the_statement_endpoints()
    {
        var (status, doc) = await app.Host.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, status);
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/statements", "/api/statements/batch", "/api/statements/{id}", "/api/statements/{id}/corrections", "/api/statements/{id}/retractions" })
            Assert.True(paths.TryGetProperty(path, out _), $"missing {path}");
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

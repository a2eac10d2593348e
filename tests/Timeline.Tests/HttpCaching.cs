// HTTP caching by basis: an answer at an explicit basis never changes and says so; an answer about
// the present changes only when the basis moves; If-None-Match is answered 304; streams and
// writes are never cached. Each test works in a party of its own.
using System.Net;
using System.Text.Json;
using System.Net.Http.Headers;
using Timeline.Tests.Support;

namespace Timeline.Tests;

// Its own database: an answer about the present is tagged by the latest basis, which another class's
// writes would move between two requests.
public sealed class HttpCaching(IsolatedApp app) : IClassFixture<IsolatedApp>
{
    readonly string _party = Api.UniqueParty();

    async Task<HttpResponseMessage> Get(string url, string? ifNoneMatch = null, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return await app.Host.Server.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task an_answer_at_an_explicit_basis_is_immutable_and_revalidates_to_304()
    {
        await app.Host.RecordedAsync(Api.Figure("Ministry", 100, "2025-01-10", party: _party));
        var basis = (await app.Host.GetAsync($"/api/estimates?party={_party}")).Body.GetProperty("basis").GetInt64();
        var url = $"/api/estimates?party={_party}&asOf=2025-06-01&knownAt={basis}";

        using var first = await Get(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", first.Headers.CacheControl!.ToString());
        Assert.Contains("Accept", first.Headers.Vary);
        var etag = first.Headers.ETag!.ToString();
        var body = await first.Content.ReadAsStringAsync();

        await app.Host.RecordedAsync(Api.Figure("Ministry", 200, "2025-02-10", party: _party));

        using var again = await Get(url, ifNoneMatch: etag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(etag, again.Headers.ETag!.ToString());
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        using var fresh = await Get(url);
        Assert.Equal(body, await fresh.Content.ReadAsStringAsync());
        Assert.Equal(etag, fresh.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task an_answer_at_an_instant_nothing_can_still_be_recorded_at_is_immutable_and_at_a_recent_one_cached_briefly()
    {
        await app.Host.RecordedAsync(Api.Figure("Ministry", 100, "2025-01-10", party: _party));
        string At(DateTimeOffset instant) =>
            $"/api/estimates?party={_party}&asOf=2025-06-01&knownAt={Uri.EscapeDataString(instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture))}";

        // Older than a write may take to commit: the basis at that instant can no longer move.
        using var settled = await Get(At(DateTimeOffset.UtcNow - Timeline.EventLog.AppendOrder.Settled - TimeSpan.FromMinutes(1)));
        Assert.Equal(HttpStatusCode.OK, settled.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", settled.Headers.CacheControl!.ToString());
        // A moment ago: a write stamped before it may still commit, so as briefly as the present.
        using var recent = await Get(At(DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1)));
        Assert.Equal(HttpStatusCode.OK, recent.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), recent.Headers.CacheControl!.MaxAge);
        Assert.DoesNotContain(recent.Headers.CacheControl.Extensions, e => e.Name == "immutable");
    }

    [Fact]
    public async Task an_answer_about_the_present_is_cached_briefly_and_its_tag_moves_with_the_basis()
    {
        await app.Host.RecordedAsync(Api.Figure("Ministry", 100, "2025-01-10", party: _party));
        var url = $"/api/estimates?party={_party}";

        using var first = await Get(url);
        var cacheControl = first.Headers.CacheControl!;
        Assert.True(cacheControl.Public);
        Assert.Equal(TimeSpan.FromSeconds(5), cacheControl.MaxAge);
        Assert.Contains(cacheControl.Extensions, e => e.Name == "stale-while-revalidate" && e.Value == "30");
        var etag = first.Headers.ETag!.ToString();

        using var unchanged = await Get(url, ifNoneMatch: etag);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);

        await app.Host.RecordedAsync(Api.Figure("Ministry", 200, "2025-02-10", party: _party));
        using var moved = await Get(url, ifNoneMatch: etag);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.NotEqual(etag, moved.Headers.ETag!.ToString());
        Assert.Contains("200", await moved.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/estimates?party={0}")]
    [InlineData("/api/estimates.csv?party={0}")]
    [InlineData("/api/estimates/{0}-military-killed/history")]
    public async Task an_answer_about_the_present_is_tagged_with_the_basis_it_was_read_at_and_revalidates_by_it(string template)
    {
        await app.Host.RecordedAsync(Api.Figure("Ministry", 100, "2025-01-10", party: _party));
        var url = string.Format(template, _party);
        var basis = (await app.Host.GetAsync($"/api/estimates?party={_party}")).Body.GetProperty("basis").GetInt64();

        using var first = await Get(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!.ToString();
        Assert.StartsWith($"\"b{basis}-", etag);
        if (first.Content.Headers.ContentType!.MediaType == "application/json")
            Assert.Equal(basis, JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("basis").GetInt64());

        using var unchanged = await Get(url, ifNoneMatch: etag);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(etag, unchanged.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task each_representation_has_its_own_tag_and_streams_errors_and_writes_are_not_cached()
    {
        using var json = await Get("/api/events?limit=5");
        using var ndjson = await Get("/api/events?limit=5", accept: "application/x-ndjson");
        Assert.NotEqual(json.Headers.ETag, ndjson.Headers.ETag);

        using var sse = await app.Host.Server.CreateClient().SendAsync(
            new HttpRequestMessage(HttpMethod.Get, $"/api/subscribe?party={_party}") { Headers = { Accept = { new MediaTypeWithQualityHeaderValue("text/event-stream") } } },
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Null(sse.Headers.ETag);
        Assert.False(sse.Headers.CacheControl?.Public ?? false);

        using var bad = await Get("/api/estimates?asOf=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Null(bad.Headers.ETag);
        Assert.False(bad.Headers.CacheControl?.Public ?? false);

        var (_, _, posted) = await app.Host.PostAsync("/api/statements", Api.Figure("Ministry", 300, "2025-03-10", party: _party));
        Assert.Null(posted.Headers.ETag);
        Assert.False(posted.Headers.CacheControl?.Public ?? false);
    }

    [Theory]
    [InlineData("/api/timeline?knownAt={0}")]
    [InlineData("/api/negotiations?asOf=2026-03-01&knownAt={0}")]
    [InlineData("/api/changes?from=2025-01-01&to=2025-03-01&knownAt={0}")]
    [InlineData("/api/changes?knownFrom=1&knownTo={0}&asOf=2025-03-01")]
    public async Task the_other_answers_at_an_explicit_basis_are_immutable_too(string template)
    {
        // Its own statements, so the basis is past knownFrom=1 whichever test of the class runs first.
        for (var i = 0; i < 2; i++) await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 10 + i, "2025-01-10", party: _party));
        var basis = (await app.Host.GetAsync("/api/estimates")).Body.GetProperty("basis").GetInt64();
        using var answer = await Get(string.Format(template, basis));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", answer.Headers.CacheControl!.ToString());
        using var again = await Get(string.Format(template, basis), ifNoneMatch: answer.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }
}

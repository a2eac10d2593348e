// Bounded for anonymous and keyed clients alike: past its read or write rate a client gets 429
// problem+json with Retry-After, past the stream caps a new SSE stream is refused, and the
// health check answers all the while.
using System.Diagnostics;
using System.Net;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public abstract class LimitedApp(params (string Key, string Value)[] settings) : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Host = await AppFixture.StartHostAsync(await TestCluster.NewDatabaseAsync(), more: b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

public sealed class SlowReadsApp() : LimitedApp(("Timeline:Limits:ReadsPerSecond", "1"), ("Timeline:Limits:ReadBurst", "5"));

public sealed class FewStreamsApp() : LimitedApp(("Timeline:Limits:SsePerClient", "2"), ("Timeline:Limits:SseTotal", "100"));

public sealed class RateLimits(SlowReadsApp app) : IClassFixture<SlowReadsApp>
{
    [Fact]
    public async Task past_its_rate_a_client_gets_429_with_retry_after_and_health_still_answers_at_once()
    {
        using var client = app.Host.Server.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 12; i++)
        {
            var response = await client.GetAsync("/api/estimates");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused ??= response;
        }

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.NotNull(refused);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
        var clock = Stopwatch.StartNew();
        var health = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"/health/ready took {clock.Elapsed}");
    }

}

public sealed class StreamCaps(FewStreamsApp app) : IClassFixture<FewStreamsApp>
{
    async Task<HttpResponseMessage> Open(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/subscribe");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    [Fact]
    public async Task past_the_stream_cap_a_new_stream_is_refused_until_one_closes()
    {
        using var client = app.Host.Server.CreateClient();
        var first = await Open(client);
        using var second = await Open(client);
        using var third = await Open(client);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);

        first.Dispose(); // the client goes away: its slot is freed when the server notices
        using var again = await Eventually.Until(async () =>
            {
                var response = await Open(client);
                if (response.StatusCode == HttpStatusCode.OK) return response;
                response.Dispose(); // refused: let go of it before trying again
                return null;
            }, r => r is not null, what: "a slot freed by the closed stream");
    }
}

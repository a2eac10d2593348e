// Bounded for anonymous and keyed clients alike: past its read or write rate a client gets 429
// problem+json with Retry-After, past the stream caps a new SSE stream is refused, and the
// health check answers all the while.
using System.Diagnostics;
using System.Net;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Microsoft.AspNetCore.Hosting;
using Timeline.Http;
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
        // Past the limit, health still answers: it is not counted against the address.
        var health = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task an_ipv6_client_is_limited_per_64_however_many_addresses_it_uses()
    {
        async Task<HttpStatusCode> Read(string from) => (HttpStatusCode)(await app.Host.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/api/estimates";
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
        }, TestContext.Current.CancellationToken)).Response.StatusCode;

        // Thirty reads from ten addresses of one /64: three each, within a burst of five per bucket.
        var clock = Stopwatch.StartNew();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++) statuses.Add(await Read($"2001:db8:5:6::{i % 10 + 1:x}"));
        var seconds = clock.Elapsed.TotalSeconds;

        // One bucket for them all: its burst of five and a token a second, no more.
        var answered = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.True(answered <= 5 + (int)Math.Ceiling(seconds), $"{answered} of 30 answered in {seconds:F1} s");
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        // The next /64 is someone else.
        Assert.Equal(HttpStatusCode.OK, await Read("2001:db8:5:7::1"));
    }
}

public sealed class ClientAddressSpec
{
    [Theory]
    [InlineData("2001:db8:5:6::1", "2001:db8:5:6::/64")]
    [InlineData("2001:db8:5:6:ffff:ffff:ffff:ffff", "2001:db8:5:6::/64")]
    [InlineData("2001:db8:5:7::1", "2001:db8:5:7::/64")]
    [InlineData("fe80::1%2", "fe80::/64")]
    [InlineData("::1", "::/64")]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    public void an_ipv6_client_is_its_64_and_an_ipv4_client_its_address(string address, string key) =>
        Assert.Equal(key, ClientAddress.Key(IPAddress.Parse(address)));

    [Fact]
    public void a_client_of_unknown_address_is_one_client() => Assert.Equal("unknown", ClientAddress.Key(null));
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

public sealed class ShortReadsApp() : LimitedApp(("Timeline:Limits:ReadTimeout", "00:00:00.300"));

public sealed class CostlyReadsApp() : LimitedApp(("Timeline:Limits:ReadsPerSecond", "1"), ("Timeline:Limits:ReadBurst", "25"));

/// <summary>What one anonymous read may cost: its queries' time, and tokens by what the endpoint does.</summary>
public sealed class ReadBudget(ShortReadsApp shortReads, CostlyReadsApp costly) : IClassFixture<ShortReadsApp>, IClassFixture<CostlyReadsApp>
{
    [Theory]
    [InlineData("tl_estimate_facts", "/api/changes?from=2025-01-01")]
    [InlineData("tl_estimate_facts", "/api/changes.csv?from=2025-01-01")]
    [InlineData("mt_doc_statement", "/api/negotiations")]
    public async Task a_read_that_runs_past_the_read_timeout_is_answered_503_with_retry_after(string table, string url)
    {
        await shortReads.Host.RecordedAsync(Api.Figure(Api.Unique(), statedOn: "2025-02-01"));
        // A table held locked makes any query of it wait: a query as slow as it gets, on demand.
        var connectionString = shortReads.Host.Services.GetRequiredService<Timeline.Hosting.TimelineDatabase>().ConnectionString;
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(TestContext.Current.CancellationToken);
        await using var tx = await db.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var cmd = new NpgsqlCommand($"lock table timeline.{table} in access exclusive mode", db, tx))
            await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

        using var client = shortReads.Host.Server.CreateClient();
        var clock = Stopwatch.StartNew();
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"answered after {clock.Elapsed}");

        await tx.RollbackAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task an_expensive_read_takes_more_tokens_than_a_plain_one()
    {
        using var client = costly.Host.Server.CreateClient();
        // A burst of 25 and a token a second: however long the (cold) calls take, no more than 25 + 1 a second
        // elapsed were there to spend, and a page of changes takes ten of them.
        var clock = Stopwatch.StartNew();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 4; i++)
        {
            var response = await client.GetAsync("/api/changes?from=2025-01-01", TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused ??= response;
        }
        var tokens = 25 + (int)Math.Ceiling(clock.Elapsed.TotalSeconds);

        var answered = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.True(answered >= 2, string.Join(", ", statuses)); // the burst holds two
        Assert.True(answered <= tokens / 10, $"{answered} of 4 answered with at most {tokens} tokens");
        if (refused is not null) Assert.True(refused.Headers.Contains("Retry-After"));
        // A plain read costs one: it is answered as soon as a token is there.
        await Eventually.Until(async () => (await client.GetAsync("/api/estimates", TestContext.Current.CancellationToken)).StatusCode,
            status => status == HttpStatusCode.OK, what: "a plain read answered");
    }
}

// Feeds in: outlets' RSS, Atom and JSON feeds, served by the tests on loopback, polled the way feed
// readers are expected to behave, their new items archived once. Waits are on conditions; the poll
// times a server asks for are read from the feed's state, never waited out.
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Articles;
using Timeline.Outlets;
using Timeline.Tests.Support;
using Timeline.Webhooks;

namespace Timeline.Tests;

public static class FeedSteps
{
    public static async Task<Guid> WatchedAsync(this IAlbaHost host, string url, string every = "PT10S", string? title = null)
    {
        var body = new JsonObject { ["url"] = url, ["every"] = every };
        if (title is not null) body["title"] = title;
        var (status, feed, _) = await host.PostAsync("/api/feeds", body);
        if (status != HttpStatusCode.Created) throw new Xunit.Sdk.XunitException($"expected 201, got {(int)status}: {feed}");
        return feed.As<Wire.Feed>().Id;
    }

    public static async Task<Wire.FeedState> FeedStateAsync(this IAlbaHost host, Guid id) =>
        (await host.Read<Wire.Feed>($"/api/feeds/{id}", AppFixture.WriterKey)).State;

    public static Task<Wire.FeedState> FeedStateWhenAsync(this IAlbaHost host, Guid id, Func<Wire.FeedState, bool> holds, string what, int seconds = 30) =>
        Eventually.Until(() => host.FeedStateAsync(id), holds, TimeSpan.FromSeconds(seconds), what);

    public static bool Polled(Wire.FeedState state) => state.LastPolledAt is not null;

    public static async Task<List<Article>> ArticlesFromAsync(this IAlbaHost host, Guid feedId)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return [.. await session.Query<Article>().Where(a => a.FromFeed != null && a.FromFeed.FeedId == feedId).ToListAsync()];
    }

    public static TimeSpan Wait(Wire.FeedState state) => state.NextPollAt - state.LastPolledAt!.Value;

    public static FeedBodies.Item Story(string id, string? link = null, bool content = true, DateTimeOffset? published = null)
    {
        var words = $"Officials said on Tuesday that {Api.Unique("story")} reached the front line, and that the situation around the town remained difficult but under control.";
        return new FeedBodies.Item(id, $"Headline {id}", link, content ? $"<p>{words}</p><p>Further details were expected later in the day from the regional administration.</p>" : null,
            published ?? new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    }
}

public sealed class FeedsIn(SharedApp app)
{
    IAlbaHost Host => app.Host;

    [Theory]
    [InlineData("rss")]
    [InlineData("atom")]
    [InlineData("json")]
    public async Task a_feeds_items_are_archived_with_their_source_and_the_feed_and_item_they_came_from(string format)
    {
        await using var outlet = await FeedServer.StartAsync();
        var carried = FeedSteps.Story($"urn:item:{Guid.NewGuid()}", outlet.Url("/carried"));
        var linked = FeedSteps.Story($"urn:item:{Guid.NewGuid()}", outlet.Url("/linked"), content: false, published: new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var pageWords = Api.Unique("page text");
        outlet.Serve("/linked", FeedBodies.Page("The linked story", $"Only the page says this: {pageWords}, as the statement published by the ministry put it."), "text/html; charset=utf-8");
        var (body, type) = format switch
        {
            "rss" => (FeedBodies.Rss("Outlet RSS", carried, linked), "application/rss+xml"),
            "atom" => (FeedBodies.Atom("Outlet Atom", carried, linked), "application/atom+xml"),
            _ => (FeedBodies.Json("Outlet JSON", carried, linked), "application/feed+json"),
        };
        outlet.Serve("/feed", body, type);

        var id = await Host.WatchedAsync(outlet.Url("/feed"), "PT1H", title: "The Outlet");

        var state = await Host.FeedStateWhenAsync(id, s => s.ItemsArchived == 2, "both items archived");
        Assert.Equal(200, state.LastStatus);
        Assert.Equal(0, state.Failures);
        Assert.Equal("active", state.Status);
        var articles = await Host.ArticlesFromAsync(id);
        var fromContent = articles.Single(a => a.FromFeed!.ItemId == carried.Id);
        Assert.Contains("reached the front line", fromContent.Text);
        Assert.Equal(new Timeline.Statements.Source($"Headline {carried.Id}", outlet.Url("/carried"), "The Outlet", new DateOnly(2026, 11, 30)), fromContent.Source);
        var fromPage = articles.Single(a => a.FromFeed!.ItemId == linked.Id);
        Assert.Contains(pageWords, fromPage.Text);
        Assert.DoesNotContain("Home", fromPage.Text); // the page's main text, not its navigation
        Assert.Equal(new DateOnly(2026, 12, 1), fromPage.Source.PublishedOn);
        Assert.Single(outlet.Requests("/linked"));
        Assert.Empty(outlet.Requests("/carried")); // its content was in the feed: nothing else fetched

        Assert.Equal(new Wire.FeedItemOrigin(id, linked.Id), (await Host.Article(fromPage.Id)).FromFeed);
    }

    [Fact]
    public async Task a_feed_answered_304_is_not_archived_again()
    {
        await using var outlet = await FeedServer.StartAsync();
        outlet.Serve("/feed", FeedBodies.Rss("Outlet", FeedSteps.Story($"urn:item:{Guid.NewGuid()}")), "application/rss+xml");
        var id = await Host.WatchedAsync(outlet.Url("/feed"), "PT10S");
        await Host.FeedStateWhenAsync(id, s => s.ItemsArchived == 1, "the first poll's item archived");

        // The second poll, ten seconds on, asks with the ETag it was given and is told nothing changed.
        var state = await Host.FeedStateWhenAsync(id, s => s.LastStatus == 304, "a 304 on the second poll");

        var requests = outlet.Requests("/feed");
        Assert.Null(requests[0].IfNoneMatch);
        Assert.NotNull(requests[1].IfNoneMatch);
        Assert.Equal(1, state.ItemsSeen);
        Assert.Equal(1, state.ItemsArchived);
        Assert.Equal(0, state.Failures);
        Assert.Single(await Host.ArticlesFromAsync(id));
    }

    [Fact]
    public async Task an_item_whose_page_failed_for_a_passing_reason_is_archived_at_the_next_poll()
    {
        await using var outlet = await FeedServer.StartAsync();
        outlet.Serve("/story", new Served(Status: 503));
        outlet.Serve("/feed", FeedBodies.Rss("Outlet", FeedSteps.Story($"urn:item:{Guid.NewGuid()}", outlet.Url("/story"), content: false)), "application/rss+xml");
        var id = await Host.WatchedAsync(outlet.Url("/feed"), "PT10S");
        var first = await Host.FeedStateWhenAsync(id, FeedSteps.Polled, "a first poll");
        Assert.Contains("could not be archived yet", first.LastError);
        Assert.Equal(0, first.ItemsSeen);

        outlet.Serve("/story", FeedBodies.Page("The story", $"Back again: {Api.Unique()} was confirmed by the regional governor on his channel."), "text/html");
        await Host.FeedStateWhenAsync(id, s => s.ItemsArchived == 1, "the item archived at the next poll");

        // The feed itself had not changed: asked unconditionally, or its 304 would have hidden the item.
        Assert.All(outlet.Requests("/feed"), r => Assert.Null(r.IfNoneMatch));
        Assert.Equal(2, outlet.Requests("/story").Count);
    }

    [Fact]
    public async Task a_max_age_longer_than_the_interval_puts_the_next_poll_off_that_long()
    {
        await using var outlet = await FeedServer.StartAsync();
        outlet.Serve("/feed", new Served(FeedBodies.Rss("Outlet"), "application/rss+xml", Headers: new Dictionary<string, string> { ["Cache-Control"] = "public, max-age=7200" }));
        var id = await Host.WatchedAsync(outlet.Url("/feed"), "PT10S");

        var state = await Host.FeedStateWhenAsync(id, FeedSteps.Polled, "a first poll");

        Assert.Equal(TimeSpan.FromHours(2), FeedSteps.Wait(state));
    }

    [Fact]
    public async Task a_retry_after_is_waited_out_rather_than_the_backoff()
    {
        await using var outlet = await FeedServer.StartAsync();
        outlet.Serve("/feed", new Served(Status: 503, Headers: new Dictionary<string, string> { ["Retry-After"] = "3600" }));
        var id = await Host.WatchedAsync(outlet.Url("/feed"), "PT10S");

        var state = await Host.FeedStateWhenAsync(id, FeedSteps.Polled, "a first poll");

        Assert.Equal(503, state.LastStatus);
        Assert.Equal(1, state.Failures);
        Assert.Equal(TimeSpan.FromHours(1), FeedSteps.Wait(state));
    }

    [Fact]
    public async Task a_failing_feed_is_polled_again_later_than_its_interval_and_says_why()
    {
        await using var outlet = await FeedServer.StartAsync();
        outlet.Serve("/feed", new Served(Status: 500));
        var id = await Host.WatchedAsync(outlet.Url("/feed"), "PT10S");

        var state = await Host.FeedStateWhenAsync(id, FeedSteps.Polled, "a first poll");

        Assert.Equal(1, state.Failures);
        Assert.Contains("answered 500", state.LastError);
        // Twice the interval, give or take the jitter (10 %).
        Assert.InRange(FeedSteps.Wait(state), TimeSpan.FromSeconds(18), TimeSpan.FromSeconds(22));
        Assert.Equal("active", state.Status); // failing only after a day of it
    }

    [Fact]
    public async Task a_feed_declaring_a_dtd_with_an_external_entity_is_refused_and_nothing_is_read()
    {
        await using var outlet = await FeedServer.StartAsync();
        outlet.Serve("/secret", "top secret", "text/plain");
        var item = FeedSteps.Story($"urn:item:{Guid.NewGuid()}");
        var rss = FeedBodies.Rss("Outlet", item).Replace("<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            $"<?xml version=\"1.0\" encoding=\"utf-8\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"{outlet.Url("/secret")}\">]>")
            .Replace("<title>Headline", "<title>&xxe; Headline");
        outlet.Serve("/feed", rss, "application/rss+xml");
        var id = await Host.WatchedAsync(outlet.Url("/feed"), "PT10S");

        var state = await Host.FeedStateWhenAsync(id, FeedSteps.Polled, "a first poll");

        Assert.Equal(1, state.Failures);
        Assert.Contains("DTD", state.LastError);
        Assert.Empty(outlet.Requests("/secret"));
        Assert.Empty(await Host.ArticlesFromAsync(id));
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public async Task a_feed_is_followed_through_three_redirects_and_no_more(int hops, bool read)
    {
        await using var outlet = await FeedServer.StartAsync();
        for (var i = 0; i < hops; i++)
            outlet.Serve($"/hop{i}", new Served(Status: 302, Headers: new Dictionary<string, string> { ["Location"] = outlet.Url(i + 1 < hops ? $"/hop{i + 1}" : "/feed") }));
        outlet.Serve("/feed", FeedBodies.Rss("Outlet", FeedSteps.Story($"urn:item:{Guid.NewGuid()}")), "application/rss+xml");
        var id = await Host.WatchedAsync(outlet.Url("/hop0"), "PT10S");

        var state = await Host.FeedStateWhenAsync(id, FeedSteps.Polled, "a first poll");

        if (read)
        {
            Assert.Equal(0, state.Failures);
            Assert.Single(outlet.Requests("/feed"));
        }
        else
        {
            Assert.Contains("more than 3 redirects", state.LastError);
            Assert.Empty(outlet.Requests("/feed"));
        }
    }

    [Fact]
    public async Task a_50_mb_feed_is_cut_off_at_the_body_limit()
    {
        await using var outlet = await FeedServer.StartAsync();
        outlet.Serve("/feed", new Served(ContentType: "application/rss+xml", StreamBytes: 50L * 1024 * 1024));
        var id = await Host.WatchedAsync(outlet.Url("/feed"), "PT10S");

        var state = await Host.FeedStateWhenAsync(id, FeedSteps.Polled, "a first poll");

        Assert.Equal(1, state.Failures);
        // Read up to the 5 MiB limit and no further (the server's own count of what it sent is no measure:
        // Kestrel may accept writes after the reader has hung up).
        Assert.Contains("sent more than 5,242,880 bytes; the body was cut off there", state.LastError);
        Assert.Empty(await Host.ArticlesFromAsync(id));
    }

    [Fact]
    public async Task the_same_item_in_a_second_feed_is_archived_once()
    {
        await using var outlet = await FeedServer.StartAsync();
        var item = FeedSteps.Story($"urn:item:{Guid.NewGuid()}");
        outlet.Serve("/one", FeedBodies.Rss("Wire", item), "application/rss+xml");
        outlet.Serve("/two", FeedBodies.Atom("Reprint", item with { Id = $"urn:reprint:{Guid.NewGuid()}" }), "application/atom+xml");
        var one = await Host.WatchedAsync(outlet.Url("/one"), "PT1H");
        await Host.FeedStateWhenAsync(one, s => s.ItemsArchived == 1, "the first feed's item archived");

        var two = await Host.WatchedAsync(outlet.Url("/two"), "PT1H");
        var state = await Host.FeedStateWhenAsync(two, s => s.ItemsSeen == 1, "the second feed's item seen");

        Assert.Equal(0, state.ItemsArchived);
        Assert.Empty(await Host.ArticlesFromAsync(two));
        var article = Assert.Single(await Host.ArticlesFromAsync(one));
        await using var session = app.Store.QuerySession();
        Assert.Equal(1, await session.Query<Article>().CountAsync(a => a.Sha256 == article.Sha256));
    }

    [Fact]
    public async Task a_feeds_first_poll_archives_only_its_newest_items()
    {
        await using var outlet = await FeedServer.StartAsync();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var items = Enumerable.Range(0, 12).Select(i => FeedSteps.Story($"urn:item:{Guid.NewGuid()}", published: start.AddDays(i))).ToArray();
        outlet.Serve("/feed", FeedBodies.Rss("Outlet", items), "application/rss+xml");
        var id = await Host.WatchedAsync(outlet.Url("/feed"), "PT1H");

        var state = await Host.FeedStateWhenAsync(id, s => s.ItemsSeen == 12, "every item seen");

        Assert.Equal(10, state.ItemsArchived);
        var archived = (await Host.ArticlesFromAsync(id)).Select(a => a.FromFeed!.ItemId).ToHashSet();
        Assert.Equal(items.Skip(2).Select(i => i.Id).ToHashSet(), archived); // the two oldest only marked seen
    }

    [Theory]
    [InlineData("{\"title\":\"x\"}", "url")]
    [InlineData("{\"url\":\"ftp://outlet.example/feed\"}", "url")]
    [InlineData("{\"url\":\"https://outlet.example/feed\",\"every\":\"PT5S\"}", "every")]
    [InlineData("{\"url\":\"https://outlet.example/feed\",\"every\":\"P2D\"}", "every")]
    [InlineData("{\"url\":\"https://outlet.example/feed\",\"every\":\"half an hour\"}", "every")]
    [InlineData("{\"url\":\"https://outlet.example/feed\",\"title\":\"a\\u0000b\"}", "title")]
    public async Task a_bad_registration_is_refused_naming_the_field_and_nothing_is_registered(string body, string field)
    {
        var (status, problem, _) = await Host.PostAsync("/api/feeds", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        problem.NamesField(field);
    }

    [Fact]
    public async Task a_feed_is_removed_by_its_owner_not_by_another_key()
    {
        await using var outlet = await FeedServer.StartAsync();
        outlet.Serve("/feed", FeedBodies.Rss("Outlet"), "application/rss+xml");
        var id = await Host.WatchedAsync(outlet.Url("/feed"), "PT1H");
        var (anonymous, _) = await Host.GetAsync($"/api/feeds/{id}");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        var (again, _, _) = await Host.PostAsync("/api/feeds", new JsonObject { ["url"] = outlet.Url("/feed") });
        Assert.Equal(HttpStatusCode.Conflict, again);

        using var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", AppFixture.OtherWriterKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"/api/feeds/{id}")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Bearer", AppFixture.WriterKey);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/feeds/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await Host.GetAsync($"/api/feeds/{id}", AppFixture.WriterKey)).Status);
        Assert.Equal(2, await app.StreamEventCountAsync(id)); // FeedRegistered, FeedRemoved
    }
}

// A service whose feeds reach the public internet only, and one loopback address it trusts (the
// tests' outlet): every other loopback address (127.0.0.2), a private one, a name resolving to one,
// and a redirect to any of them are refused, at registration and at connect time.
public sealed class PublicFeedsApp : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Host = await AppFixture.StartHostAsync(await TestCluster.NewDatabaseAsync(), more: b =>
        {
            b.UseSetting("Timeline:Feeds:AllowPrivateAddresses", "false");
            b.UseSetting("Timeline:Feeds:TrustedAddresses:0", "127.0.0.1");
            b.ConfigureServices(s => s.AddSingleton<IReceiverResolver, ScriptedResolver>());
        });

    public async ValueTask DisposeAsync() => await TestCluster.StopAsync(Host);
}

public sealed class FeedAddresses(PublicFeedsApp app) : IClassFixture<PublicFeedsApp>
{
    [Theory]
    [InlineData("http://127.0.0.2/feed")]
    [InlineData("http://10.0.0.1/feed")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]/feed")]
    [InlineData("http://localhost/feed")]
    [InlineData("http://inside.example/feed")]
    public async Task a_feed_on_a_non_public_address_is_refused_at_registration(string url)
    {
        var (status, problem, _) = await app.Host.PostAsync("/api/feeds", new JsonObject { ["url"] = url });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        problem.NamesField("url");
    }

    [Theory]
    [InlineData("loopback", "127.0.0.2")]
    [InlineData("redirect", "127.0.0.2")]
    [InlineData("name", "10.0.0.5")]
    public async Task an_item_linking_to_a_non_public_address_is_refused_and_the_feed_says_so(string how, string refused)
    {
        await using var outlet = await FeedServer.StartAsync();
        await using var inside = await FeedServer.StartAsync("127.0.0.2");
        inside.Serve("/story", FeedBodies.Page("Inside", "This page is on the service's own network and must never be fetched by it."), "text/html");
        outlet.Serve("/moved", new Served(Status: 302, Headers: new Dictionary<string, string> { ["Location"] = inside.Url("/story") }));
        var link = how switch
        {
            "loopback" => inside.Url("/story"),
            "redirect" => outlet.Url("/moved"),
            _ => $"http://inside.example:{inside.Port}/story",
        };
        outlet.Serve("/feed", FeedBodies.Rss("Outlet", FeedSteps.Story($"urn:item:{Guid.NewGuid()}", link, content: false)), "application/rss+xml");
        var id = await app.Host.WatchedAsync(outlet.Url("/feed"), "PT1H");

        var state = await app.Host.FeedStateWhenAsync(id, s => s.ItemsSeen == 1, "the item dealt with");

        Assert.Equal(0, state.ItemsArchived);
        Assert.Contains($"{refused} is not a public one", state.LastError);
        Assert.Empty(inside.Requests("/story"));
        Assert.Empty(await app.Host.ArticlesFromAsync(id));
    }
}

public sealed class FeedPolicy
{
    static readonly OutletOptions Options = new();
    static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0.5, 600)]
    [InlineData(1, 0.5, 1200)]
    [InlineData(2, 0.5, 2400)]
    [InlineData(3, 0.0, 4320)]   // 4800 less 10 %
    [InlineData(3, 1.0, 5280)]   // 4800 and 10 %
    [InlineData(20, 0.5, 86400)] // never more than a day
    public void failures_double_the_wait_with_jitter_up_to_a_day(int failures, double draw, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), PollPolicy.Next(TimeSpan.FromMinutes(10), failures, null, null, Now, draw, Options) - Now);

    [Fact]
    public void the_server_may_ask_for_longer_never_for_less_and_never_past_the_bound()
    {
        var every = TimeSpan.FromMinutes(30);
        Assert.Equal(every, PollPolicy.Next(every, 0, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5), Now, 0.5, Options) - Now);
        Assert.Equal(TimeSpan.FromHours(3), PollPolicy.Next(every, 0, TimeSpan.FromHours(3), null, Now, 0.5, Options) - Now);
        Assert.Equal(TimeSpan.FromHours(5), PollPolicy.Next(every, 1, null, TimeSpan.FromHours(5), Now, 0.5, Options) - Now);
        Assert.Equal(TimeSpan.FromDays(1), PollPolicy.Next(every, 0, TimeSpan.FromDays(30), null, Now, 0.5, Options) - Now);
    }

    [Fact]
    public void a_feed_is_failing_after_a_day_of_failures()
    {
        Assert.Equal(FeedHealth.Active, PollPolicy.Health(null, Now, Options));
        Assert.Equal(FeedHealth.Active, PollPolicy.Health(Now.AddHours(-23), Now, Options));
        Assert.Equal(FeedHealth.Failing, PollPolicy.Health(Now.AddDays(-1), Now, Options));
    }
}

public sealed class FeedsAcrossInstances
{
    static readonly Action<IWebHostBuilder> NoSweeper = b => b.UseSetting("Timeline:Feeds:SweepEvery", "01:00:00");

    [Fact]
    public async Task two_instances_poll_a_feed_once_each_time_and_archive_each_item_once()
    {
        var db = await TestCluster.NewDatabaseAsync();
        await using var one = await AppFixture.StartHostAsync(db);
        await using var two = await AppFixture.StartHostAsync(db);
        await using var outlet = await FeedServer.StartAsync();
        var items = Enumerable.Range(0, 3).Select(i =>
        {
            outlet.Serve($"/story/{i}", FeedBodies.Page($"Story {i}", $"Story {i} of this test: {Api.Unique()} was reported by the ministry in its morning update."), "text/html");
            return FeedSteps.Story($"urn:item:{Guid.NewGuid()}", outlet.Url($"/story/{i}"), content: false);
        }).ToArray();
        outlet.Serve("/feed", FeedBodies.Rss("Outlet", items), "application/rss+xml");

        var id = await one.WatchedAsync(outlet.Url("/feed"), "PT10S");
        // Both instances are woken for it at once, as their sweepers would be for an overdue feed: while it is being polled,
        await WakeBothAsync(one, two, id);
        await one.FeedStateWhenAsync(id, s => s.ItemsArchived == 3, "the three items archived");
        // and again once it has been, before it is due.
        await WakeBothAsync(one, two, id);
        // Two polls more, each due ten seconds after the last.
        await Eventually.Until(() => Task.FromResult(outlet.Requests("/feed").Count), n => n >= 3, TimeSpan.FromSeconds(40), "a third poll");

        var polls = outlet.Requests("/feed").Select(r => r.At).ToList();
        Assert.All(polls.Zip(polls.Skip(1)), p => Assert.True(p.Second - p.First > TimeSpan.FromSeconds(8), $"polled at {p.First:O} and again at {p.Second:O}"));
        Assert.All(Enumerable.Range(0, 3), i => Assert.Single(outlet.Requests($"/story/{i}")));
        Assert.Equal(items.Select(i => i.Id).Order(), (await one.ArticlesFromAsync(id)).Select(a => a.FromFeed!.ItemId).Order());
        var state = await two.FeedStateAsync(id);
        Assert.Equal(3, state.ItemsSeen);
        Assert.Equal(3, state.ItemsArchived);
    }

    static Task WakeBothAsync(IAlbaHost one, IAlbaHost two, Guid feedId) =>
        Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => new[] { one, two }).Select(async h =>
        {
            await using var scope = h.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>().PublishAsync(new PollFeed(feedId));
        }));

    [Fact]
    public async Task a_poll_scheduled_before_a_restart_is_made_after_it()
    {
        var db = await TestCluster.NewDatabaseAsync();
        await using var outlet = await FeedServer.StartAsync();
        var first = FeedSteps.Story($"urn:item:{Guid.NewGuid()}");
        outlet.Serve("/feed", FeedBodies.Rss("Outlet", first), "application/rss+xml");
        Guid id;
        DateTimeOffset scheduled;
        // The sweeper is off: only the durably scheduled poll can bring the feed back.
        await using (var before = await AppFixture.StartHostAsync(db, more: NoSweeper))
        {
            id = await before.WatchedAsync(outlet.Url("/feed"), "PT10S");
            var state = await before.FeedStateWhenAsync(id, s => s.ItemsArchived == 1, "the first poll's item archived");
            scheduled = state.NextPollAt;
        }
        // While no instance runs, the outlet publishes a second item.
        var second = FeedSteps.Story($"urn:item:{Guid.NewGuid()}");
        outlet.Serve("/feed", FeedBodies.Rss("Outlet", second, first), "application/rss+xml");

        await using var after = await AppFixture.StartHostAsync(db, more: NoSweeper);
        var resumed = await after.FeedStateWhenAsync(id, s => s.ItemsArchived == 2, "the second item archived after the restart", seconds: 60);

        Assert.True(resumed.LastPolledAt >= scheduled.AddSeconds(-1));
        Assert.Equal(2, outlet.Requests("/feed").Count);
        Assert.Contains(second.Id, (await after.ArticlesFromAsync(id)).Select(a => a.FromFeed!.ItemId));
    }
}

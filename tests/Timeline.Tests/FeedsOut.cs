// Timeline's own feeds, read by an independent reader (CodeHollow.FeedReader) and checked against
// RFC 4287's required elements (Atom) and JSON Feed 1.1's: newest first, the subscription
// endpoint's filters, each entry with its quote, speaker, source link and permalink; ETag and 304.
// On a host of its own, so nothing recorded meanwhile moves the ETag under a conditional request.
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using CodeHollow.FeedReader.Feeds;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class FeedsOut(IsolatedApp app) : IClassFixture<IsolatedApp>
{
    static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    async Task<(HttpResponseMessage Response, string Body)> GetAsync(string url, string? ifNoneMatch = null)
    {
        using var client = app.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task the_atom_feed_is_read_by_an_independent_reader_newest_first_with_quote_speaker_source_and_permalink()
    {
        var party = Api.UniqueParty();
        var older = await app.Host.RecordedAsync(Api.Figure("Ministry of Defence", 1_000, party: party));
        var newer = await app.Host.RecordedAsync(Api.Figure("General Staff <of> \"Ukraine\" & co", 2_000, "2025-07-01", party: party));

        var (response, xml) = await GetAsync($"/api/feed.atom?party={party}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);

        var feed = FeedReader.ReadFromString(xml);
        Assert.Equal(FeedType.Atom, feed.Type);
        Assert.Equal(2, feed.Items.Count);
        var first = (AtomFeedItem)feed.Items[0].SpecificItem;
        Assert.Equal("General Staff <of> \"Ukraine\" & co", first.Author.Name);
        Assert.Equal("about 2000 were killed", first.Summary);
        Assert.Contains("about 2000 were killed", first.Content);
        Assert.Contains("General Staff <of> \"Ukraine\" & co", feed.Items[0].Title);
        Assert.EndsWith($"/api/statements/{newer}", feed.Items[0].Link);
        Assert.Contains(first.Links, l => l.Relation == "related" && l.Href == "https://example.org/a" && l.Title == "Test outlet");
        Assert.Equal("Ministry of Defence", ((AtomFeedItem)feed.Items[1].SpecificItem).Author.Name);
        Assert.EndsWith($"/api/statements/{older}", feed.Items[1].Link);

        // The permalink answers the statement.
        var (status, statement) = await app.Host.GetAsync(new Uri(feed.Items[0].Link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(newer, statement.GetProperty("id").GetGuid());

        RequiredByRfc4287(XDocument.Parse(xml));
    }

    /// <summary>RFC 4287 §4.1.1–4.1.2: the feed's and each entry's id, title, updated once each; an author for each entry; content or an alternate link.</summary>
    static void RequiredByRfc4287(XDocument doc)
    {
        var feed = doc.Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        foreach (var name in new[] { "id", "title", "updated" }) Assert.Single(feed.Elements(Atom + name));
        Assert.True(Uri.IsWellFormedUriString(feed.Element(Atom + "id")!.Value, UriKind.Absolute));
        Rfc3339(feed.Element(Atom + "updated")!.Value);
        Assert.Single(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
        var feedHasAuthor = feed.Elements(Atom + "author").Any(a => a.Element(Atom + "name") is not null);
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            foreach (var name in new[] { "id", "title", "updated" }) Assert.Single(entry.Elements(Atom + name));
            Assert.True(Uri.IsWellFormedUriString(entry.Element(Atom + "id")!.Value, UriKind.Absolute));
            Rfc3339(entry.Element(Atom + "updated")!.Value);
            Assert.True(feedHasAuthor || entry.Elements(Atom + "author").Any(a => a.Element(Atom + "name") is not null));
            Assert.True(entry.Element(Atom + "content") is not null || entry.Elements(Atom + "link").Any(l => (string?)l.Attribute("rel") is null or "alternate"));
            Assert.True(entry.Elements(Atom + "link").Count(l => (string?)l.Attribute("rel") == "alternate") <= 1);
        }
        Assert.Equal(entries.Count, entries.Select(e => e.Element(Atom + "id")!.Value).Distinct().Count());
    }

    static void Rfc3339(string value) =>
        Assert.True(DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _), value);

    [Fact]
    public async Task the_json_feed_is_json_feed_1_1_with_every_field()
    {
        var party = Api.UniqueParty();
        var id = await app.Host.RecordedAsync(Api.Figure("Ministry of Defence", 3_000, party: party));

        var (response, text) = await GetAsync($"/api/feed.json?party={party}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/feed+json", response.Content.Headers.ContentType?.MediaType);
        var feed = JsonDocument.Parse(text).RootElement;
        Assert.Equal("https://jsonfeed.org/version/1.1", feed.GetProperty("version").GetString());
        Assert.False(string.IsNullOrEmpty(feed.GetProperty("title").GetString()));
        Assert.EndsWith($"/api/feed.json?party={party}", feed.GetProperty("feed_url").GetString());
        var item = Assert.Single(feed.GetProperty("items").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(item.GetProperty("id").GetString()));
        Assert.Contains("about 3000 were killed", item.GetProperty("content_text").GetString());
        Assert.EndsWith($"/api/statements/{id}", item.GetProperty("url").GetString());
        Assert.Equal("https://example.org/a", item.GetProperty("external_url").GetString());
        Assert.Equal("Ministry of Defence", item.GetProperty("authors")[0].GetProperty("name").GetString());
        Rfc3339(item.GetProperty("date_published").GetString()!);
        Assert.Equal(3_000, item.GetProperty("_timeline").GetProperty("figure").GetProperty("value").GetInt64());

        // The independent reader takes it as a JSON Feed too.
        var read = FeedReader.ReadFromString(text);
        Assert.Equal(FeedType.JsonFeed, read.Type);
        Assert.EndsWith($"/api/statements/{id}", Assert.Single(read.Items).Link);
    }

    [Fact]
    public async Task the_filters_are_the_subscription_endpoints_and_bad_ones_are_named()
    {
        var party = Api.UniqueParty();
        var first = await app.Host.RecordedAsync(Api.Figure("Ministry of Defence", 1_000, "2025-06-01", party: party));
        var doubled = await app.Host.RecordedAsync(Api.Figure("Ministry of Defence", 2_000, "2025-07-01", party: party));
        var other = await app.Host.RecordedAsync(Api.Figure("General Staff", 1_000, "2025-07-02", party: party, measure: "wounded"));

        async Task<List<string>> Links(string query) =>
            FeedReader.ReadFromString((await GetAsync("/api/feed.atom?" + query)).Body).Items.Select(i => i.Link[(i.Link.LastIndexOf('/') + 1)..]).ToList();

        Assert.Equal([other, doubled, first], (await Links($"party={party}")).Select(Guid.Parse));
        Assert.Equal([doubled, first], (await Links($"party={party}&measure=killed")).Select(Guid.Parse));
        Assert.Equal([other], (await Links($"party={party}&statedBy=general%20staff")).Select(Guid.Parse));
        Assert.Equal([doubled], (await Links($"party={party}&limit=1&measure=killed")).Select(Guid.Parse));
        // An estimate moving 50 % or more: only the figure that doubled the ministry's.
        Assert.Equal([doubled], (await Links($"series={party}-military-killed&minChange=0.5")).Select(Guid.Parse));
        Assert.Empty(await Links($"party={party}&kind=position"));

        foreach (var (query, field) in new[] { ("kind=rumour", "kind"), ("minChange=-1", "minChange"), ("limit=0", "limit"), ("measure=eaten", "measure"), ("series=x", "series") })
        {
            var (response, body) = await GetAsync("/api/feed.atom?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{query} → {body}");
        }
    }

    [Fact]
    public async Task an_unchanged_feed_answers_304_to_its_etag_and_a_new_statement_changes_it()
    {
        var party = Api.UniqueParty();
        await app.Host.RecordedAsync(Api.Figure("Ministry of Defence", 1_000, party: party));
        foreach (var url in new[] { $"/api/feed.atom?party={party}", $"/api/feed.json?party={party}" })
        {
            var (first, _) = await GetAsync(url);
            var etag = first.Headers.ETag?.ToString();
            Assert.False(string.IsNullOrEmpty(etag));
            var (again, body) = await GetAsync(url, etag);
            Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
            Assert.Empty(body);
        }
        var (atom, _) = await GetAsync($"/api/feed.atom?party={party}");
        await app.Host.RecordedAsync(Api.Figure("Ministry of Defence", 1_500, "2025-06-02", party: party));
        var (changed, changedBody) = await GetAsync($"/api/feed.atom?party={party}", atom.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(atom.Headers.ETag, changed.Headers.ETag);
        Assert.Equal(2, FeedReader.ReadFromString(changedBody).Items.Count);
    }
}

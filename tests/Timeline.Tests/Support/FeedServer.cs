// An outlet the tests run: Kestrel on a loopback address, serving what each test puts at a path
// (a feed, an article page, a redirect, an endless body) with an ETag and 304 for what has not
// changed, and keeping every request it got.
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Timeline.Tests.Support;

public sealed record FeedRequest(DateTimeOffset At, string Path, string? IfNoneMatch);

// What a path answers: a body, or a status, with any headers; StreamBytes streams that many bytes instead.
public sealed record Served(string Body = "", string ContentType = "text/html; charset=utf-8", int Status = 200,
    IReadOnlyDictionary<string, string>? Headers = null, long StreamBytes = 0);

public sealed class FeedServer : IAsyncDisposable
{
    readonly ConcurrentDictionary<string, Served> _paths = new();
    readonly ConcurrentQueue<FeedRequest> _requests = new();
    readonly WebApplication _app;

    public string BaseUrl { get; }
    public int Port { get; }

    FeedServer(string address, int port)
    {
        Port = port;
        BaseUrl = $"http://{address}:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(BaseUrl);
        _app = builder.Build();
        _app.MapGet("/{**path}", Answer);
    }

    public static async Task<FeedServer> StartAsync(string address = "127.0.0.1")
    {
        var server = new FeedServer(address, Ports.Free());
        await server._app.StartAsync();
        return server;
    }

    public string Url(string path) => $"{BaseUrl}{path}";

    public void Serve(string path, Served served) => _paths[path] = served;

    public void Serve(string path, string body, string contentType) => Serve(path, new Served(body, contentType));

    public IReadOnlyList<FeedRequest> Requests(string path) => _requests.Where(r => r.Path == path).ToList();

    async Task Answer(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        var ifNoneMatch = http.Request.Headers.IfNoneMatch.ToString();
        _requests.Enqueue(new FeedRequest(DateTimeOffset.UtcNow, path, ifNoneMatch.Length == 0 ? null : ifNoneMatch));
        if (!_paths.TryGetValue(path, out var served)) { http.Response.StatusCode = 404; return; }
        foreach (var (name, value) in served.Headers ?? new Dictionary<string, string>()) http.Response.Headers[name] = value;
        http.Response.StatusCode = served.Status;
        if (served.Status != 200) return;
        http.Response.ContentType = served.ContentType;
        if (served.StreamBytes > 0)
        {
            var chunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
            try
            {
                for (long sent = 0; sent < served.StreamBytes; sent += chunk.Length)
                    await http.Response.Body.WriteAsync(chunk, http.RequestAborted);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException) { }
            return;
        }
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(served.Body)))[..16]}\"";
        http.Response.Headers.ETag = etag;
        if (ifNoneMatch == etag) { http.Response.StatusCode = (int)HttpStatusCode.NotModified; return; }
        await http.Response.WriteAsync(served.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

// Feeds written the way outlets write them, one item per article.
public static class FeedBodies
{
    public sealed record Item(string Id, string Title, string? Link, string? Content, DateTimeOffset Published);

    static string X(string s) => System.Security.SecurityElement.Escape(s);

    // RSS 2.0: the article in content:encoded when given, else only a description and the link.
    public static string Rss(string title, params Item[] items) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
          <channel><title>{X(title)}</title><link>https://outlet.example/</link><description>news</description>
          {string.Concat(items.Select(i => $"""
            <item><guid isPermaLink="false">{X(i.Id)}</guid><title>{X(i.Title)}</title>{(i.Link is null ? "" : $"<link>{X(i.Link)}</link>")}
              <description>A short summary.</description><pubDate>{i.Published.ToString("R")}</pubDate>
              {(i.Content is null ? "" : $"<content:encoded>{X(i.Content)}</content:encoded>")}</item>
            """))}
          </channel>
        </rss>
        """;

    public static string Atom(string title, params Item[] items) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>{X(title)}</title><id>urn:uuid:{Guid.NewGuid()}</id><updated>{DateTimeOffset.UtcNow:O}</updated>
          {string.Concat(items.Select(i => $"""
            <entry><id>{X(i.Id)}</id><title>{X(i.Title)}</title>{(i.Link is null ? "" : $"<link rel=\"alternate\" href=\"{X(i.Link)}\"/>")}
              <updated>{i.Published:O}</updated><published>{i.Published:O}</published>
              {(i.Content is null ? "<summary>A short summary.</summary>" : $"<content type=\"html\">{X(i.Content)}</content>")}</entry>
            """))}
        </feed>
        """;

    public static string Json(string title, params Item[] items) => new System.Text.Json.Nodes.JsonObject
    {
        ["version"] = "https://jsonfeed.org/version/1.1",
        ["title"] = title,
        ["items"] = new System.Text.Json.Nodes.JsonArray(items.Select(i =>
        {
            var o = new System.Text.Json.Nodes.JsonObject { ["id"] = i.Id, ["title"] = i.Title, ["date_published"] = i.Published.ToString("O") };
            if (i.Link is not null) o["url"] = i.Link;
            if (i.Content is not null) o["content_html"] = i.Content;
            return (System.Text.Json.Nodes.JsonNode)o;
        }).ToArray()),
    }.ToJsonString();

    // An article page as outlets publish it: navigation around the story, the story in an article element.
    public static string Page(string headline, string paragraph) =>
        $"""
        <!doctype html><html><head><title>{X(headline)}</title></head><body>
        <nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <article><h1>{X(headline)}</h1><p>{X(paragraph)}</p><p>The ministry repeated the figure in its evening briefing, adding that the count was still being verified by regional officials.</p></article>
        <footer>© Outlet</footer></body></html>
        """;
}

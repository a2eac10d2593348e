// A feed's items, read by maintained parsers: RSS 2.0 and Atom 1.0 by System.ServiceModel.Syndication
// over an XmlReader that refuses DTDs (so no external entity or entity expansion is ever read), JSON
// Feed 1.x by System.Text.Json with a bounded depth. The body is already bounded by the fetch.
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace Timeline.Outlets;

// One item: its id (guid, else link), and the content it carries, as HTML or as text, if any.
public sealed record FeedEntry(string Id, string? Title, string? Link, DateTimeOffset? Published, string? Html, string? Text);

public sealed record ParsedFeed(string? Title, IReadOnlyList<FeedEntry> Entries);

public sealed class FeedUnreadableException(string message) : Exception(message);

public static class FeedParser
{
    const string ContentModule = "http://purl.org/rss/1.0/modules/content/";

    public static ParsedFeed Parse(byte[] body, string? contentType)
    {
        var first = body.AsSpan().TrimStart("\uFEFF"u8).TrimStart(" \t\r\n"u8);
        return contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true || first.StartsWith("{"u8)
            ? Json(body)
            : Xml(body);
    }

    static ParsedFeed Xml(byte[] body)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            IgnoreProcessingInstructions = true,
            IgnoreComments = true,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), settings);
            reader.MoveToContent();
            var rss = reader.LocalName == "rss";
            var feed = SyndicationFeed.Load(reader);
            var entries = feed.Items.Select(i => Entry(i, rss)).OfType<FeedEntry>().ToList();
            return new ParsedFeed(feed.Title?.Text, entries);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new FeedUnreadableException("the feed declares a DTD, which is refused (no document type or entity is read)");
        }
        catch (Exception e) when (e is XmlException or FormatException or InvalidOperationException)
        {
            throw new FeedUnreadableException($"not an RSS 2.0, Atom 1.0 or JSON Feed document ({e.Message})");
        }
    }

    static FeedEntry? Entry(SyndicationItem item, bool rss)
    {
        var link = (item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate") ?? item.Links.FirstOrDefault())?.GetAbsoluteUri()?.AbsoluteUri;
        var id = string.IsNullOrWhiteSpace(item.Id) ? link : item.Id.Trim();
        if (id is null) return null;
        string? html = null, text = null;
        if (rss)
        {
            // RSS carries the article in content:encoded; its description is a summary, the article only when there is no link to fetch.
            html = item.ElementExtensions.Where(e => e.OuterName == "encoded" && e.OuterNamespace == ContentModule)
                .Select(e => { using var r = e.GetReader(); return r.ReadElementContentAsString(); })
                .FirstOrDefault(h => !string.IsNullOrWhiteSpace(h));
            if (html is null && link is null && item.Summary is { Text.Length: > 0 } description) html = description.Text;
        }
        else if (item.Content is TextSyndicationContent c && !string.IsNullOrWhiteSpace(c.Text))
        {
            if (c.Type is "text") text = c.Text; else html = c.Text;
        }
        var published = item.PublishDate != default ? item.PublishDate : item.LastUpdatedTime != default ? item.LastUpdatedTime : (DateTimeOffset?)null;
        return new FeedEntry(id, item.Title?.Text, link, published, html, text);
    }

    static ParsedFeed Json(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || String(root, "version") is not { } version
                || !version.StartsWith("https://jsonfeed.org/version/", StringComparison.Ordinal))
                throw new FeedUnreadableException("not a JSON Feed (no 'version' naming https://jsonfeed.org/version/…)");
            var entries = new List<FeedEntry>();
            if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
                foreach (var item in items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
                {
                    var link = String(item, "url") ?? String(item, "external_url");
                    var id = String(item, "id") ?? link;
                    if (id is null) continue;
                    var published = DateTimeOffset.TryParse(String(item, "date_published"), System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.AssumeUniversal, out var p) ? p : (DateTimeOffset?)null;
                    entries.Add(new FeedEntry(id, String(item, "title"), link, published, String(item, "content_html"), String(item, "content_text")));
                }
            return new ParsedFeed(String(root, "title"), entries);
        }
        catch (JsonException e)
        {
            throw new FeedUnreadableException($"not a JSON Feed document ({e.Message})");
        }
    }

    // JSON Feed ids may be numbers in the wild; the spec says strings, we take either.
    static string? String(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    // A fetched page's text in the charset it declares (UTF-8 when it declares none, or one we do not know).
    public static string Decode(byte[] body, string? contentType)
    {
        var charset = contentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var m) ? m.CharSet?.Trim('"') : null;
        var encoding = Encoding.UTF8;
        if (charset is not null) try { encoding = Encoding.GetEncoding(charset); } catch (ArgumentException) { }
        return encoding.GetString(body);
    }
}

// GET /api/feed.atom (Atom, RFC 4287) and GET /api/feed.json (JSON Feed 1.1): the recorded
// statements for feed readers, newest first, with the filters of /api/subscribe. One entry per
// recording event (reported, held, stated, corrected, retracted), carrying the quote, the speaker,
// the source's link and Timeline's permalink. ETag and 304 come from the caching by basis. A
// request reads at most ScanEvents events back (ScanAlertEvents with alert conditions, each of
// whose figure events is derived), so a narrow filter answers short rather than reading the log.
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Timeline.Estimates;
using Timeline.EventLog;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Feed;

public static class FeedsOut
{
    public const int ScanEvents = 2000;
    public const int ScanAlertEvents = 500;
    static readonly Type[] Recording = [typeof(FigureReported), typeof(NegotiationDayHeld), typeof(PositionStated), typeof(StatementCorrected), typeof(StatementRetracted)];
    const string AtomNs = "http://www.w3.org/2005/Atom";

    public static IEndpointRouteBuilder MapFeedsOut(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Feeds");
        api.MapGet("/feed.atom", Atom)
            .CacheableByBasis()
            .Produces(StatusCodes.Status200OK, contentType: "application/atom+xml")
            .ProducesValidationProblem()
            .WithSummary("Recorded statements as an Atom feed, newest first; the filters of /api/subscribe (kind, party, measure, statedBy; series, minChange, newHigh, newLow, newSource)");
        api.MapGet("/feed.json", Json)
            .CacheableByBasis()
            .Produces(StatusCodes.Status200OK, contentType: "application/feed+json")
            .ProducesValidationProblem()
            .WithSummary("Recorded statements as a JSON Feed 1.1, newest first; the filters of /api/subscribe");
        return app;
    }

    // One entry: the event, and the statement as it stands.
    public sealed record Entry(FeedEvent Event, Statement Statement);

    public static async Task<IResult> Atom(HttpContext http, string? kind, string? party, string? measure, string? statedBy,
        string? series, double? minChange, bool? newHigh, bool? newLow, bool? newSource, int? limit,
        IDocumentStore store, AlertFeed alerts, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (entries, problem) = await ReadAsync(kind, party, measure, statedBy, series, minChange, newHigh, newLow, newSource, limit, store, alerts, json, ct);
        if (problem is not null) return problem;
        var baseUrl = BaseUrl(http);
        var self = baseUrl + http.Request.Path + http.Request.QueryString;
        using var buffer = new MemoryStream();
        await using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = false }))
        {
            await xml.WriteStartDocumentAsync();
            xml.WriteStartElement("feed", AtomNs);
            xml.WriteElementString("id", AtomNs, self);
            xml.WriteElementString("title", AtomNs, "Timeline: recorded statements" + Described(kind, party, measure, statedBy, series));
            xml.WriteElementString("updated", AtomNs, Rfc3339(entries.Count > 0 ? entries[0].Event.RecordedAt : DateTimeOffset.UnixEpoch));
            Link(xml, "self", self, "application/atom+xml");
            Link(xml, "alternate", baseUrl + "/", "text/html");
            xml.WriteStartElement("author", AtomNs);
            xml.WriteElementString("name", AtomNs, "Timeline");
            xml.WriteEndElement();
            xml.WriteStartElement("generator", AtomNs);
            xml.WriteString("Timeline");
            xml.WriteEndElement();
            foreach (var (e, s) in entries)
            {
                xml.WriteStartElement("entry", AtomNs);
                xml.WriteElementString("id", AtomNs, $"urn:uuid:{e.Id}");
                xml.WriteElementString("title", AtomNs, Clean(Title(e, s)));
                xml.WriteElementString("updated", AtomNs, Rfc3339(e.RecordedAt));
                xml.WriteElementString("published", AtomNs, Rfc3339(e.RecordedAt));
                xml.WriteStartElement("author", AtomNs);
                xml.WriteElementString("name", AtomNs, Clean(s.StatedBy));
                xml.WriteEndElement();
                Link(xml, "alternate", Permalink(baseUrl, s), "application/json");
                if (s.Source.Url is { } url) Link(xml, "related", url, null, Clean(s.Source.Title));
                xml.WriteStartElement("category", AtomNs);
                xml.WriteAttributeString("term", Vocabulary.Name(s.Kind));
                xml.WriteEndElement();
                foreach (var p in e.Parties)
                {
                    xml.WriteStartElement("category", AtomNs);
                    xml.WriteAttributeString("term", Clean(p));
                    xml.WriteAttributeString("scheme", baseUrl + "/api/estimates?party=");
                    xml.WriteEndElement();
                }
                xml.WriteStartElement("summary", AtomNs);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(Clean(s.Quote));
                xml.WriteEndElement();
                xml.WriteStartElement("content", AtomNs);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(Clean(Content(e, s)));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            await xml.WriteEndDocumentAsync();
        }
        return Results.Bytes(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    }

    public static async Task<IResult> Json(HttpContext http, string? kind, string? party, string? measure, string? statedBy,
        string? series, double? minChange, bool? newHigh, bool? newLow, bool? newSource, int? limit,
        IDocumentStore store, AlertFeed alerts, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var (entries, problem) = await ReadAsync(kind, party, measure, statedBy, series, minChange, newHigh, newLow, newSource, limit, store, alerts, json, ct);
        if (problem is not null) return problem;
        var baseUrl = BaseUrl(http);
        var feed = new JsonFeed(
            "https://jsonfeed.org/version/1.1",
            "Timeline: recorded statements" + Described(kind, party, measure, statedBy, series),
            baseUrl + "/",
            baseUrl + http.Request.Path + http.Request.QueryString,
            "Who said what, when, about the war in Ukraine: each statement with its exact quote and its source.",
            [new JsonFeedAuthor("Timeline")],
            entries.Select(x => new JsonFeedItem(
                $"urn:uuid:{x.Event.Id}", Permalink(baseUrl, x.Statement), x.Statement.Source.Url, Title(x.Event, x.Statement),
                Content(x.Event, x.Statement), x.Statement.Quote, Rfc3339(x.Event.RecordedAt), Rfc3339(x.Event.RecordedAt),
                [new JsonFeedAuthor(x.Statement.StatedBy)], [Vocabulary.Name(x.Statement.Kind), .. x.Event.Parties],
                new TimelineExtension(x.Statement.Id, x.Event.Sequence, x.Event.EventName, x.Statement.StatedBy, x.Event.StatedOn,
                    x.Statement.Quote, x.Statement.Source, x.Statement.Figure))).ToList());
        return Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(feed, json.Value.SerializerOptions), "application/feed+json; charset=utf-8");
    }

    public sealed record JsonFeed(
        string Version, string Title, [property: JsonPropertyName("home_page_url")] string HomePageUrl, [property: JsonPropertyName("feed_url")] string FeedUrl,
        string Description, IReadOnlyList<JsonFeedAuthor> Authors, IReadOnlyList<JsonFeedItem> Items);

    public sealed record JsonFeedAuthor(string Name);

    public sealed record JsonFeedItem(
        string Id, string Url, [property: JsonPropertyName("external_url")] string? ExternalUrl, string Title,
        [property: JsonPropertyName("content_text")] string ContentText, string Summary,
        [property: JsonPropertyName("date_published")] string DatePublished, [property: JsonPropertyName("date_modified")] string DateModified,
        IReadOnlyList<JsonFeedAuthor> Authors, IReadOnlyList<string> Tags,
        // JSON Feed's extension point (a key starting with an underscore): the statement's fields as Timeline keeps them.
        [property: JsonPropertyName("_timeline")] TimelineExtension Timeline);

    public sealed record TimelineExtension(Guid StatementId, long Sequence, string Event, string StatedBy, DateOnly StatedOn, string Quote, Source Source, Figure? Figure);

    // The entries newest first, or the problem naming each bad parameter.
    static async Task<(IReadOnlyList<Entry> Entries, IResult? Problem)> ReadAsync(string? kind, string? party, string? measure, string? statedBy,
        string? series, double? minChange, bool? newHigh, bool? newLow, bool? newSource, int? limit,
        IDocumentStore store, AlertFeed alerts, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var filter = FeedFilter.Parse(kind, party, measure, statedBy, errors);
        var conditions = AlertFeed.Parse(series, party, measure, minChange, newHigh, newLow, newSource, errors);
        var take = Fields.Limit(limit, 50, 200, errors);
        if (errors.Any) return ([], Problems.Validation(errors));

        var entries = new List<Entry>();
        var scan = conditions is null ? ScanEvents : ScanAlertEvents;
        // Only the events that make entries are read (an archived article's event carries its whole text), a stretch of the log at a time.
        var recording = store.Options.Events.AllKnownEventTypes().Where(t => Recording.Contains(t.EventType)).Select(t => t.EventTypeName).ToArray();
        await using var session = store.QuerySession();
        var before = await LogTables.HighWaterMarkAsync(session, ct) + 1;
        for (var scanned = 0; entries.Count < take && scanned < scan && before > 1;)
        {
            var stretch = Math.Min(200, scan - scanned);
            var (upTo, from) = (before, before - stretch);
            var events = await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence < upTo && e.Sequence >= from && recording.Contains(e.EventTypeName))
                .OrderByDescending(e => e.Sequence).ToListAsync(ct);
            scanned += stretch;
            before = upTo - stretch;
            var statements = (await session.LoadManyAsync<Statement>(ct, events.Select(e => e.StreamId).Distinct().ToArray())).ToDictionary(s => s.Id);
            foreach (var raw in events)
            {
                if (entries.Count == take) break;
                if (FeedEvent.From(raw, statements.GetValueOrDefault(raw.StreamId), json.Value.SerializerOptions) is not { } e) continue;
                if (!e.Matches(filter!)) continue;
                if (conditions is not null && !(await alerts.ChangesAsync(e, ct)).Any(conditions.Matches)) continue;
                entries.Add(new Entry(e, statements[raw.StreamId]));
            }
        }
        return (entries, null);
    }

    static string Title(FeedEvent e, Statement s)
    {
        var what = e.EventName switch { "statement-corrected" => "Corrected: ", "statement-retracted" => "Retracted: ", _ => "" };
        var quote = s.Quote.Length <= 160 ? s.Quote : s.Quote[..157].TrimEnd() + "…";
        return $"{what}{s.StatedBy}: “{quote}”";
    }

    // The quote, who said it when, and where it was published, as plain text.
    static string Content(FeedEvent e, Statement s)
    {
        var text = new StringBuilder();
        text.Append('“').Append(s.Quote).Append("”\n— ").Append(s.StatedBy).Append(", ").Append(e.StatedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        text.Append("\nSource: ").Append(s.Source.Title);
        if (s.Source.Publisher is { } publisher) text.Append(" (").Append(publisher).Append(')');
        if (s.Source.Url is { } url) text.Append(' ').Append(url);
        if (e.EventName is "statement-corrected" or "statement-retracted")
            text.Append('\n').Append(e.EventName == "statement-corrected" ? "Corrected" : "Retracted").Append(" on ").Append(e.StatedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    static string Described(string? kind, string? party, string? measure, string? statedBy, string? series)
    {
        var parts = new[] { kind, party, measure, statedBy, series }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).ToList();
        return parts.Count == 0 ? "" : $" ({Clean(string.Join(", ", parts))})";
    }

    static string Permalink(string baseUrl, Statement s) => $"{baseUrl}/api/statements/{s.Id}";

    static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    static void Link(XmlWriter xml, string rel, string href, string? type, string? title = null)
    {
        xml.WriteStartElement("link", AtomNs);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("href", href);
        if (type is not null) xml.WriteAttributeString("type", type);
        if (title is not null) xml.WriteAttributeString("title", title);
        xml.WriteEndElement();
    }

    // Characters XML 1.0 cannot carry (a lone surrogate, say) become U+FFFD rather than failing the feed.
    static string Clean(string text)
    {
        if (text.All(XmlConvert.IsXmlChar)) return text;
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { clean.Append(c).Append(text[++i]); continue; }
            clean.Append(XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
        }
        return clean.ToString();
    }
}

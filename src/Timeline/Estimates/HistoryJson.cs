// A history page written straight from its facts with one Utf8JsonWriter: the same bytes the serializer
// wrote from HistoryAnswer (a test compares them), without a HistoryEntry or FigureEntry per entry.
// Each standing figure is written once and its bytes reused: the figure after one entry is, most of
// the time, the figure before that source's next one, and its quote and source are most of the answer.
using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Estimates;

public sealed class HistoryJson(Series series, long basis, IReadOnlyList<HistoryJson.Entry> entries, string? nextCursor) : IResult, IEndpointMetadataProvider
{
    // A listed fact, with the source's figure (standing fact, report sequence) just before and just after it.
    public readonly record struct Entry(Fact Fact, (Fact Fact, long ReportSeq)? Previous, (Fact Fact, long ReportSeq)? After);

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(HistoryAnswer), ["application/json"]));

    public async Task ExecuteAsync(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        Write(http.Response.BodyWriter, options);
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }

    // The API's encoder decides escaping, as it does for every other answer.
    public void Write(IBufferWriter<byte> output, JsonSerializerOptions options)
    {
        var writerOptions = new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented };
        using var json = new Utf8JsonWriter(output, writerOptions);
        var figures = new Dictionary<(Guid, long), byte[]>();
        var scratch = new ArrayBufferWriter<byte>(1024);
        using var figureJson = new Utf8JsonWriter(scratch, writerOptions);

        json.WriteStartObject();
        json.WritePropertyName("series");
        WriteSeries(json, series);
        json.WriteNumber("basis", basis);
        json.WriteStartArray("entries");
        foreach (var (f, previous, after) in entries)
        {
            json.WriteStartObject();
            json.WriteString("statementId", f.StatementId);
            Date(json, "statedOn", f.StatedOn);
            json.WriteString("statedBy", f.StatedBy);
            json.WriteString("change", Names<Change>.Of[f.Change]);
            WriteValues(json, f);
            Figure("previous", previous);
            Figure("after", after);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (nextCursor is null) json.WriteNull("nextCursor"); else json.WriteString("nextCursor", nextCursor);
        json.WriteEndObject();

        void Figure(string name, (Fact Fact, long ReportSeq)? figure)
        {
            if (figure is not { } s) return;
            if (!figures.TryGetValue((s.Fact.EventId, s.ReportSeq), out var bytes))
            {
                scratch.ResetWrittenCount();
                figureJson.Reset();
                WriteFigure(figureJson, s.Fact, s.ReportSeq);
                figureJson.Flush();
                figures[(s.Fact.EventId, s.ReportSeq)] = bytes = scratch.WrittenSpan.ToArray();
            }
            json.WritePropertyName(name);
            json.WriteRawValue(bytes, skipInputValidation: true);
        }
    }

    // As FigureEntry serialises (EstimateCalculator.Entry): the statement's date, its values as they stand.
    static void WriteFigure(Utf8JsonWriter json, Fact f, long reportSeq)
    {
        json.WriteStartObject();
        json.WriteString("statementId", f.StatementId);
        Date(json, "statedOn", f.StatementStatedOn);
        json.WriteString("statedBy", f.StatedBy);
        if (f.Attribution is { } a) json.WriteString("attribution", Names<Attribution>.Of[a]);
        WriteValues(json, f);
        json.WriteString("quote", f.Quote);
        json.WriteStartObject("source");
        json.WriteString("title", f.Source.Title);
        if (f.Source.Url is { } url) json.WriteString("url", url);
        if (f.Source.Publisher is { } publisher) json.WriteString("publisher", publisher);
        if (f.Source.PublishedOn is { } published) Date(json, "publishedOn", published);
        json.WriteEndObject();
        if (f.Change == Change.Corrected) Date(json, "correctedOn", f.StatedOn);
        json.WriteNumber("sequence", reportSeq);
        json.WriteEndObject();
    }

    static void WriteValues(Utf8JsonWriter json, Fact f)
    {
        if (f.Value is { } value) json.WriteNumber("value", value);
        if (f.Low is { } low) json.WriteNumber("low", low);
        if (f.High is { } high) json.WriteNumber("high", high);
        if (f.Qualifier is { } q) json.WriteString("qualifier", Names<Qualifier>.Of[q]);
        if (f.Qualitative is { } text) json.WriteString("qualitative", text);
    }

    static void WriteSeries(Utf8JsonWriter json, Series s)
    {
        json.WriteStartObject();
        json.WriteString("id", s.Id);
        json.WriteString("label", s.Label);
        json.WriteString("party", s.Party);
        json.WriteString("group", Names<Group>.Of[s.Group]);
        json.WriteString("measure", Names<Measure>.Of[s.Measure]);
        json.WriteStartObject("period");
        Date(json, "from", s.Period.From);
        if (s.Period.To is { } to) Date(json, "to", to);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    static void Date(Utf8JsonWriter json, string name, DateOnly d)
    {
        Span<char> text = stackalloc char[10];
        d.TryFormat(text, out var length, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        json.WriteString(name, text[..length]);
    }

    // The vocabulary's names, encoded once.
    static class Names<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, JsonEncodedText> Of = Enum.GetValues<T>().ToDictionary(v => v, v => JsonEncodedText.Encode(Vocabulary.Name(v)));
    }
}

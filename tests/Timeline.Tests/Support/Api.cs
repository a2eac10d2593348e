// The test DSL: statements to record and the calls that record them.
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;

namespace Timeline.Tests.Support;

public static class Api
{
    /// <summary>A name no other test uses, so each test's statements are its own.</summary>
    public static string Unique(string name = "Source") => $"{name} {Guid.NewGuid():N}";

    /// <summary>A party slug no other test uses, so each test's series are its own.</summary>
    public static string UniqueParty() => "p-" + string.Concat(Guid.NewGuid().ToString("N").Select(c => (char)('a' + c % 26)))[..16];

    public static JsonObject Figure(string statedBy, long value = 1000, string statedOn = "2025-06-01", string party = "ukraine",
        string measure = "killed", string qualifier = "approximately", string sourceTitle = "Test outlet") => new()
    {
        ["kind"] = "figure",
        ["statedOn"] = statedOn,
        ["statedBy"] = statedBy,
        ["quote"] = $"about {value} were killed",
        ["source"] = new JsonObject { ["title"] = sourceTitle, ["url"] = "https://example.org/a", ["publishedOn"] = statedOn },
        ["figure"] = new JsonObject
        {
            ["party"] = party, ["group"] = "military", ["measure"] = measure, ["value"] = value, ["qualifier"] = qualifier,
            ["period"] = new JsonObject { ["from"] = "2022-02-24" }, ["attribution"] = "own-side",
        },
    };

    /// <summary>A day of talks of their own (unique name), so no test adds days to another's talks, nor to the seed's.</summary>
    public static JsonObject NegotiationDay(string statedBy) => new()
    {
        ["kind"] = "negotiation-day",
        ["statedOn"] = "2026-02-23",
        ["statedBy"] = statedBy,
        ["quote"] = "a \"productive\" first day of discussions",
        ["source"] = new JsonObject { ["title"] = "Test outlet", ["publishedOn"] = "2026-02-23" },
        ["negotiation"] = new JsonObject
        {
            ["talks"] = Unique("Abu Dhabi ceasefire talks"), ["venue"] = "Abu Dhabi", ["day"] = 1,
            ["parties"] = new JsonArray("ukraine", "russia"),
            ["delegates"] = new JsonArray(new JsonObject { ["name"] = "Rustem Umerov", ["party"] = "ukraine", ["role"] = "lead negotiator" }),
            ["assessments"] = new JsonArray(new JsonObject { ["by"] = "Rustem Umerov", ["said"] = "productive" }),
            ["openIssues"] = new JsonArray("territory Kyiv still controls", "the Zaporizhzhia nuclear power plant"),
        },
    };

    public static JsonObject Position(string statedBy) => new()
    {
        ["kind"] = "position",
        ["statedOn"] = "2026-02-23",
        ["statedBy"] = statedBy,
        ["quote"] = "Russia will continue fighting until Kyiv makes the necessary \"decisions\"",
        ["source"] = new JsonObject { ["title"] = "Test outlet", ["publishedOn"] = "2026-02-23" },
        ["position"] = new JsonObject { ["party"] = "russia", ["summary"] = "Russia will fight on until Kyiv decides." },
    };

    public static JsonObject Range(this JsonObject statement, long low, long high)
    {
        var f = statement["figure"]!.AsObject();
        f.Remove("value");
        f.Remove("qualifier");
        f["low"] = low;
        f["high"] = high;
        return statement;
    }

    public static JsonObject Period(this JsonObject statement, string from, string? to)
    {
        statement["figure"]!["period"] = new JsonObject { ["from"] = from, ["to"] = to };
        return statement;
    }

    public static JsonObject Correction(long value, string statedOn, string party, string measure = "killed") => new()
    {
        ["statedOn"] = statedOn,
        ["reason"] = "revised",
        ["figure"] = new JsonObject
        {
            ["party"] = party, ["group"] = "military", ["measure"] = measure, ["value"] = value, ["qualifier"] = "approximately",
            ["attribution"] = "own-side",
        },
    };

    public static JsonObject Retraction(string statedOn) => new() { ["statedOn"] = statedOn, ["reason"] = "withdrawn" };

    public static JsonObject Clone(this JsonObject o) => JsonNode.Parse(o.ToJsonString())!.AsObject();

    /// <summary>POSTs a JSON body as written, with the writer's key unless told otherwise.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(
        this IAlbaHost host, string url, string body, string? key = AppFixture.WriterKey,
        string contentType = "application/json", IDictionary<string, string>? headers = null)
    {
        using var client = host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        if (key is not null) request.Headers.Authorization = new("Bearer", key);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, Parse(text), response);
    }

    public static Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(
        this IAlbaHost host, string url, JsonNode body, string? key = AppFixture.WriterKey, IDictionary<string, string>? headers = null) =>
        host.PostAsync(url, body.ToJsonString(), key, headers: headers);

    /// <summary>The body as JSON; a body that is not JSON comes back as a JSON string, so a test can show it.</summary>
    static JsonElement Parse(string text)
    {
        if (text.Length == 0) return default;
        try { return JsonDocument.Parse(text).RootElement.Clone(); }
        catch (JsonException) { return JsonSerializer.SerializeToElement(text); }
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(this IAlbaHost host, string url, string? key = null)
    {
        using var client = host.Server.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, Parse(text));
    }

    /// <summary>Records a statement that must be new; returns its id.</summary>
    public static async Task<Guid> RecordedAsync(this IAlbaHost host, JsonObject statement, string key = AppFixture.WriterKey)
    {
        var (status, body, _) = await host.PostAsync("/api/statements", statement, key);
        if (status != HttpStatusCode.Created) throw new Xunit.Sdk.XunitException($"expected 201, got {(int)status}: {body}");
        return body.GetProperty("id").GetGuid();
    }
}

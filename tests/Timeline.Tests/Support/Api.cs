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

    public static JsonObject Correction(long value, string statedOn, string party = "ukraine", string measure = "killed", string reason = "revised") => new()
    {
        ["statedOn"] = statedOn,
        ["reason"] = reason,
        ["figure"] = new JsonObject
        {
            ["party"] = party, ["group"] = "military", ["measure"] = measure, ["value"] = value, ["qualifier"] = "approximately",
            ["attribution"] = "own-side",
        },
    };

    public static JsonObject Retraction(string statedOn, string reason = "withdrawn") => new() { ["statedOn"] = statedOn, ["reason"] = reason };

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
    public static async Task<Guid> RecordedAsync(this IAlbaHost host, JsonObject statement, string key = AppFixture.WriterKey) =>
        (await host.Record(statement, key)).Id;

    /// <summary>Records a statement that must be new; returns the service's answer.</summary>
    public static async Task<Wire.Recorded> Record(this IAlbaHost host, JsonObject statement, string key = AppFixture.WriterKey) =>
        Expect<Wire.Recorded>(HttpStatusCode.Created, "POST /api/statements", await host.PostAsync("/api/statements", statement, key));

    /// <summary>A correction that must be recorded as a new revision.</summary>
    public static async Task<Wire.Revised> Correct(this IAlbaHost host, Guid id, JsonObject correction, string key = AppFixture.WriterKey) =>
        Expect<Wire.Revised>(HttpStatusCode.Created, $"correcting {id}", await host.PostAsync($"/api/statements/{id}/corrections", correction, key));

    /// <summary>A retraction that must be recorded as a new revision.</summary>
    public static async Task<Wire.Revised> Retract(this IAlbaHost host, Guid id, JsonObject retraction, string key = AppFixture.WriterKey) =>
        Expect<Wire.Revised>(HttpStatusCode.Created, $"retracting {id}", await host.PostAsync($"/api/statements/{id}/retractions", retraction, key));

    static T Expect<T>(HttpStatusCode expected, string what, (HttpStatusCode Status, JsonElement Body, HttpResponseMessage _) answer) =>
        answer.Status == expected ? answer.Body.As<T>()
            : throw new Xunit.Sdk.XunitException($"{what}: expected {(int)expected}, got {(int)answer.Status}: {answer.Body}");

    /// <summary>GETs a URL that must answer 200 and reads the answer as the given shape.</summary>
    public static async Task<T> Read<T>(this IAlbaHost host, string url, string? key = null)
    {
        var (status, body) = await host.GetAsync(url, key);
        if (status != HttpStatusCode.OK) throw new Xunit.Sdk.XunitException($"GET {url}: expected 200, got {(int)status}: {body}");
        return body.As<T>();
    }

    /// <summary>Archives an article that must be new; returns the service's answer.</summary>
    public static async Task<Wire.Archived> Archive(this IAlbaHost host, JsonObject article, string key = AppFixture.WriterKey) =>
        Expect<Wire.Archived>(HttpStatusCode.Created, "POST /api/articles", await host.PostAsync("/api/articles", article, key));

    public static Task<Wire.Article> Article(this IAlbaHost host, Guid id) => host.Read<Wire.Article>($"/api/articles/{id}");

    public static Task<Wire.Statement> Statement(this IAlbaHost host, Guid id) => host.Read<Wire.Statement>($"/api/statements/{id}");

    public static Task<Wire.Estimates> Estimates(this IAlbaHost host, string? party = null, string? asOf = null, string? knownAt = null,
        string? series = null, string? group = null, string? measure = null) =>
        host.Read<Wire.Estimates>("/api/estimates" + Query(("party", party), ("asOf", asOf), ("knownAt", knownAt), ("series", series), ("group", group), ("measure", measure)));

    public static Task<Wire.History> History(this IAlbaHost host, string seriesId, string? from = null, string? to = null, string? knownAt = null,
        int? limit = null, string? cursor = null) =>
        host.Read<Wire.History>($"/api/estimates/{seriesId}/history" + Query(("from", from), ("to", to), ("knownAt", knownAt), ("limit", limit?.ToString()), ("cursor", cursor)));

    public static Task<Wire.TimelinePage> Timeline(this IAlbaHost host, string query) => host.Read<Wire.TimelinePage>("/api/timeline?" + query);

    public static Task<Wire.Changes> Changes(this IAlbaHost host, string query) => host.Read<Wire.Changes>("/api/changes?" + query);

    static string Query(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }

    /// <summary>The contract of a 400: an RFC 9457 problem whose errors name the field.</summary>
    public static void NamesField(this JsonElement problem, string field, string? context = null) =>
        Xunit.Assert.True(problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _),
            $"{context}{(context is null ? "" : " → ")}no error named '{field}' in {problem}");
}

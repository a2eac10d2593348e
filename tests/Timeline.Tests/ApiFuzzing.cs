// An API fuzzer driven by the service's own OpenAPI document: for every operation it sends
// valid, schema-random and plainly invalid values for every parameter and body (NUL and other
// control characters, huge numbers, odd Unicode, wrong types, missing fields), and checks that
// no answer is a 5xx, every status is one the document lists for that operation, every problem
// is problem+json, and every JSON answer matches the schema the document gives for it.
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class FuzzedApp : AppFixture;

public sealed class ApiFuzzing(FuzzedApp app) : IClassFixture<FuzzedApp>
{
    sealed record Operation(string Method, string Path, JsonElement Spec);

    static readonly string[] Nasty =
    [
        "", " ", "\u0000", "a\u0000b", "\u0001\u0002", "\u007f", "\u0085", "💥", "\u202Eevil", "e\u0301", "ﷺ", "𝕏",
        new('x', 5000), "-1", "0", "99999999999999999999", "1e309", "NaN", "-9223372036854775808", "9223372036854775807",
        "2026-02-30", "2026-02-23", "1899-12-31", "9999-12-31", "2026-02-23T12:00:00Z", "2026-13-01T00:00:00Z",
        "'; drop table x; --", "%", "%00", "../../etc/passwd", "null", "true", "[]", "{}", "<script>alert(1)</script>",
        "ukraine", "russia", "killed", "wounded", "killed-or-wounded", "military", "figure", "position", "negotiation-day",
        "ukraine-military-killed", "abu-dhabi-ceasefire-talks", "00000000-0000-0000-0000-000000000000",
    ];

    [Fact]
    public async Task no_generated_request_gets_a_5xx_an_undocumented_status_or_an_answer_off_its_schema()
    {
        var (_, doc) = await app.Host.GetAsync("/openapi/v1.json");
        var operations = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => new Operation(m.Name.ToUpperInvariant(), p.Name, m.Value)))
            .Where(o => o.Path != "/api/subscribe") // an endless stream: its bad input is covered by the feed tests
            .ToList();
        var known = (await app.Host.GetAsync("/api/statements?limit=5")).Body.GetProperty("items").EnumerateArray()
            .Select(s => s.GetProperty("id").GetString()!).ToArray();
        var failures = new List<string>();

        await Gen.Select(Gen.Int[0, operations.Count - 1], Gen.Int).SampleAsync(async pick =>
        {
            var (index, seed) = pick;
            var failure = await Try(operations[index], new Random(seed), known, doc);
            if (failure is not null) lock (failures) failures.Add(failure);
            return true; // every failure is collected and reported below, each with the request that caused it
        }, iter: 1500, threads: 1);

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    async Task<string?> Try(Operation op, Random random, string[] known, JsonElement doc)
    {
        var path = op.Path;
        var query = new List<string>();
        foreach (var p in op.Spec.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            var name = p.GetProperty("name").GetString()!;
            var where = p.GetProperty("in").GetString();
            if (where == "path")
            {
                // Kestrel itself refuses a NUL in the path before we see it; everything else is ours to handle.
                var value = random.Next(3) switch { 0 => known[random.Next(known.Length)], 1 => Guid.NewGuid().ToString(), _ => Value(random) };
                // An empty segment would be another route (/api/negotiations/ is the list, not one of them).
                var segment = value.Replace("\u0000", "").Trim();
                path = path.Replace("{" + name + "}", Uri.EscapeDataString(segment.Length == 0 ? "x" : segment));
            }
            else if (where == "query" && random.Next(2) == 0)
                query.Add($"{name}={Uri.EscapeDataString(Value(random))}");
        }
        var url = path + (query.Count > 0 ? "?" + string.Join("&", query) : "");

        using var client = app.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(op.Method), url);
        var key = random.Next(10) switch { 0 => null, 1 => "not-a-key-we-gave-out", _ => op.Path.StartsWith("/api/admin") ? AppFixture.AdminOnlyKey : AppFixture.WriterKey };
        if (key is not null) request.Headers.Authorization = new("Bearer", key);
        if (op.Spec.TryGetProperty("requestBody", out _)) request.Content = Body(op.Path, random);

        HttpResponseMessage response;
        try { response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead); }
        catch (Exception e) { return $"{op.Method} {url}: the request threw {e.GetType().Name}: {e.Message}"; }
        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            var type = response.Content.Headers.ContentType?.MediaType;
            var what = $"{op.Method} {url} → {status} {type}: {Cut(text)}";
            if (status >= 500) return "5xx: " + what;
            if (!op.Spec.GetProperty("responses").TryGetProperty(status.ToString(), out var documented)) return "undocumented status: " + what;
            if (status >= 400 && type != "application/problem+json") return "a problem not as problem+json: " + what;
            if (status is >= 200 and < 300 && type == "application/json"
                && documented.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out var media)
                && media.TryGetProperty("schema", out var schema))
            {
                var errors = new List<string>();
                Validate(JsonDocument.Parse(text).RootElement, schema, doc, "$", errors);
                if (errors.Count > 0) return $"off its schema ({string.Join("; ", errors.Take(3))}): {what}";
            }
            return null;
        }
    }

    static string Value(Random random) => random.Next(4) switch
    {
        0 => Nasty[random.Next(Nasty.Length)],
        1 => random.NextInt64(-10, 1_000_000).ToString(),
        2 => new DateOnly(2022, 1, 1).AddDays(random.Next(2000)).ToString("yyyy-MM-dd"),
        _ => new string(Enumerable.Range(0, random.Next(1, 30)).Select(_ => (char)random.Next(0x20, 0x2FFF)).Where(c => !char.IsSurrogate(c)).ToArray()),
    };

    /// <summary>A valid statement (or webhook) with one part broken at random, or something else entirely.</summary>
    static HttpContent Body(string path, Random random)
    {
        JsonNode body = path.StartsWith("/api/webhooks")
            ? new JsonObject { ["url"] = "https://example.org/hook", ["filter"] = new JsonObject { ["party"] = "ukraine" } }
            : path.EndsWith("/corrections") ? Api.Correction(1200, "2026-02-24", "ukraine", "killed")
            : path.EndsWith("/retractions") ? Api.Retraction("2026-02-24")
            : Api.Figure(Api.Unique(), random.Next(1, 100_000));
        if (body is JsonObject o && random.Next(4) > 0) Break(o, random);
        if (path.EndsWith("/batch")) body = random.Next(3) == 0 ? new JsonArray() : new JsonArray(body, Api.Figure(Api.Unique()));
        var text = random.Next(8) switch
        {
            0 => Value(random),                               // not JSON at all
            1 => body.ToJsonString()[..Math.Max(1, body.ToJsonString().Length / 2)], // cut short
            _ => body.ToJsonString(),
        };
        var mediaType = random.Next(10) == 0 ? "text/plain" : path.EndsWith("/batch") && random.Next(2) == 0 ? "application/x-ndjson" : "application/json";
        if (mediaType == "application/x-ndjson" && body is JsonArray items) text = string.Join("\n", items.Select(i => i!.ToJsonString()));
        return new StringContent(text, Encoding.UTF8, mediaType);
    }

    static void Break(JsonObject o, Random random)
    {
        var target = o;
        while (target.Count > 0 && random.Next(2) == 0 && target.Select(p => p.Value).OfType<JsonObject>().ToList() is { Count: > 0 } inner)
            target = inner[random.Next(inner.Count)];
        if (target.Count == 0) return;
        var field = target.Select(p => p.Key).ElementAt(random.Next(target.Count));
        JsonNode? replacement = random.Next(7) switch
        {
            0 => null,
            1 => JsonValue.Create(Value(random)),
            2 => JsonValue.Create(random.Next(2) == 0 ? long.MaxValue : -1L),
            3 => JsonValue.Create(1e300),
            4 => new JsonArray(1, "two"),
            5 => new JsonObject { ["x"] = "\u0000" },
            _ => JsonValue.Create(true),
        };
        if (random.Next(5) == 0) target.Remove(field);
        else target[field] = replacement;
        if (random.Next(6) == 0) target["unexpected" + random.Next(9)] = "field";
    }

    /// <summary>What of JSON Schema the document uses: $ref, type (one or several), required, properties, items, enum, anyOf/oneOf/allOf.</summary>
    static void Validate(JsonElement value, JsonElement schema, JsonElement doc, string at, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            Validate(value, doc.GetProperty("components").GetProperty("schemas").GetProperty(name), doc, at, errors);
            return;
        }
        foreach (var combinator in new[] { "anyOf", "oneOf" })
            if (schema.TryGetProperty(combinator, out var options))
            {
                if (!options.EnumerateArray().Any(option => { var e = new List<string>(); Validate(value, option, doc, at, e); return e.Count == 0; }))
                    errors.Add($"{at}: matches none of its {combinator}");
                return;
            }
        if (schema.TryGetProperty("allOf", out var all)) foreach (var part in all.EnumerateArray()) Validate(value, part, doc, at, errors);
        if (schema.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToHashSet() : [type.GetString()!];
            var actual = value.ValueKind switch
            {
                JsonValueKind.String => "string", JsonValueKind.True or JsonValueKind.False => "boolean", JsonValueKind.Null => "null",
                JsonValueKind.Object => "object", JsonValueKind.Array => "array",
                _ => value.TryGetInt64(out _) ? "integer" : "number",
            };
            if (!allowed.Contains(actual) && !(actual == "integer" && allowed.Contains("number")))
            {
                errors.Add($"{at}: is {actual}, the document says {string.Join("|", allowed)}");
                return;
            }
        }
        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.ToString() == value.ToString()))
            errors.Add($"{at}: {value} is not among its enum");
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                    if (!value.TryGetProperty(name, out _)) errors.Add($"{at}.{name}: required by the document, absent from the answer");
            if (schema.TryGetProperty("properties", out var properties))
                foreach (var property in properties.EnumerateObject())
                    if (value.TryGetProperty(property.Name, out var child)) Validate(child, property.Value, doc, $"{at}.{property.Name}", errors);
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray()) Validate(item, items, doc, $"{at}[{i++}]", errors);
        }
    }

    static string Cut(string s) => s.Length <= 300 ? s : s[..300] + "…";
}

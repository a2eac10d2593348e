// An API fuzzer driven by the service's own OpenAPI document: for every operation it sends
// valid, schema-random and plainly invalid values for every parameter and body (NUL and other
// control characters, huge numbers, odd Unicode, wrong types, missing fields), and checks that
// no answer is a 5xx, every status is one the document lists for that operation, every problem
// is problem+json, and every JSON answer matches the schema the document gives for it.
// At the edges (ApiEdges, against the service's own Kestrel, which resolves dot segments and limits
// the request line as the deployed service does): every operation's body in each content type it
// accepts with values of the wrong type, and every path with ".", "..", encoded slashes and 8 KB segments.
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
            .Where(o => o.Path is not ("/api/subscribe" or "/api/review/live")) // endless streams: their bad input is covered by the feed and review tests
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
    internal static void Validate(JsonElement value, JsonElement schema, JsonElement doc, string at, List<string> errors)
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

    internal static string Cut(string s) => s.Length <= 300 ? s : s[..300] + "…";
}

public sealed class FuzzedService : IAsyncLifetime
{
    public ServiceProcess Service { get; private set; } = null!;
    public async ValueTask InitializeAsync() => Service = await ServiceProcess.StartAsync();
    public async ValueTask DisposeAsync() => await Service.DisposeAsync();
}

public sealed class ApiEdges(FuzzedService fixture) : IClassFixture<FuzzedService>
{
    sealed record Operation(string Method, string Path, JsonElement Spec);

    async Task<(JsonElement Doc, List<Operation> Operations)> ContractAsync()
    {
        var doc = JsonDocument.Parse(await fixture.Service.Http.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).RootElement;
        var operations = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => new Operation(m.Name.ToUpperInvariant(), p.Name, m.Value)))
            .Where(o => o.Path is not ("/api/subscribe" or "/api/review/live")) // endless streams
            .ToList();
        return (doc, operations);
    }

    /// <summary>Sends the target exactly as written (no dot-segment removal, no re-escaping); what is wrong with the answer, if anything.</summary>
    async Task<string?> SendAsync(Operation op, string target, HttpContent? body, JsonElement doc, int[]? alsoExpected = null)
    {
        var uri = new Uri(fixture.Service.Http.BaseAddress + target.TrimStart('/'), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(new HttpMethod(op.Method), uri) { Content = body };
        request.Headers.Authorization = new("Bearer", AppFixture.WriterKey);
        using var response = await fixture.Service.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var type = response.Content.Headers.ContentType?.MediaType;
        var what = $"{op.Method} {ApiFuzzing.Cut(target)} [{body?.Headers.ContentType?.MediaType}] {ApiFuzzing.Cut(body is null ? "" : await body.ReadAsStringAsync())} → {status} {type}: {ApiFuzzing.Cut(text)}";
        if (status >= 500) return "5xx: " + what;
        var isDocumented = op.Spec.GetProperty("responses").TryGetProperty(status.ToString(), out var documented);
        if (!isDocumented && !(alsoExpected ?? []).Contains(status)) return "undocumented status: " + what;
        if (status >= 400 && type != "application/problem+json") return "a problem not as problem+json: " + what;
        if (isDocumented && status is >= 200 and < 300 && type == "application/json"
            && documented.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out var media) && media.TryGetProperty("schema", out var schema))
        {
            var errors = new List<string>();
            ApiFuzzing.Validate(JsonDocument.Parse(text).RootElement, schema, doc, "$", errors);
            if (errors.Count > 0) return $"off its schema ({string.Join("; ", errors.Take(3))}): {what}";
        }
        return null;
    }

    static readonly string[] Segments = [".", "..", "%2E", "%2e%2E", "a%2Fb", "%2F", "..%2F..%2Fmetrics", "%2F..%2Fhealth%2Fready", ".%2F.", new('x', 8 * 1024)];

    // A trick in a literal segment, or one segment more, names a path the document does not have: its
    // answer is 404, 405 (a path that takes other methods), 400 (a dot segment) or 414, as a problem.
    static readonly int[] ForAnotherPath = [400, 404, 405, 414];

    [Fact]
    public async Task every_path_with_dot_segments_encoded_slashes_and_8_kb_segments_gets_a_documented_answer_never_a_5xx()
    {
        var (doc, operations) = await ContractAsync();
        var failures = new List<string>();
        var sent = 0;
        foreach (var op in operations)
        {
            var parts = op.Path.TrimStart('/').Split('/');
            var targets = new List<(string Target, bool SameOperation)>();
            // Each segment in turn (a parameter, even a dot: still this operation; a literal: another path), and one more at the end.
            for (var i = 0; i <= parts.Length; i++)
                foreach (var trick in Segments)
                {
                    var path = parts.Select((p, j) => j == i ? trick : p.StartsWith('{') ? Guid.NewGuid().ToString() : p).ToList();
                    if (i == parts.Length) path.Add(trick);
                    targets.Add(("/" + string.Join('/', path), i < parts.Length && parts[i].StartsWith('{')));
                }
            var plain = "/" + string.Join('/', parts.Select(p => p.StartsWith('{') ? Guid.NewGuid().ToString() : p));
            targets.Add((plain + "?q=" + new string('x', 4 * 1024), true));
            targets.Add((plain + "?q=" + new string('x', 8 * 1024), true));
            foreach (var (target, same) in targets)
            {
                sent++;
                if (await SendAsync(op, target, null, doc, same ? [] : ForAnotherPath) is { } failure) failures.Add(failure);
            }
        }
        Measured.Report($"Paths at the edges: {sent} requests over {operations.Count} operations, {failures.Count} failures.");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
    }

    [Fact]
    public async Task every_body_in_each_content_type_it_accepts_with_values_of_the_wrong_type_gets_a_documented_answer_never_a_5xx()
    {
        var (doc, operations) = await ContractAsync();
        var known = JsonDocument.Parse(await fixture.Service.Http.GetStringAsync("/api/statements?limit=1", TestContext.Current.CancellationToken)).RootElement
            .GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()).FirstOrDefault() ?? Guid.NewGuid().ToString();
        var failures = new List<string>();
        var sent = 0;
        foreach (var op in operations.Where(o => o.Spec.TryGetProperty("requestBody", out _)))
        {
            var target = System.Text.RegularExpressions.Regex.Replace(op.Path, @"\{(\w+)\}", m => m.Groups[1].Value == "index" ? "0" : known);
            var content = op.Spec.GetProperty("requestBody").GetProperty("content");
            var schema = content.EnumerateObject().First().Value.GetProperty("schema");
            var template = Sample(schema, doc);
            foreach (var mediaType in content.EnumerateObject().Select(c => c.Name))
                foreach (var text in Bodies(template, mediaType))
                {
                    sent++;
                    if (await SendAsync(op, target, new StringContent(text, Encoding.UTF8, mediaType), doc) is { } failure) failures.Add(failure);
                }
        }
        Measured.Report($"Bodies of the wrong type: {sent} requests, {failures.Count} failures.");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    /// <summary>A value of the schema's shape: every property present, each of its own type.</summary>
    static JsonNode? Sample(JsonElement schema, JsonElement doc, int depth = 0)
    {
        if (depth > 6) return null;
        if (schema.TryGetProperty("$ref", out var reference))
            return Sample(doc.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]), doc, depth + 1);
        foreach (var combinator in new[] { "anyOf", "oneOf", "allOf" })
            if (schema.TryGetProperty(combinator, out var options))
                return options.EnumerateArray().Select(o => Sample(o, doc, depth + 1)).FirstOrDefault(n => n is not null);
        if (schema.TryGetProperty("enum", out var values)) return JsonNode.Parse(values[0].GetRawText());
        var types = !schema.TryGetProperty("type", out var type) ? ["object"]
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray() : [type.GetString()!];
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return types.FirstOrDefault(t => t != "null") switch
        {
            null => null,
            "object" => new JsonObject((schema.TryGetProperty("properties", out var ps) ? ps.EnumerateObject() : Enumerable.Empty<JsonProperty>())
                .Select(p => KeyValuePair.Create(p.Name, Sample(p.Value, doc, depth + 1)))),
            "array" => new JsonArray(schema.TryGetProperty("items", out var items) ? Sample(items, doc, depth + 1) : JsonValue.Create("x")),
            "integer" => JsonValue.Create(1),
            "number" => JsonValue.Create(1.5),
            "boolean" => JsonValue.Create(true),
            _ => JsonValue.Create(format switch { "uuid" => Guid.NewGuid().ToString(), "date" => "2025-06-01", "date-time" => "2025-06-01T00:00:00Z", "uri" => "https://example.org/a", _ => "x" }),
        };
    }

    static readonly JsonNode?[] WrongForString = [JsonValue.Create(12345), JsonValue.Create(true), new JsonArray("x"), new JsonObject { ["x"] = 1 }];
    static readonly JsonNode?[] WrongForNumber = [JsonValue.Create("12"), JsonValue.Create("many"), JsonValue.Create(1.5), JsonValue.Create(1e300), JsonValue.Create(true), new JsonArray(1)];
    static readonly JsonNode?[] WrongForContainer = [JsonValue.Create("x"), JsonValue.Create(1), JsonValue.Create(false)];

    /// <summary>Every leaf (and container) of the template replaced, one at a time, by values of other types; then the whole body so.</summary>
    static IEnumerable<JsonNode?> WrongTyped(JsonNode template)
    {
        var places = Places(template);
        for (var p = 0; p < places.Count; p++)
        {
            var wrongs = places[p].Value switch
            {
                JsonObject or JsonArray => WrongForContainer.Append(places[p].Value is JsonObject ? new JsonArray() : new JsonObject()),
                JsonValue v when v.GetValueKind() == JsonValueKind.String => WrongForString,
                _ => WrongForNumber.Append(JsonValue.Create("x")),
            };
            foreach (var wrong in wrongs)
            {
                var copy = JsonNode.Parse(template.ToJsonString())!;
                var (parent, key, _) = Places(copy)[p]; // the same walk over the copy: the same place
                if (parent is JsonObject o) o[(string)key] = wrong?.DeepClone();
                else ((JsonArray)parent)[(int)key] = wrong?.DeepClone();
                yield return copy;
            }
        }
        foreach (var whole in new JsonNode?[] { JsonValue.Create("x"), JsonValue.Create(1), null, new JsonArray(), new JsonObject() })
            yield return whole;
    }

    // Every place in the tree, depth first: its parent, its key there, its value.
    static List<(JsonNode Parent, object Key, JsonNode? Value)> Places(JsonNode root)
    {
        var places = new List<(JsonNode, object, JsonNode?)>();
        void Walk(JsonNode node)
        {
            if (node is JsonObject o) foreach (var (k, v) in o.ToList()) { places.Add((o, k, v)); if (v is not null) Walk(v); }
            if (node is JsonArray a) for (var i = 0; i < a.Count; i++) { places.Add((a, i, a[i])); if (a[i] is { } v) Walk(v); }
        }
        Walk(root);
        return places;
    }

    static IEnumerable<string> Bodies(JsonNode? template, string mediaType)
    {
        var json = template?.ToJsonString() ?? "null";
        switch (mediaType)
        {
            case "application/json":
                foreach (var wrong in WrongTyped(template!)) yield return wrong?.ToJsonString() ?? "null";
                yield return "kind,statedOn\nfigure,2025-06-01\n"; // CSV sent as JSON
                yield return "{\"a\":1}\n{\"b\":2}\n";               // NDJSON sent as JSON
                break;
            case "application/x-ndjson":
                var item = template is JsonArray a && a.Count > 0 ? a[0]! : template!;
                foreach (var wrong in WrongTyped(item)) yield return (wrong?.ToJsonString() ?? "null") + "\n" + item.ToJsonString() + "\n";
                yield return json;                                  // a JSON array sent as NDJSON
                yield return "kind,statedOn\nfigure,2025-06-01\n"; // CSV sent as NDJSON
                break;
            case "text/csv":
                var columns = Timeline.Statements.Recording.StatementsCsv.Columns.ToList();
                var header = string.Join(',', columns);
                string[] cells = ["figure", "2025-06-01", "Ministry", "about 1 were killed", "Outlet", "https://example.org/a", "Outlet", "2025-06-01", "ukraine", "military", "killed", "1", "", "",
                    "approximately", "", "2022-02-24", "", "own-side", "", "", "", "", "", "", "", "", "", "", ""];
                Assert.Equal(columns.Count, cells.Length);
                string[] wrongCells = ["abc", "1.5", "-", "99999999999999999999", "true", "[1,2]", "{\"\"a\"\":1}", "=1+1", "2025-13-45", "00000000-0000-0000-0000-000000000000"];
                for (var c = 0; c < columns.Count; c++)
                    foreach (var wrong in wrongCells)
                        yield return header + "\n" + string.Join(',', cells.Select((v, i) => i == c ? "\"" + wrong.Replace("\"", "\"\"") + "\"" : v)) + "\n";
                yield return json;                                        // a JSON array sent as CSV
                yield return template is JsonArray t && t.Count > 0 ? t[0]!.ToJsonString() + "\n" + t[0]!.ToJsonString() : json; // NDJSON sent as CSV
                yield return header + "\n\"unterminated\n";
                yield return header.Replace("statedOn", "kind") + "\n";  // a column named twice
                break;
        }
    }
}

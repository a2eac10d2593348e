// What the scenarios share: posting batches, finding recorded statements.

namespace Timeline.Benchmarks;

public static partial class Scenarios
{
    const int Batch = 1000;

    /// <summary>Unmeasured rounds until the service's JIT has settled (at most max): what is measured after them meets
    /// compiled paths, as a service that has been up a while does, not the JIT compiling them on the same 2 cores.</summary>
    static async Task WarmUpAsync(Service service, int max, Func<int, Task> round)
    {
        for (var r = 0; r < max; r++)
        {
            var n = r;
            var jit = await service.WithJitAsync(() => round(n));
            Console.WriteLine($"  warm-up {r + 1}: {jit}");
            if (jit.Settled) break;
        }
    }

    static async Task<HttpResponseMessage> PostNdjsonAsync(Service service, IEnumerable<JsonObject> batch)
    {
        var body = string.Join('\n', batch.Select(s => s.ToJsonString()));
        using var content = new StringContent(body, Encoding.UTF8, "application/x-ndjson");
        var response = await service.Http.PostAsync("/api/statements/batch", content);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"batch failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>Every 7th statement recorded, with its figure, until <paramref name="count"/> are found.</summary>
    static async Task<List<(Guid Id, JsonObject Figure)>> SomeStatementsAsync(Service service, int count)
    {
        var found = new List<(Guid, JsonObject)>();
        string? cursor = null;
        var n = 0;
        while (found.Count < count)
        {
            var page = (await service.Http.GetFromJsonAsync<JsonObject>($"/api/statements?limit=500{(cursor is null ? "" : "&cursor=" + cursor)}"))!;
            foreach (var item in page["items"]!.AsArray())
                if (n++ % 7 == 3 && found.Count < count && item!["figure"] is JsonObject figure)
                    found.Add((item["id"]!.GetValue<Guid>(), JsonNode.Parse(figure.ToJsonString())!.AsObject()));
            cursor = page["nextCursor"]?.GetValue<string>();
            if (cursor is null) break;
        }
        return found;
    }
}

// Every series' estimates for a question, page after page (the API answers a page of series at a
// time; the cursor keeps every page at the first one's basis).

namespace Timeline.Benchmarks;

public static partial class Scenarios
{
    static async Task<(long Basis, JsonArray Series)> EveryEstimateAsync(HttpClient http, string query = "")
    {
        var url = "/api/estimates?" + query + (query.Length > 0 ? "&" : "") + "limit=500";
        var series = new JsonArray();
        long? basis = null;
        for (string? cursor = null; basis is null || cursor is not null;)
        {
            using var response = await http.GetAsync(cursor is null ? url : $"{url}&cursor={Uri.EscapeDataString(cursor)}");
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {text}");
            var page = JsonNode.Parse(text)!;
            basis ??= page["basis"]!.GetValue<long>();
            foreach (var s in page["series"]!.AsArray().ToArray()) series.Add(s!.DeepClone());
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        return (basis.Value, series);
    }
}

// The statements the benchmark records: realistic shapes, reproducible from a seed.

namespace Timeline.Benchmarks;

/// <summary>Realistic shapes: ~1,800 series (20 parties × 3 groups × 6 measures × 5 periods), 8 sources.</summary>
public static class Generator
{
    static readonly string[] Groups = ["military", "civilian", "all"];
    static readonly string[] Measures = ["killed", "wounded", "killed-or-wounded", "missing", "captured", "deaths"];
    static readonly string[] Qualifiers = ["exact", "approximately", "at-least", "at-most"];
    static readonly string[] Sources = ["Ministry of Defence", "General Staff", "Defence Intelligence", "Institute for Study", "Mediazona", "UN Monitoring Mission", "Centre for Strategy", "Independent Analyst"];
    static readonly string[] Parties = ["ukraine", "russia", .. Enumerable.Range(0, 18).Select(i => $"party-{(char)('a' + i)}")];

    public static List<JsonObject> Statements(int count, int seed)
    {
        var random = new Random(seed);
        var start = new DateOnly(2022, 2, 24);
        var list = new List<JsonObject>(count);
        for (var i = 0; i < count; i++)
        {
            var year = random.Next(0, 5); // 0: cumulative, 1..4: calendar years 2022–2025
            var statedOn = start.AddDays(random.Next(0, 1560));
            var figure = new JsonObject
            {
                ["party"] = Parties[random.Next(Parties.Length)],
                ["group"] = Groups[random.Next(Groups.Length)],
                ["measure"] = Measures[random.Next(Measures.Length)],
                ["value"] = random.Next(1, 2_000_000),
                ["qualifier"] = Qualifiers[random.Next(Qualifiers.Length)],
                ["attribution"] = "third-party",
                ["period"] = year == 0
                    ? new JsonObject { ["from"] = "2022-02-24" }
                    : new JsonObject { ["from"] = $"{2021 + year}-01-01", ["to"] = $"{2021 + year}-12-31" },
            };
            list.Add(new JsonObject
            {
                ["kind"] = "figure",
                ["statedOn"] = statedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["statedBy"] = Sources[random.Next(Sources.Length)],
                ["quote"] = $"generated statement {i}",
                ["source"] = new JsonObject { ["title"] = $"Generated report {i / 100}", ["publishedOn"] = "2026-06-30" },
                ["figure"] = figure,
            });
        }
        return list;
    }

    public static string SeriesId(JsonObject s)
    {
        var f = s["figure"]!;
        var to = f["period"]!["to"]?.GetValue<string>();
        return $"{f["party"]}-{f["group"]}-{f["measure"]}{(to is null ? "" : "-" + to[..4])}";
    }
}

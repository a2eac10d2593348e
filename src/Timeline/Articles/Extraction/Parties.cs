// Whose losses a number counts ("Ukrainian soldiers", "Russia's losses", "on both sides"), and which
// side a speaker stands on ("Ukrainian President …", "Kremlin spokesperson …", "Russia's defence
// ministry"), from the same small table of names.
using System.Text.RegularExpressions;

namespace Timeline.Articles.Extraction;

public static partial class Parties
{
    static readonly (Regex Pattern, string Party)[] Names =
    [
        (BothSides(), "both"),
        (NorthKorea(), "north-korea"),
        (Ukraine(), "ukraine"),
        (Russia(), "russia"),
    ];

    // People whose side the text may not spell out next to their name.
    static readonly Dictionary<string, string> KnownPeople = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Volodymyr Zelenskyy"] = "ukraine", ["Zelenskyy"] = "ukraine", ["Zelensky"] = "ukraine", ["Oleksandr Syrskyi"] = "ukraine",
        ["Rustem Umerov"] = "ukraine", ["Kyrylo Budanov"] = "ukraine", ["Andriy Yermak"] = "ukraine", ["Dmytro Lubinets"] = "ukraine",
        ["Vladimir Putin"] = "russia", ["Putin"] = "russia", ["Dmitry Peskov"] = "russia", ["Peskov"] = "russia", ["Sergei Shoigu"] = "russia",
        ["Vladimir Medinsky"] = "russia", ["Sergei Lavrov"] = "russia", ["Andrei Belousov"] = "russia", ["Maria Zakharova"] = "russia",
    };

    /// <summary>The party a stretch of text names first, or null.</summary>
    public static string? In(string words)
    {
        var best = (At: int.MaxValue, Party: (string?)null);
        foreach (var (pattern, party) in Names)
        {
            var m = pattern.Match(words);
            if (m.Success && m.Index < best.At) best = (m.Index, party);
        }
        return best.Party;
    }

    /// <summary>The party named closest to the end of a stretch of text (the longer name on a tie: "Ukrainian and Russian"), or null.</summary>
    public static string? Last(string words)
    {
        var best = (End: -1, Length: 0, Party: (string?)null);
        foreach (var (pattern, party) in Names)
            foreach (Match m in pattern.Matches(words))
                if (m.Index + m.Length > best.End || (m.Index + m.Length == best.End && m.Length > best.Length)) best = (m.Index + m.Length, m.Length, party);
        return best.Party;
    }

    /// <summary>The party whose losses a noun names: "Russia's combat losses", "North Korean casualties".</summary>
    public static string? Owner(string words) =>
        Owned().Match(words) is { Success: true } m ? In(m.Groups["who"].Value) : null;

    [GeneratedRegex(@"(?<who>\b(?:Ukrainian|Ukraine['’]s|Russian|Russia['’]s|North Korean|Kyiv['’]s|Moscow['’]s))\s+(?:\w+\s+)?(?:losses|casualties|deaths|dead|death toll|wounded)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Owned();

    /// <summary>The side a speaker stands on: their title or name, then people we know.</summary>
    public static string? OfSpeaker(string speaker, string title) =>
        In(string.Join(' ', speaker.Split(' ').Take(2))) is { } p and not "both" ? p
        : Last(title) is { } t and not "both" ? t
        : KnownPeople.TryGetValue(speaker, out var known) ? known
        : KnownPeople.FirstOrDefault(k => speaker.EndsWith(k.Key, StringComparison.OrdinalIgnoreCase)).Value;

    [GeneratedRegex(@"\b(?:both sides|on both sides|the two sides|both armies|both countries|combined|in total on both|Ukrainian and Russian|Russian and Ukrainian)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex BothSides();

    [GeneratedRegex(@"\bNorth Korean?'?s?\b|\bPyongyang's\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex NorthKorea();

    [GeneratedRegex(@"\b(?:Ukrainians?|Ukraine'?s?|Ukraine’s|Kyiv'?s?|Kyiv’s|Kiev)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Ukraine();

    [GeneratedRegex(@"\b(?:Russians?|Russia'?s?|Russia’s|Moscow'?s?|Moscow’s|Kremlin)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Russia();
}

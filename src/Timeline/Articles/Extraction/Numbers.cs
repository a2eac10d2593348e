// Numbers as war reporting writes them: "55,000", "1.1 million", "half a million", "nine thousand",
// ranges ("between 60,000 and 100,000", "60,000 to 100,000", "60,000–100,000") and amounts given
// only in words ("tens of thousands", "a large number").
using System.Globalization;
using System.Text.RegularExpressions;

namespace Timeline.Articles.Extraction;

/// <summary>A number found in the text: a value, a low–high range, or words only.</summary>
public sealed record NumberMention(Span Span, long? Value, long? Low, long? High, string? Words)
{
    public bool IsRange => Low is not null;
}

public static partial class Numbers
{
    static readonly Dictionary<string, long> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["fifteen"] = 15, ["twenty"] = 20, ["thirty"] = 30,
        ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90, ["hundred"] = 100,
        ["a"] = 1,
    };

    static readonly Dictionary<string, long> Scales = new(StringComparer.OrdinalIgnoreCase)
    {
        ["thousand"] = 1_000, ["million"] = 1_000_000, ["billion"] = 1_000_000_000, ["m"] = 1_000_000, ["k"] = 1_000, ["hundred thousand"] = 100_000,
    };

    /// <summary>Every number mention inside the span, ranges as one mention, in text order.</summary>
    public static IReadOnlyList<NumberMention> In(string text, Span span)
    {
        var found = new List<NumberMention>();
        var slice = span.Of(text);
        foreach (Match m in Range().Matches(slice))
            if (Amount(m.Groups["low"].Value, m.Groups["lowscale"].Value, m.Groups["highscale"].Value) is { } low
                && Amount(m.Groups["high"].Value, m.Groups["highscale"].Value, null) is { } high && low < high)
                found.Add(new NumberMention(new Span(span.Start + m.Index, span.Start + m.Index + m.Length), null, low, high, null));
        foreach (Match m in Single().Matches(slice))
        {
            var at = new Span(span.Start + m.Index, span.Start + m.Index + m.Length);
            if (found.Any(f => Overlaps(f.Span, at))) continue;
            if (Amount(m.Groups["n"].Value, m.Groups["scale"].Value, null) is { } value)
                found.Add(new NumberMention(at, value, null, null, null));
        }
        foreach (Match m in Words().Matches(slice))
        {
            var at = new Span(span.Start + m.Index, span.Start + m.Index + m.Length);
            if (found.Any(f => Overlaps(f.Span, at))) continue;
            // Written plain: 'a "large number"' is the qualitative "a large number".
            var words = string.Join(' ', m.Value.Replace("\"", "").Replace("“", "").Replace("”", "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
            found.Add(new NumberMention(at, null, null, null, words));
        }
        return found.OrderBy(f => f.Span.Start).ToList();
    }

    static bool Overlaps(Span a, Span b) => a.Start < b.End && b.Start < a.End;

    /// <summary>"55,000" → 55000; "1.1" + "million" → 1100000; "half a" + "million" → 500000; a bare first half of a range takes the second's scale.</summary>
    static long? Amount(string number, string scale, string? rangeScale)
    {
        number = number.Trim();
        var factor = Scales.TryGetValue(scale.Trim(), out var s) ? s
            : rangeScale is { Length: > 0 } && Scales.TryGetValue(rangeScale.Trim(), out var r) && !number.Contains(',') && decimal.TryParse(number, CultureInfo.InvariantCulture, out var small) && small < 1000 ? r
            : 1;
        if (number.Equals("half a", StringComparison.OrdinalIgnoreCase)) return factor / 2;
        if (number.Equals("a quarter of a", StringComparison.OrdinalIgnoreCase)) return factor / 4;
        if (Units.TryGetValue(number, out var unit)) return factor == 1 && unit < 10 ? null : unit * factor;
        if (!decimal.TryParse(number.Replace(",", ""), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)) return null;
        return (long)Math.Round(d * factor);
    }

    const string Digits = @"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?";
    const string Spelled = "half a|a quarter of a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a";
    const string Scale = @"million|billion|thousand|m\b|k\b";

    [GeneratedRegex($@"(?<![\w.,])(?:between\s+)?(?<low>{Digits})\s*(?<lowscale>{Scale})?\s*(?:and|to|-|–|—)\s*(?<high>{Digits})\s*(?<highscale>{Scale})?(?![\w])", RegexOptions.IgnoreCase)]
    private static partial Regex Range();

    [GeneratedRegex($@"(?<![\w.,])(?:(?<n>{Digits})(?:\s*(?<scale>{Scale}))?|(?<n>{Spelled})\s+(?<scale>million|thousand|hundred thousand))(?!\d)(?!\w)", RegexOptions.IgnoreCase)]
    private static partial Regex Single();

    [GeneratedRegex(@"\b(?:tens of thousands|hundreds of thousands|thousands|hundreds|dozens|a\s+[""“]?(?:very\s+)?(?:large|significant|huge|high|considerable|small)\s+number[""”]?)", RegexOptions.IgnoreCase)]
    private static partial Regex Words();
}

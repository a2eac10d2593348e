// Numbers as war reporting writes them: "55,000", "1.1 million", "half a million", "nine thousand",
// ranges ("between 60,000 and 100,000", "60,000 to 100,000", "60,000–100,000") and amounts given
// only in words ("tens of thousands", "a large number").
using System.Globalization;
using System.Text.RegularExpressions;

namespace Timeline.Articles.Extraction;

// A number found in the text: a value, a low–high range, or words only.
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

    // Every number mention inside the span, ranges as one mention, in text order; at most max of them.
    public static IReadOnlyList<NumberMention> In(string text, Span span, int max = int.MaxValue) => In(text, span, max, out _);

    public static IReadOnlyList<NumberMention> In(string text, Span span, int max, out bool capped)
    {
        var found = new List<NumberMention>();
        var taken = new List<Span>(); // kept sorted: a mention inside a range is part of the range
        var slice = span.Of(text);
        var more = false;
        foreach (Match m in Range().Matches(slice))
            if (found.Count > max) { more = true; break; }
            else if (Amount(m.Groups["low"].Value, m.Groups["lowscale"].Value, m.Groups["highscale"].Value) is { } low
                && Amount(m.Groups["high"].Value, m.Groups["highscale"].Value, null) is { } high && low < high)
                Take(new NumberMention(new Span(span.Start + m.Index, span.Start + m.Index + m.Length), null, low, high, null));
        // Each pass finds its mentions in text order: past the cap, the rest of a pass cannot be among the first kept.
        var singles = 0;
        foreach (Match m in Single().Matches(slice))
        {
            if (++singles > max) { more = true; break; }
            var at = new Span(span.Start + m.Index, span.Start + m.Index + m.Length);
            if (!Overlaps(taken, at) && Amount(m.Groups["n"].Value, m.Groups["scale"].Value, null) is { } value)
                Take(new NumberMention(at, value, null, null, null));
        }
        // "killed two civilians and injured seven", "two of them in our custody": small counts in words, only beside whom they count.
        foreach (Match m in SmallCount().Matches(slice))
        {
            var g = m.Groups["n"];
            var at = new Span(span.Start + g.Index, span.Start + g.Index + g.Length);
            if (!Overlaps(taken, at) && Units.TryGetValue(g.Value, out var small) && g.Value != "a")
                Take(new NumberMention(at, small, null, null, null));
        }
        foreach (Match m in Words().Matches(slice))
        {
            var at = new Span(span.Start + m.Index, span.Start + m.Index + m.Length);
            if (Overlaps(taken, at)) continue;
            // Written plain: 'a "large number"' is the qualitative "a large number".
            var words = string.Join(' ', m.Value.Replace("\"", "").Replace("“", "").Replace("”", "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
            Take(new NumberMention(at, null, null, null, words));
        }
        found.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        capped = more || found.Count > max;
        return capped ? found.GetRange(0, max) : found;

        void Take(NumberMention mention)
        {
            found.Add(mention);
            var at = taken.BinarySearch(mention.Span, SpanOrder.Instance);
            taken.Insert(at < 0 ? ~at : at, mention.Span);
        }
    }

    // Whether a span overlaps any of the sorted, non-overlapping spans: a binary search.
    static bool Overlaps(List<Span> sorted, Span s)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi) { var mid = (lo + hi) / 2; if (sorted[mid].End <= s.Start) lo = mid + 1; else hi = mid; }
        return lo < sorted.Count && sorted[lo].Start < s.End;
    }

    // A number that counts nobody by what surrounds it: "24 hours", "5 percent", "2024", "June 4".
    public static bool NotACountAround(string words, int start, int end)
    {
        var after = words.AsSpan(end, Math.Min(12, words.Length - end)).TrimStart();
        if (after.StartsWith("hour") || after.StartsWith("day") || after.StartsWith("week") || after.StartsWith("month") || after.StartsWith("year")
            || after.StartsWith("percent") || after.StartsWith("%") || after.StartsWith("per cent")) return true;
        var digits = words.AsSpan(start, end - start);
        if (digits.Length == 4 && digits[0] is '1' or '2' && !digits.Contains(',')) return true;
        var before = Text.Before(words, start, 10).TrimEnd();
        return digits.Length <= 2 && (Extraction.Words.EndsInMonth(before) || Extraction.Words.StartsWithMonth(after));
    }

    sealed class SpanOrder : IComparer<Span>
    {
        public static readonly SpanOrder Instance = new();
        public int Compare(Span a, Span b) => a.Start.CompareTo(b.Start);
    }

    // The text after the last number in words (and its scale word), read from the right: the words since that number.
    public static string AfterLast(string words)
    {
        var i = words.Length - 1;
        int end;
        while (true)
        {
            while (i >= 0 && !char.IsDigit(words[i])) i--;
            if (i < 0) return words;
            end = i + 1;
            // "over the past 24 hours", "on June 4", "in 2024": a number that counts nobody is not one to stop at.
            var start = i;
            while (start > 0 && (char.IsDigit(words[start - 1]) || words[start - 1] is ',' or '.')) start--;
            if (!NotACountAround(words, start, end)) break;
            i = start - 1;
        }
        // "1.1 million": the scale word belongs to the number.
        var rest = words.AsSpan(end);
        var skipped = rest.Length - rest.TrimStart().Length;
        foreach (var scale in (ReadOnlySpan<string>)["million", "thousand", "billion"])
            if (rest.TrimStart().StartsWith(scale, StringComparison.OrdinalIgnoreCase)) { end += skipped + scale.Length; break; }
        return words[end..];
    }

    // "55,000" → 55000; "1.1" + "million" → 1100000; "half a" + "million" → 500000;
    // a bare first half of a range takes the second's scale.
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
        // Twenty digits is no count of people: too large to hold is no number at all.
        if (d > 1_000_000_000_000m / factor) return null;
        return (long)Math.Round(d * factor);
    }

    const string Digits = @"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?";
    const string Spelled = "half a|a quarter of a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a";
    const string Scale = @"million|billion|thousand|m\b|k\b";

    // A range: "between 60,000 and 100,000", "60,000 to 100,000", "60,000–100,000", a scale on either end.
    [GeneratedRegex($@"(?<![\w.,])(?:between\s+)?(?<low>{Digits})\s*(?<lowscale>{Scale})?\s*(?:and|to|-|–|—)\s*(?<high>{Digits})\s*(?<highscale>{Scale})?(?![\w])", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Range();

    // One amount: "55,000", "1.1 million", "half a million", "nine thousand"; not a piece of a dotted date.
    [GeneratedRegex($@"(?<![\w.,])(?:(?<n>{Digits})(?:\s*(?<scale>{Scale}))?|(?<n>{Spelled})\s+(?<scale>million|thousand|hundred thousand))(?!\d)(?!\w)(?![.,]\d)", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Single();

    // A small count in words beside whom it counts: "killed two civilians", "seven others", "two of them".
    [GeneratedRegex(@"(?<=\b(?:killed|killing|injured|injuring|wounded|wounding|captured|capturing|and)\s+)(?<n>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b(?!\s+(?:of\s+the|years?|days?|weeks?|months?|hours?|times|per\s*cent|percent))|\b(?<n>[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve)\s+(?=(?:more\s+|other\s+|young\s+|Russian\s+|Ukrainian\s+|North\s+Korean\s+)?(?:civilians?|people|persons?|soldiers?|servicemen|residents|children|others|of\s+them|troops|prisoners|POWs|North\s+Koreans?)\b)", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex SmallCount();

    // Amounts given only in words: "tens of thousands", "several hundred", "a \"large number\"".
    [GeneratedRegex(@"\b(?:tens of thousands|hundreds of thousands|several (?:hundred|thousand|dozen)|a few (?:hundred|thousand|dozen)|thousands|hundreds|dozens|a\s+[""“]?(?:very\s+)?(?:large|significant|huge|high|considerable|small)\s+number[""”]?)", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Words();
}

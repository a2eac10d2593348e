// Numbers as Ukrainian and Russian texts write them: spaces, non-breaking or narrow spaces between
// thousands ("1 250 000"), a decimal comma before a scale word ("1,1 млн", "понад 1,2 мільйона"),
// scale words cut short or whole ("тис.", "тисяч", "тысячи", "млн", "миллиона"), amounts in words
// ("дві тисячі", "півмільйона", "двоє"), ranges ("від 60 до 100 тисяч", "от 60 до 100 тысяч",
// "60–100 тыс."), and dates, which are no counts ("03.03.26", "3 березня", "3 марта", "2024 року").
using System.Globalization;
using System.Text.RegularExpressions;

namespace Timeline.Articles.Extraction.Slavic;

public static class SlavicNumbers
{
    // Digits grouped by a space of any kind, or plain digits with a decimal comma.
    const string Digits = @"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?!\d)|\d+(?:,\d+)?";

    sealed record Compiled(Regex Range, Regex Single, Regex Scale, Regex Spelled, Regex Small, Regex SmallCounts, Regex[] Qualitative, Regex DayMonth, Regex Dotted);

    static readonly Dictionary<string, Compiled> Cache = [];
    static readonly Lock Gate = new();

    static Compiled Of(Lexicon lex)
    {
        lock (Gate)
        {
            if (Cache.TryGetValue(lex.Language, out var c)) return c;
            var scale = string.Join('|', lex.Scales.Select(s => s.Stem.Length <= 4 ? $@"{s.Stem}\.?" : $@"{s.Stem}\w*"));
            var units = string.Join('|', lex.Units.Keys.OrderByDescending(k => k.Length).Select(k => k.Replace("'", Ukrainian.Apostrophe)));
            var months = string.Join('|', lex.Months);
            var opts = RegexOptions.IgnoreCase;
            c = new Compiled(
                Patterns.Build($@"(?<![\w.,:\-–])(?:(?:{lex.RangeFrom})\s+(?<low>{Digits})\s*(?<lowscale>{scale})?\s+до\s+(?<high>{Digits})\s*(?<highscale>{scale})?|(?<low>{Digits})\s*(?<lowscale>{scale})?\s*[-–—]\s*(?<high>{Digits})\s*(?<highscale>{scale})?)(?!\w)(?![-–—]?\d)", opts),
                // Digits first and alone: a pattern that begins with a digit is looked for only where digits are, not at every letter.
                Patterns.Build($@"(?<![\w.,:])(?<!\w-)(?<n>{Digits})(?:\s*(?<scale>{scale}))?(?!\w)(?![.,:]\d)", opts),
                Patterns.Build($@"(?<![\w.,:])(?<!\w-)(?:(?<half>{lex.HalfMillion})|(?<!\w)(?:{lex.Approximately.Replace(@"\s*$", "")}|{lex.AtLeast.Replace(@"\s*$", "")})\s+(?<bare>{scale}))(?!\w)(?![.,:]\d)", opts),
                Patterns.Build($@"(?<![\w'’ʼ])(?<w>{units})\s+(?<scale>{scale})(?!\w)", opts),
                Patterns.Build($@"(?<![\w'’ʼ])(?<n>{units})(?![\w'’ʼ])", opts),
                // A number in words counts people only when people follow it: "двоє дітей", "трое мирных жителей", not "три танка".
                Patterns.Build($@"\G\s+(?:[\w'’ʼ-]+\s+){{0,2}}?(?:{lex.People}|{lex.Military}|{lex.Civilian})", opts),
                [.. lex.Qualitative.Select(q => Patterns.Build($@"(?<!\w){q.Pattern}(?!\w)", opts))],
                Patterns.Build($@"(?<![\w.])(?<day>\d{{1,2}})\s+(?<month>{months})(?:\s+(?<year>20[0-9][0-9]))?(?!\w)", opts),
                Patterns.Build(@"(?<![\w.])(?<day>\d{1,2})\.(?<month>\d{1,2})\.(?<year>\d{4}|\d{2})(?!\d)", RegexOptions.None));
            Cache[lex.Language] = c;
            return c;
        }
    }

    // Every number mention inside the span, ranges as one mention, in text order; at most max.
    public static IReadOnlyList<NumberMention> In(string text, Span span, Lexicon lex, int max, out bool capped)
    {
        var c = Of(lex);
        var found = new List<NumberMention>();
        var slice = span.Of(text);
        capped = false;
        bool Free(int start, int end) => !found.Any(f => f.Span.Start < end && start < f.Span.End);
        // Dates first: their digits are no count.
        var dates = new List<Span>();
        foreach (Match m in c.DayMonth.Matches(slice)) dates.Add(new Span(m.Index, m.Index + m.Length));
        foreach (Match m in c.Dotted.Matches(slice)) dates.Add(new Span(m.Index, m.Index + m.Length));
        // Sorted by start, and dates never overlap one another much: a binary search, not a walk, for a sentence of ten thousand dates.
        dates.Sort((a, b) => a.Start.CompareTo(b.Start));
        bool Dated(int start, int end)
        {
            int lo = 0, hi = dates.Count;
            while (lo < hi) { var mid = (lo + hi) / 2; if (dates[mid].Start < end) lo = mid + 1; else hi = mid; }
            for (var i = lo - 1; i >= 0 && i >= lo - 3; i--) if (dates[i].End > start) return true;
            return false;
        }

        foreach (Match m in c.Range.Matches(slice))
        {
            if (found.Count >= max) { capped = true; break; }
            if (Dated(m.Index, m.Index + m.Length)) continue;
            var highScale = m.Groups["highscale"].Value;
            if (Amount(m.Groups["low"].Value, m.Groups["lowscale"].Value.Length > 0 ? m.Groups["lowscale"].Value : highScale, lex) is { } low
                && Amount(m.Groups["high"].Value, highScale, lex) is { } high && low < high)
                found.Add(new NumberMention(new Span(span.Start + m.Index, span.Start + m.Index + m.Length), null, low, high, null));
        }
        foreach (Match m in c.Single.Matches(slice))
        {
            if (found.Count >= max) { capped = true; break; }
            var (start, end) = (span.Start + m.Index, span.Start + m.Index + m.Length);
            if (!Free(start, end) || Dated(m.Index, m.Index + m.Length)) continue;
            if (Amount(m.Groups["n"].Value, m.Groups["scale"].Value, lex) is { } v) found.Add(new NumberMention(new Span(start, end), v, null, null, null));
        }
        foreach (Match m in c.Scale.Matches(slice))
        {
            if (found.Count >= max) { capped = true; break; }
            // "близько тисячі": a scale word alone, after a qualifier, is one of it (the mention is the scale word; the qualifier is read before it).
            var word = m.Groups["half"].Success ? m.Groups["half"] : m.Groups["bare"];
            var (start, end) = (span.Start + word.Index, span.Start + word.Index + word.Length);
            if (!Free(start, end)) continue;
            if ((m.Groups["half"].Success ? 500_000 : Factor(word.Value, lex)) is { } v) found.Add(new NumberMention(new Span(start, end), v, null, null, null));
        }
        foreach (Match m in c.Spelled.Matches(slice))
        {
            if (found.Count >= max) { capped = true; break; }
            var (start, end) = (span.Start + m.Index, span.Start + m.Index + m.Length);
            if (Free(start, end) && Unit(m.Groups["w"].Value, lex) is { } unit && Factor(m.Groups["scale"].Value, lex) is { } factor)
                found.Add(new NumberMention(new Span(start, end), unit * factor, null, null, null));
        }
        foreach (Match m in c.Small.Matches(slice))
        {
            if (found.Count >= max) { capped = true; break; }
            var (start, end) = (span.Start + m.Index, span.Start + m.Index + m.Length);
            // "кількість загиблих зросла до шести": a number in words a count rose to counts what rose.
            var roseTo = lex.Pattern($@"(?:{lex.RoseTo})").IsMatch(text[Math.Max(span.Start, start - 30)..start]);
            // Collective numerals ("двоє", "троє", "дев'ятеро") count people by themselves.
            var collective = m.Value.EndsWith("оє", StringComparison.OrdinalIgnoreCase) || m.Value.EndsWith("ое", StringComparison.OrdinalIgnoreCase)
                || m.Value.EndsWith("еро", StringComparison.OrdinalIgnoreCase);
            if (Free(start, end) && Unit(m.Value, lex) is { } unit && (roseTo || collective || c.SmallCounts.Match(text, end, Math.Min(60, span.End - end)).Success))
                found.Add(new NumberMention(new Span(start, end), unit, null, null, null));
        }
        for (var q = 0; q < c.Qualitative.Length; q++)
            foreach (Match m in c.Qualitative[q].Matches(slice))
            {
                if (found.Count >= max) { capped = true; break; }
                var (start, end) = (span.Start + m.Index, span.Start + m.Index + m.Length);
                if (Free(start, end)) found.Add(new NumberMention(new Span(start, end), null, null, null, lex.Qualitative[q].Words));
            }
        found.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return found;
    }

    // "1 250 000" → 1250000; "1,1" + "млн" → 1100000; "60" + "тисяч" → 60000; null when it is no whole count.
    public static long? Amount(string digits, string scale, Lexicon lex)
    {
        var plain = new string([.. digits.Where(ch => ch is not (' ' or '\u00a0' or '\u202f' or '\u2009'))]).Replace(',', '.');
        if (!decimal.TryParse(plain, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)) return null;
        var factor = scale.Length > 0 ? Factor(scale, lex) ?? 1 : 1;
        if (d > 1_000_000_000_000m / factor) return null;
        var value = d * factor;
        // "1,5" alone is no count of people.
        return value == decimal.Truncate(value) ? (long)value : null;
    }

    static long? Factor(string scale, Lexicon lex)
    {
        foreach (var (stem, factor) in lex.Scales)
            if (scale.StartsWith(stem, StringComparison.OrdinalIgnoreCase)) return factor;
        return null;
    }

    static long? Unit(string word, Lexicon lex) =>
        lex.Units.TryGetValue(word.Replace('’', '\'').Replace('ʼ', '\''), out var v) ? v : null;

    // The date a day and month name give ("3 березня", "20 декабря 2024"), in the year given or the one before publication.
    public static DateOnly? DateOf(string day, string month, string year, Lexicon lex, DateOnly published)
    {
        var m = Array.FindIndex(lex.Months, x => x.Equals(month, StringComparison.OrdinalIgnoreCase)) + 1;
        if (m == 0 || !int.TryParse(day, CultureInfo.InvariantCulture, out var d) || d is < 1 or > 31) return null;
        var y = published.Year;
        if (year.Length > 0 && (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out y) || y is < 1 or > 9999)) return null;
        if (d > DateTime.DaysInMonth(y, m)) return null;
        var date = new DateOnly(y, m, d);
        return year.Length == 0 && date > published ? date.AddYears(-1) : date;
    }

    // "03.03.26" or "03.03.2026" as a date.
    public static DateOnly? Dotted(string day, string month, string year)
    {
        if (!int.TryParse(day, CultureInfo.InvariantCulture, out var d) || !int.TryParse(month, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(year, CultureInfo.InvariantCulture, out var y) || m is < 1 or > 12) return null;
        if (y < 100) y += 2000;
        return d >= 1 && d <= DateTime.DaysInMonth(y, m) ? new DateOnly(y, m, d) : null;
    }

    // The dates in a stretch of text, each with its place, both ways they are written.
    public static IEnumerable<(Span At, DateOnly Date)> Dates(string words, Lexicon lex, DateOnly published)
    {
        var c = Of(lex);
        foreach (Match m in c.DayMonth.Matches(words))
            if (DateOf(m.Groups["day"].Value, m.Groups["month"].Value, m.Groups["year"].Value, lex, published) is { } d)
                yield return (new Span(m.Index, m.Index + m.Length), d);
        foreach (Match m in c.Dotted.Matches(words))
            if (Dotted(m.Groups["day"].Value, m.Groups["month"].Value, m.Groups["year"].Value) is { } d)
                yield return (new Span(m.Index, m.Index + m.Length), d);
    }
}

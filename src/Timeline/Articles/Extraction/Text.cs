// The article's text cut into paragraphs, sentences and clauses, each a span of the archived text
// (start inclusive, end exclusive), so whatever is quoted from it is the archived text exactly.
// News furniture is set aside here: a headline (a short first line with no full stop), a
// dateline ("KYIV, March 3 (Reuters) -") and a live blog's time stamp ("09:14 GMT -") open a
// paragraph but are never part of a quote.
using System.Text.RegularExpressions;

namespace Timeline.Articles.Extraction;

public readonly record struct Span(int Start, int End)
{
    public int Length => End - Start;
    public string Of(string text) => text[Start..End];
    public bool Contains(int at) => at >= Start && at < End;
}

public sealed record Sentence(Span Span, int Paragraph, int Index, bool Headline = false)
{
    public string Text(string article) => Span.Of(article);
}

public static partial class Text
{
    // The longest quote a figure keeps: a longer clause is cut at commas around the number.
    public const int MaxQuote = 600;

    // Words after which a full stop does not end the sentence.
    static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "no", "vs", "approx", "est", "u.s", "u.k", "u.n", "e.g",
        "i.e", "a.m", "p.m", "gov", "sen", "rep", "lt.-gen", "maj.-gen", "brig", "adm", "cmdr", "corp", "inc", "ltd", "jr", "sr",
    };

    // The reach characters of s just before a point (fewer at its start): what the rules look back at.
    public static ReadOnlySpan<char> Before(string s, int at, int reach) => s.AsSpan(Math.Max(0, at - reach), at - Math.Max(0, at - reach));

    // Where a word first stands whole in s from a point on (not inside a longer word), or -1.
    public static int WordAt(string s, string word, int from = 0)
    {
        for (var i = s.IndexOf(word, from, StringComparison.Ordinal); i >= 0; i = s.IndexOf(word, i + 1, StringComparison.Ordinal))
            if ((i == 0 || !char.IsLetter(s[i - 1])) && (i + word.Length == s.Length || !char.IsLetter(s[i + word.Length]))) return i;
        return -1;
    }

    // The sentences of the text in order, each trimmed of surrounding space and of a leading dateline or time stamp.
    public static IReadOnlyList<Sentence> Sentences(string text)
    {
        var sentences = new List<Sentence>();
        var paragraph = 0;
        var paragraphs = Paragraphs().Matches(text);
        foreach (Match p in paragraphs)
        {
            var start = p.Index;
            var end = p.Index + p.Length;
            // A short first line without a full stop, with more text below it, is the headline.
            var headline = paragraph == 0 && paragraphs.Count > 1 && p.Length <= 200 && !EndsASentence(text, start, end);
            if (Furniture().Match(text, start, Math.Min(p.Length, 120)) is { Success: true } lead) start += lead.Length;
            var from = start;
            for (var i = start; i < end; i++)
            {
                if (text[i] is not ('.' or '!' or '?')) continue;
                var stop = i + 1;
                while (stop < end && text[stop] is '"' or '\'' or '\u201d' or '\u2019' or ')') stop++;
                if (stop < end && !char.IsWhiteSpace(text[stop])) continue;
                if (text[i] == '.' && EndsInAbbreviation(text, from, i)) continue;
                var next = stop;
                while (next < end && char.IsWhiteSpace(text[next])) next++;
                if (next < end && char.IsLower(text[next])) continue;
                Add(from, stop, headline);
                from = next;
                i = next - 1;
            }
            if (from < end) Add(from, end, headline);
            paragraph++;
        }
        return sentences;

        void Add(int from, int to, bool headline)
        {
            while (from < to && char.IsWhiteSpace(text[from])) from++;
            while (to > from && char.IsWhiteSpace(text[to - 1])) to--;
            if (to > from) sentences.Add(new Sentence(new Span(from, to), paragraph, sentences.Count, headline));
        }
    }

    static bool EndsASentence(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        while (end > start && text[end - 1] is '"' or '\u201d' or '\'' or '\u2019' or ')') end--;
        return end > start && text[end - 1] is '.' or '!' or '?' or ':';
    }

    static bool EndsInAbbreviation(string text, int from, int dot)
    {
        // Only the last few characters matter: a run of "a.a.a.a…" costs no more than a word.
        var w = dot;
        while (w > from && dot - w < 12 && (char.IsLetter(text[w - 1]) || text[w - 1] == '.')) w--;
        var word = text[w..dot];
        // A single capital (an initial, "J. Smith"), a known abbreviation, or a month cut short ("Feb.").
        return (word.Length == 1 && char.IsUpper(word[0])) || Abbreviations.Contains(word) || Words.MonthAbbreviations.Contains(word);
    }

    // Where a sentence breaks into clauses: semicolons, and commas before "with", "while", "and", "but", "as", "whereas".
    public static IReadOnlyList<Span> Breaks(string text, Span sentence)
    {
        var breaks = new List<Span>();
        foreach (Match m in ClauseBreaks().Matches(text[sentence.Start..sentence.End]))
            breaks.Add(new Span(sentence.Start + m.Index, sentence.Start + m.Index + m.Length));
        return breaks;
    }

    // The clause of the sentence around the words from at to to, cut at its breaks (one sentence may carry
    // more than one statement) and, when longer than MaxQuote, at the commas around them.
    public static Span Clause(string text, Span sentence, IReadOnlyList<Span> breaks, int at, int to)
    {
        var start = sentence.Start;
        var end = sentence.End;
        // The last break ending at or before `at`, and the first starting after it: a binary search, not a walk.
        int lo = 0, hi = breaks.Count;
        while (lo < hi) { var mid = (lo + hi) / 2; if (breaks[mid].End <= at) lo = mid + 1; else hi = mid; }
        if (lo > 0) start = breaks[lo - 1].End;
        for (var i = lo; i < breaks.Count; i++)
            if (breaks[i].Start > at) { end = breaks[i].Start; break; }
        return Window(text, Trim(text, start, end), at, Math.Max(at, to));
    }

    public static Span Clause(string text, Span sentence, int at) => Clause(text, sentence, Breaks(text, sentence), at, at);

    // A clause longer than a quote may be, cut to the comma-separated stretch that holds the words it is for.
    static Span Window(string text, Span clause, int from, int to)
    {
        if (clause.Length <= MaxQuote) return clause;
        var room = Math.Max(0, (MaxQuote - (to - from)) / 2);
        var start = Math.Max(clause.Start, from - room);
        var end = Math.Min(clause.End, to + room);
        var before = from - start > 1 ? text.LastIndexOf(", ", from - 1, from - start, StringComparison.Ordinal) : -1;
        start = before >= 0 ? before + 2 : start > clause.Start ? WordStart(text, start, from) : start;
        var after = end - to > 1 ? text.IndexOf(", ", to, end - to, StringComparison.Ordinal) : -1;
        end = after >= 0 ? after : end < clause.End ? WordEnd(text, end, to) : end;
        return Trim(text, start, end);
    }

    static int WordStart(string text, int at, int limit)
    {
        while (at < limit && !char.IsWhiteSpace(text[at - 1])) at++;
        return at;
    }

    static int WordEnd(string text, int at, int limit)
    {
        while (at > limit && !char.IsWhiteSpace(text[at])) at--;
        return at;
    }

    static Span Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] is ',')) end--;
        return new Span(start, end);
    }

    [GeneratedRegex(@"[^\r\n]+", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Paragraphs();

    [GeneratedRegex(@";\s+|,\s+(?=(?:with|while|and|but|as|whereas)\b)", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex ClauseBreaks();

    // A clock time, the one grammar of a time stamp the rules share: "08:10", "14.05", "10:30 a.m. ET", "09:14 GMT". Not a date
    // ("28.02.2022") or a decimal ("1.25 million"): no digit follows the minutes.
    public const string Clock = @"(?:[01]?\d|2[0-3])[:.][0-5]\d(?![.,]?\d)(?:\s*[ap]\.?m\.?)?(?:\s+(?:GMT|UTC|BST|CET|CEST|EET|EEST|ET|EST|EDT|PT|Kyiv time|local time|MSK))?";

    // A dateline ("KYIV, March 3 (Reuters) -", "LONDON —", "Kyiv, Ukraine (AP) —") or a live blog's time stamp
    // ("09:14 GMT —", "14:02", "Updated 10:30 a.m. ET:"), at the start of a paragraph.
    [GeneratedRegex(@"^(?:(?:[A-Z][A-Z'.-]+(?:\s+[A-Z][A-Z'.-]+){0,2}|[A-Z][a-z]+)(?:,\s+(?:[A-Z][a-z]+\.?\s+\d{1,2}|[A-Z][a-z]+))?\s*(?:\([^)\n]{1,40}\))?\s*[-—–]+\s+|(?:(?:Updated|Posted|Last updated)\s+)?" + Clock + @"\s*(?:[-—–:|]+\s*|\s+(?=[A-Z])))", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Furniture();
}

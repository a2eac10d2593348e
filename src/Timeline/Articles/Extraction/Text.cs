// The article's text cut into paragraphs, sentences and clauses, each a span of the archived text
// (start inclusive, end exclusive), so whatever is quoted from it is the archived text exactly.
using System.Text.RegularExpressions;

namespace Timeline.Articles.Extraction;

public readonly record struct Span(int Start, int End)
{
    public int Length => End - Start;
    public string Of(string text) => text[Start..End];
    public bool Contains(int at) => at >= Start && at < End;
}

public sealed record Sentence(Span Span, int Paragraph, int Index)
{
    public string Text(string article) => Span.Of(article);
}

public static partial class Text
{
    // Words after which a full stop does not end the sentence.
    static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "no", "vs", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
    };

    /// <summary>The sentences of the text in order, each trimmed of surrounding space.</summary>
    public static IReadOnlyList<Sentence> Sentences(string text)
    {
        var sentences = new List<Sentence>();
        var paragraph = 0;
        foreach (Match p in Paragraphs().Matches(text))
        {
            var start = p.Index;
            var end = p.Index + p.Length;
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
                Add(from, stop);
                from = next;
                i = next - 1;
            }
            if (from < end) Add(from, end);
            paragraph++;
        }
        return sentences;

        void Add(int from, int to)
        {
            while (from < to && char.IsWhiteSpace(text[from])) from++;
            while (to > from && char.IsWhiteSpace(text[to - 1])) to--;
            if (to > from) sentences.Add(new Sentence(new Span(from, to), paragraph, sentences.Count));
        }
    }

    static bool EndsInAbbreviation(string text, int from, int dot)
    {
        var w = dot;
        while (w > from && (char.IsLetter(text[w - 1]) || text[w - 1] == '.')) w--;
        var word = text[w..dot];
        // A single capital (an initial, "J. Smith") or a known abbreviation.
        return (word.Length == 1 && char.IsUpper(word[0])) || Abbreviations.Contains(word);
    }

    /// <summary>
    /// The clause of the sentence around <paramref name="at"/>: cut at semicolons and at ", with",
    /// ", while", ", and", ", but", ", as" — where one sentence carries more than one statement.
    /// </summary>
    public static Span Clause(string text, Span sentence, int at)
    {
        var start = sentence.Start;
        var end = sentence.End;
        foreach (Match m in ClauseBreaks().Matches(text, sentence.Start))
        {
            if (m.Index >= sentence.End) break;
            if (m.Index + m.Length <= at) start = m.Index + m.Length;
            else if (m.Index > at) { end = m.Index; break; }
        }
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] is ',')) end--;
        return new Span(start, end);
    }

    [GeneratedRegex(@"[^\r\n]+")]
    private static partial Regex Paragraphs();

    [GeneratedRegex(@";\s+|,\s+(?=(?:with|while|and|but|as|whereas)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseBreaks();
}

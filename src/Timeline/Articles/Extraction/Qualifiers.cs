// How sure the wording is of a number: "over 400,000" is at least, "some 370,000" approximately,
// "up to 250,000" at most; a bare number is exact. Only the words right before the number count.
using System.Text.RegularExpressions;
using Timeline.Statements;

namespace Timeline.Articles.Extraction;

public static partial class Qualifiers
{
    // The qualifier the words before a number give it (a range has none).
    public static Qualifier? Of(string text, NumberMention number, Span clause)
    {
        if (number.IsRange || number.Words is not null) return null;
        var before = text[clause.Start..number.Span.Start];
        // "no more than" holds "more than": at most is asked first.
        if (AtMost().IsMatch(before)) return Qualifier.AtMost;
        if (AtLeast().IsMatch(before)) return Qualifier.AtLeast;
        if (Approximately().IsMatch(before)) return Qualifier.Approximately;
        return Qualifier.Exact;
    }

    // Words before a number that make it a floor: "more than", "at least", "exceeded", "no fewer than".
    [GeneratedRegex(@"\b(?:over|more than|at least|upwards of|in excess of|exceeding|exceeded|exceeds?|surpassed|surpass(?:es)?|passed|pass(?:es)?|topped|tops?|above|no fewer than|not fewer than|not less than|no less than|well over|upwards? of|in excess of|beyond)\s+(?:a\s+|an\s+estimated\s+)?$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex AtLeast();

    // Words before a number that make it a ceiling: "up to", "as many as", "fewer than".
    // "no fewer than" is a floor, not a ceiling.
    [GeneratedRegex(@"\b(?:up to|as many as|no more than|at most|(?<!\b(?:no|not)\s+)(?:fewer|less) than|under|not more than|a maximum of)\s+$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex AtMost();

    // Words before a number that make it an estimate: "about", "some", "nearly", "an estimated".
    [GeneratedRegex(@"\b(?:about|some|around|roughly|approximately|close to|nearly|almost|an estimated|estimated|an approximate|approaching|nearing|near|circa|perhaps|probably|likely|more or less|in the region of|on the order of)\s+$|~\s*$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Approximately();
}

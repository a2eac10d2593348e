// A day of negotiations: "a "productive" first day of discussions", with its venue ("talks in Abu
// Dhabi"), the delegate who spoke, their assessment (the quoted word) and the issues still open
// ("issues such as A and B"), which may stand in the next sentence.
using System.Text.RegularExpressions;
using Timeline.Statements;

namespace Timeline.Articles.Extraction;

public static partial class Talks
{
    static readonly Dictionary<string, int> Ordinals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["first"] = 1, ["opening"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6,
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5,
    };

    /// <summary>The negotiation day a sentence reports, and the span its quote covers, or null.</summary>
    public static (NegotiationDay Day, Span Quote)? In(string text, IReadOnlyList<Sentence> sentences, Sentence sentence, Speaker? speaker, string? side)
    {
        var s = sentence.Text(text);
        var day = DayOf().Match(s);
        if (!day.Success) return null;
        var number = Ordinals.TryGetValue(day.Groups["ord"].Success ? day.Groups["ord"].Value : day.Groups["num"].Value, out var n) ? n : (int?)null;

        var venue = VenueIn(s) ?? VenueIn(text);
        if (venue is null) return null;
        var kind = Patterns.Build($@"\b(?<kind>ceasefire|peace|direct|security)\s+(?:talks|negotiations)\s+(?:in|at)\s+{Regex.Escape(venue)}").Match(text);
        var talks = kind.Success ? $"{venue} {kind.Groups["kind"].Value.ToLowerInvariant()} talks" : $"{venue} talks";

        var quote = Text.Clause(text, sentence.Span, sentence.Span.Start + day.Index);
        var issues = IssuesIn(s);
        if (issues.Count == 0 && sentences.FirstOrDefault(x => x.Index == sentence.Index + 1 && x.Paragraph == sentence.Paragraph) is { } next
            && IssuesIn(next.Text(text)) is { Count: > 0 } following)
        {
            issues = following;
            quote = new Span(quote.Start, next.Span.End);
        }
        var delegates = new List<Negotiator>();
        var assessments = new List<Assessment>();
        if (speaker is { IsPerson: true })
        {
            var role = Role().Match(speaker.Title);
            delegates.Add(new Negotiator(speaker.Name, side, role.Success ? role.Value.ToLowerInvariant() : null));
            foreach (Match q in Quoted().Matches(s))
                assessments.Add(new Assessment(speaker.Name, q.Groups["said"].Value));
        }
        var parties = new[] { ("ukraine", text.IndexOf("Ukrain", StringComparison.Ordinal)), ("russia", text.IndexOf("Russia", StringComparison.Ordinal)) }
            .Where(p => p.Item2 >= 0).OrderBy(p => p.Item2).Select(p => p.Item1).ToList();
        return (new NegotiationDay(talks, venue, null, number, parties, delegates, assessments, issues), quote);
    }

    static string? VenueIn(string words) => Venue().Match(words) is { Success: true } m ? m.Groups["venue"].Value : null;

    static List<string> IssuesIn(string sentence)
    {
        var m = Issues().Match(sentence);
        if (!m.Success) return [];
        return IssueBreaks().Split(m.Groups["list"].Value.TrimEnd('.'))
            .Select(i => i.Trim()).Where(i => i.Length > 2).ToList();
    }

    [GeneratedRegex(@"\b(?:(?<ord>first|opening|second|third|fourth|fifth|sixth)\s+day|day\s+(?<num>one|two|three|four|five))\s+of\s+(?:the\s+)?(?:\w+\s+)?(?:talks|negotiations|discussions|meetings)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex DayOf();

    [GeneratedRegex(@"\b(?:talks|negotiations|discussions|meeting)\s+(?:in|at)\s+(?<venue>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Venue();

    [GeneratedRegex(@"\b(?:issues|questions|matters)\s+(?:such as|including|like)\s+(?<list>[^;]+?)\.?$|\b(?:differences|disagreements)\s+remain(?:ed)?\s+(?:over|on)\s+(?<list>[^;]+?)\.?$", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Issues();

    [GeneratedRegex(@",\s*(?:and\s+)?|\s+and\s+(?=the\b|[A-Z]|whether\b|how\b)", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex IssueBreaks();

    [GeneratedRegex(@"(?:lead|chief|top|senior)\s+negotiator|head of (?:the\s+)?delegation|negotiator|delegation head", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Role();

    [GeneratedRegex(@"[""“](?<said>[^""”]{2,40})[""”]", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Quoted();
}

// Days of negotiations, read over the whole article: each day of talks it reports as held, by
// venue ("talks in Istanbul", or the venue named last) and by its number in the round ("the
// second day", "Friday's first day") when it gives one; each participant's verdict on that day
// in quotation marks ("Medinsky called the discussions "constructive"", "a "productive" first
// day"), the delegates who gave them, and the issues left open ("issues such as A and B"). Talks
// mentioned in passing with a date of their own ("talks in Jeddah on March 11") are days too.
using System.Text.RegularExpressions;
using Timeline.Statements;

namespace Timeline.Articles.Extraction;

public static partial class TalkDays
{
    static readonly Dictionary<string, int> Ordinals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["first"] = 1, ["opening"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6,
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["1"] = 1, ["2"] = 2, ["3"] = 3,
    };

    sealed class Day(string venue, int? number, string? when, Sentence first)
    {
        public string Venue { get; } = venue;
        public int? Number { get; } = number;
        public string? When { get; } = when;
        public Sentence First { get; } = first;
        public Sentence? Quoted { get; set; }
        public Span? QuoteSpan { get; set; }
        public List<(Speaker By, string Said)> Verdicts { get; } = [];
        public List<string> Issues { get; set; } = [];
    }

    // The days of talks the article reports, with the span each one's quote covers.
    internal static IEnumerable<(NegotiationDay Day, Span Quote, string? StatedBy)> In(string text, IReadOnlyList<Sentence> sentences,
        IReadOnlyList<Speaker>[] speakers, IReadOnlyList<string> people, Budget budget)
    {
        var days = new List<Day>();
        var weekdays = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        string? lastVenue = null;
        Day? current = null;
        foreach (var sentence in sentences)
        {
            budget.Check();
            var s = sentence.Text(text);
            // "said Ankara was ready to host a meeting of the presidents": a city offered for talks to come is not where these were.
            // Where the talks were may still be said before the offer's clause: "held talks in Riyadh on Tuesday; Erdogan said Turkey was ready to host …".
            var venue = Hosting().Match(s) is { Success: true } offer && lastVenue is not null
                ? VenueIn(s[..Math.Max(0, s.LastIndexOfAny([';', ',', '.'], Math.Max(0, offer.Index - 1)))]) : VenueIn(s);
            var talking = TalkWords().IsMatch(s);
            if (venue is null && (talking || DayOf().IsMatch(s))) venue = lastVenue;
            // A verdict in a sentence of its own ("Witkoff called it "positive"") is on the day being told about.
            // In a live blog the verdict may come entries after the talks began, with no day told yet: the talks last named.
            if (venue is null && Verdict().IsMatch(s) && (current is not null || lastVenue is not null && OnTheTalks().IsMatch(s))) venue = current?.Venue ?? lastVenue;
            if (venue is null) continue;
            var told = lastVenue;
            lastVenue = venue;

            var day = DayOf().Match(s) is { Success: true } d && !NotTalks().IsMatch(s)
                ? Ordinals.GetValueOrDefault(d.Groups["ord"].Success ? d.Groups["ord"].Value : d.Groups["num"].Value) : 0;
            // "On the first day, Sunday, …" then "Monday's talks …": a weekday stands for the day it was named with.
            var weekday = Weekday().Match(s);
            if (day > 0 && weekday.Success) weekdays.TryAdd(venue + "|" + weekday.Value, day);
            else if (day == 0 && weekday.Success && When().IsMatch(s) is false && weekdays.TryGetValue(venue + "|" + weekday.Value, out var named)) day = named;
            // "a second day of talks … on Saturday", then "Friday's opening round": the day before the second is the first.
            else if (day == 0 && weekday.Success && When().IsMatch(s) is false && FromAnother(weekdays, venue, weekday.Value) is { } counted) day = counted;
            // "Yesterday's session", "today's talks", in a round whose later day has been told: the day before it, or that day.
            if (day == 0 && Relative().Match(s) is { Success: true } relative && days.Where(x => x.Venue == venue).Max(x => x.Number) is int latest)
                day = relative.Groups["before"].Success ? (latest > 1 ? latest - 1 : 0) : latest;
            var verdicts = Verdicts(s, sentence, speakers[sentence.Index], people, current);
            var when = day == 0 && When().Match(s) is { Success: true } w ? w.Value.ToLowerInvariant() : null;
            var held = talking && (Held().IsMatch(s) || when is not null);
            // "The delegations last sat across a table in Istanbul on July 23": talks of another date leave the story's venue as it was.
            if (when is not null && told is not null) lastVenue = told;
            if (day == 0 && verdicts.Count == 0 && !held) continue;

            // A day without a number but with verdicts is the day being told about; with a date of its own it is another day.
            var key = day > 0 ? days.FirstOrDefault(x => x.Venue == venue && x.Number == day)
                : when is not null ? days.FirstOrDefault(x => x.Venue == venue && x.When == when)
                : current is not null && current.Venue == venue && current.When is null ? current
                : days.FirstOrDefault(x => x.Venue == venue && x.Number is null && x.When is null);
            if (key is null)
            {
                // As many days of talks as an article may have candidates: past that, the rest is not read.
                if (days.Count >= budget.Limits.Candidates) break;
                key = new Day(venue, day > 0 ? day : null, when, sentence);
                days.Add(key);
            }
            foreach (var v in verdicts)
                if (!key.Verdicts.Any(x => x.Said == v.Said && x.By.Name == v.By.Name)) key.Verdicts.Add(v);
            if (verdicts.Count > 0 && key.Quoted is null) key.Quoted = sentence;
            if (key.Issues.Count == 0 && IssuesIn(s) is { Count: > 0 } issues) key.Issues = issues;
            else if (key.Issues.Count == 0 && verdicts.Count > 0 && Next(sentences, sentence) is { } next && IssuesIn(next.Text(text)) is { Count: > 0 } following)
            {
                key.Issues = following;
                key.QuoteSpan = new Span(Text.Clause(text, sentence.Span, sentence.Span.Start).Start, next.Span.End);
            }
            if (when is null) current = key;
        }

        // A round told about as a whole beside its numbered days is those days, not another.
        var numbered = days.Where(d => d.Number is not null).Select(d => d.Venue).ToHashSet();
        foreach (var loose in days.Where(d => d.Number is null && d.When is null && numbered.Contains(d.Venue)).ToList())
        {
            var into = days.Where(d => d.Venue == loose.Venue && d.Number is not null).OrderBy(d => d.Number).Last();
            foreach (var v in loose.Verdicts) if (!into.Verdicts.Any(x => x.Said == v.Said && x.By.Name == v.By.Name)) into.Verdicts.Add(v);
            days.Remove(loose);
        }

        var parties = new[] { ("ukraine", text.IndexOf("Ukrain", StringComparison.Ordinal)), ("russia", text.IndexOf("Russia", StringComparison.Ordinal)) }
            .Where(p => p.Item2 >= 0).OrderBy(p => p.Item2).Select(p => p.Item1).ToList();
        foreach (var d in days)
        {
            budget.Check();
            var kind = Patterns.Build($@"\b(?<kind>ceasefire|peace|direct|security|trilateral)\s+(?:talks|negotiations)\s+(?:in|at)\s+{Regex.Escape(d.Venue)}").Match(text);
            var talks = kind.Success ? $"{d.Venue} {kind.Groups["kind"].Value.ToLowerInvariant()} talks" : $"{d.Venue} talks";
            var delegates = d.Verdicts.Select(v => v.By).DistinctBy(b => b.Name)
                .Select(b => new Negotiator(b.Name, Parties.OfSpeaker(b.Name, b.Title), Role().Match(b.Title) is { Success: true } r ? r.Value.ToLowerInvariant() : null))
                .ToList();
            var assessments = d.Verdicts.Select(v => new Assessment(v.By.Name, v.Said)).ToList();
            var quoted = d.Quoted ?? d.First;
            var quote = d.QuoteSpan ?? Text.Clause(text, quoted.Span, DayOf().Match(quoted.Text(text)) is { Success: true } m ? quoted.Span.Start + m.Index : quoted.Span.Start);
            yield return (new NegotiationDay(talks, d.Venue, null, d.Number, parties, delegates, assessments, d.Issues), quote, d.Verdicts.FirstOrDefault().By?.Name);
        }
    }

    // A day's number from another weekday of the same talks: Friday is day 1 when Saturday was day 2 (within the same week).
    static int? FromAnother(Dictionary<string, int> weekdays, string venue, string weekday)
    {
        if (!Enum.TryParse<DayOfWeek>(weekday, out var wanted)) return null;
        foreach (var (key, number) in weekdays)
            if (key.StartsWith(venue + "|", StringComparison.Ordinal) && Enum.TryParse<DayOfWeek>(key[(venue.Length + 1)..], out var known))
            {
                var shift = ((int)wanted - (int)known + 7) % 7;
                if (shift > 3) shift -= 7;
                if (number + shift is var day and >= 1 and <= 6) return day;
            }
        return null;
    }

    static Sentence? Next(IReadOnlyList<Sentence> sentences, Sentence sentence) =>
        sentence.Index + 1 < sentences.Count && sentences[sentence.Index + 1].Paragraph == sentence.Paragraph ? sentences[sentence.Index + 1] : null;

    // The verdicts a sentence gives in quotation marks, each with the person who gave it.
    static List<(Speaker By, string Said)> Verdicts(string s, Sentence sentence, IReadOnlyList<Speaker> speakers, IReadOnlyList<string> people, Day? current)
    {
        var found = new List<(Speaker, string)>();
        var verdicts = Verdict().Matches(s);
        if (verdicts.Count == 0) return found;
        // The person who gave them, found once for the sentence: the first person it names (its subject), else the one who "called" it so.
        var by = speakers.FirstOrDefault(p => p.IsPerson);
        var first = people.Select(p => (Name: p, At: s.IndexOf(p, StringComparison.Ordinal))).Where(p => p.At >= 0).OrderBy(p => p.At).FirstOrDefault();
        if (first.Name is not null && (by is null || sentence.Span.Start + first.At < by.At.Start))
            by = new Speaker(first.Name, by?.Name == first.Name ? by.Title : "", new Span(sentence.Span.Start + first.At, sentence.Span.Start + first.At + first.Name.Length), true);
        if (by is null && Caller().Match(s) is { Success: true } c)
        {
            var name = c.Groups["who"].Value;
            var full = people.FirstOrDefault(p => p.EndsWith(" " + name, StringComparison.Ordinal)) ?? name;
            by = new Speaker(full, "", new Span(sentence.Span.Start + c.Index, sentence.Span.Start + c.Index), true);
        }
        if (by is null) return found;
        // "Umerov called the session "difficult but substantive", while … Vladimir Medinsky described it as "businesslike"": a verdict
        // in a later part of the sentence is the person that part names first.
        var parts = Turn().Matches(s).Select(t => t.Index + t.Length).ToList();
        foreach (Match q in verdicts.Take(20))
        {
            var from = parts.LastOrDefault(p => p <= q.Index);
            var own = from == 0 ? default : people.Select(p => (Name: p, At: FirstOf(s, p, from)))
                .Where(p => p.At >= 0 && p.At < q.Index).OrderBy(p => p.At).FirstOrDefault();
            found.Add((own.Name is { } name ? new Speaker(name, "", new Span(sentence.Span.Start + own.At, sentence.Span.Start + own.At + name.Length), true) : by,
                q.Groups["said"].Value));
        }
        return found;
    }

    // Where a person is first named from a point on, in full or by a surname no one else shares: -1 when not.
    static int FirstOf(string s, string person, int from)
    {
        var at = s.IndexOf(person, from, StringComparison.Ordinal);
        if (at >= 0) return at;
        var surname = person[(person.LastIndexOf(' ') + 1)..];
        return Text.WordAt(s, surname, from);
    }

    // Where one part of a sentence gives way to another with its own subject: ", while", ", whereas", "; ".
    [GeneratedRegex(@",\s+(?:while|whereas|but)\s+|;\s+", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Turn();

    static string? VenueIn(string words)
    {
        if (KnownVenue().Match(words) is { Success: true } known) return known.Value == "Alaska" ? "Anchorage" : known.Value;
        return Venue().Match(words) is { Success: true } m ? m.Groups["venue"].Value : null;
    }

    static List<string> IssuesIn(string sentence)
    {
        var m = Issues().Match(sentence);
        if (!m.Success) return [];
        return IssueBreaks().Split(m.Groups["list"].Value.TrimEnd('.'))
            .Select(i => i.Trim()).Where(i => i.Length > 2).ToList();
    }

    // A day's number in a round of talks: "the second day", "day two".
    // "a first session on Sunday" opens the round as its first day does (a first session alone may be a morning's).
    [GeneratedRegex(@"\b(?:(?<ord>first|opening|second|third|fourth|fifth|sixth)\s+day|(?<ord>first|opening)\s+session(?=\s+on\s+(?:" + Words.Weekdays + @")\b)|day\s+(?<num>one|two|three|four|five|[1-5])\b)", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex DayOf();

    // A day told by its place beside today: "yesterday's session" (the day before), "today's talks" (the day being held).
    [GeneratedRegex(@"\b(?:(?<before>[Yy]esterday['’]s|[Tt]he\s+previous\s+day['’]s)|[Tt]oday['’]s)\s+(?:session|meeting|talks|discussions|negotiations)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Relative();

    // Talks offered, not held: "ready to host", "offered to host", "could host the next round".
    [GeneratedRegex(@"\b(?:ready|willing|offered|offers|offering|prepared)\s+to\s+host\b|\b(?:could|would|will|might)\s+host\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Hosting();

    // "the first day of the war", "the first day of the invasion": not a day of talks.
    [GeneratedRegex(@"\b(?:first|second|third)\s+day\s+of\s+(?:the\s+)?(?:full-scale\s+)?(?:war|invasion|offensive|operation|attack|fighting)", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex NotTalks();

    [GeneratedRegex(@"\b(?:talks|negotiations|discussions|session|meeting|round|delegations?|negotiators|summit)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex TalkWords();

    // Verbs that report talks as held.
    [GeneratedRegex(@"\b(?:held|met|meet|meeting|took place|ended|end|lasted|resumed|resume|concluded|wrapped up|opened|began|sat down|sit down|gathered|hosted|convened|spent|enter|entered|struck at|agreed at|follows|followed)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Held();

    // A date of its own: "on March 11", "on 23 July", "in March 2022", "last month".
    [GeneratedRegex(@"\b(?:on\s+(?:(?:" + Words.Months + @")\s+\d{1,2}|\d{1,2}\s+(?:" + Words.Months + @"))|in\s+(?:" + Words.Months + @")(?:\s+20\d\d)?|in\s+20\d\d|last\s+(?:week|month|year)|earlier\s+this\s+(?:month|year))\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex When();

    // Cities where the war's talks have been held ("the Geneva Conventions" are a treaty, not a place of talks).
    [GeneratedRegex(@"\b(?:Istanbul|Abu Dhabi|Geneva|Riyadh|Jeddah|Minsk|Doha|Anchorage|Alaska|Gomel|Antalya|Ankara|Miami|Dubai|Helsinki|Vienna|Budapest|Belovezhskaya Pushcha)\b(?!\s+Conventions?\b)", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex KnownVenue();

    // "a board meeting in December": a month or a weekday is a time, no venue.
    [GeneratedRegex(@"\b(?:talks|negotiations|discussions|meeting)\s+(?:in|at)\s+(?!(?:" + Words.Months + @"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)(?<venue>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Venue();

    // A verdict on talks in quotation marks, one to three words that are not a noun phrase ("a mistake") nor a count: "called the
    // discussions "constructive"", "described the session as "substantive"", "the talks were "constructive"", "a "productive" first day".
    [GeneratedRegex(@"(?:\b(?:call(?:ed|s|ing)?|describ\w+|term(?:ed|s)|characteri[sz](?:ed|es))\s+(?:[\w'’]+\s+){0,4}?(?:as\s+)?|\b(?:talks|discussions?|session|meeting|day|negotiations|round|it|they|atmosphere|conversation)\s+(?:[\w'’]+\s+){0,3}?(?:had been|have been|has been|were|was|as|being)\s+|\ba\s+(?=[""“][^""”]{2,40}[""”]\s+(?:\w+\s+){0,2}(?:day|round|meeting|session|talks)))[""“](?<said>(?!(?:a|an|the|one|two|three|some|no|not|we|i|it)\b)[A-Za-z][a-z-]{2,}(?:\s+[a-z-]+){0,2})[""”]"
        // A quotation that opens with the verdict: ""The talks were constructive," …", ""We are satisfied with the result," …".
        + @"|[""“](?:The\s+)?(?:talks|discussions|meeting|negotiations|session|day|conversation)\s+(?:were|was|have\s+been|had\s+been)\s+(?:very\s+|quite\s+|extremely\s+)?(?<said>[a-z][a-z-]{3,})[,.]?(?:[""”]|\s+and\b)"
        // "Moscow was "satisfied" with the meeting".
        + @"|\b(?:was|were|is|are|felt|left)\s+(?:very\s+|quite\s+|generally\s+)?[""“](?<said>satisfied|pleased|disappointed|encouraged|optimistic|dissatisfied|content|happy)[""”]\s+with\s+(?:the\s+|its\s+)?(?:talks|meeting|result|results|outcome|discussions|negotiations|session|round|day)\b"
        + @"|[""“](?:We\s+are|We['’]re|I\s+am|I['’]m)\s+(?:very\s+|quite\s+|generally\s+)?(?<said>satisfied|pleased|disappointed|encouraged|optimistic|dissatisfied|content|happy)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Verdict();

    // Words that say a verdict is on the talks: "calls the meeting "productive"", "is "satisfied" with the outcome".
    [GeneratedRegex(@"\b(?:talks|meeting|outcome|negotiations|session|round|discussions)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex OnTheTalks();

    [GeneratedRegex(@"\b(?:" + Words.Weekdays + @")\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Weekday();

    // "Karasin called the discussions …": who gave a verdict named by surname alone.
    [GeneratedRegex(@"(?<![\w'’-])(?<who>[A-Z][\w'’-]+)(?:,[^,]{1,140},)?\s+(?:call(?:ed|s)|describ(?:ed|es)|term(?:ed|s))\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Caller();

    // The issues left open: "issues such as A and B", "differences remain over A".
    [GeneratedRegex(@"\b(?:issues|questions|matters)\s+(?:such as|including|like)\s+(?<list>[^;]+?)\.?$|\b(?:differences|disagreements)\s+remain(?:ed)?\s+(?:over|on)\s+(?<list>[^;]+?)\.?$", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Issues();

    [GeneratedRegex(@",\s*(?:and\s+)?|\s+and\s+(?=the\b|[A-Z]|whether\b|how\b)", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex IssueBreaks();

    [GeneratedRegex(@"(?:lead|chief|top|senior)\s+negotiator|head of (?:the\s+)?delegation|negotiator|delegation head", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Role();
}

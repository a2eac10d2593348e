// The rules for Ukrainian and Russian text: the same sentences, quotes, budget and limits as the
// English extractor, with each field read from the language's lexicon. A figure is a number with
// a measure in its own words (the words between it and the numbers around it) or in its clause;
// its group, party, qualifier and period come from the words nearest it. Two formats are read
// as formats: the General Staff's daily list (the personnel line under "Загальні бойові втрати
// противника" yields the cumulative figure and, in brackets, the day's increase; equipment lines
// yield nothing) and the ministry's daily summary (its counts are the day's unless they say
// "всего"). Who speaks: the sentence's own source, else the last one named, else the author.
using System.Text.RegularExpressions;
using Timeline.Statements;
using Group = Timeline.Statements.Group;

namespace Timeline.Articles.Extraction.Slavic;

public static class Reader
{
    sealed record Said(string Name, string? Side, Span At);

    public static Findings Run(string text, DateOnly publishedOn, string unattributed, Lexicon lex, ExtractionLimits limits, CancellationToken ct)
    {
        var budget = new Budget(limits, ct);
        var found = new List<Candidate>();
        var truncated = false;
        try
        {
            var sentences = Text.Sentences(text);
            budget.Check();
            var people = new List<string>();
            var author = Author(text, sentences, lex, people);
            var daily = sentences.Take(2).Any(s => lex.Pattern(lex.DailySummary).IsMatch(s.Text(text)));
            var reportAt = -1;
            var roughReport = false;
            Said? carried = null;
            Figure? last = null;
            foreach (var sentence in sentences)
            {
                budget.Check();
                var words = sentence.Text(text);
                if (reportAt < 0 && lex.Pattern(lex.ReportHeader).IsMatch(words))
                    (reportAt, roughReport) = (sentence.Index, lex.Pattern(@"орієнтовно|ориентировочно|близько|около|approximately").IsMatch(words));
                var own = SpeakerIn(text, sentence, lex, people);
                if (own is not null) carried = own;
                var speaker = own ?? carried ?? author;
                var inReport = reportAt >= 0 && sentence.Index - reportAt <= 20 && lex.Pattern(lex.Personnel).IsMatch(words);
                var figures = Figures(text, sentence, lex, speaker, own is null, publishedOn, unattributed, daily, inReport, roughReport, last, budget, ref truncated);
                found.AddRange(figures);
                if (figures.Count > 0) last = figures[^1].Figure;
                if (found.Count >= budget.Limits.Candidates) { truncated = true; break; }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The budget spent, a pattern timed out, or a text no rule foresaw: what was found stands, and the answer says it stopped.
            truncated = true;
        }
        var amounts = found.Where(c => !c.Headline).Select(c => Amount(c.Figure!)).ToHashSet();
        var distinct = found.Where(c => !c.Headline || !amounts.Contains(Amount(c.Figure!)))
            .DistinctBy(c => (c.StatedBy, c.Figure!.Party, c.Figure.Group, c.Figure.Measure, Amount(c.Figure), c.Figure.Qualifier, c.Figure.Period)).ToList();
        truncated |= distinct.Count > budget.Limits.Candidates;
        return new Findings(distinct.Count > budget.Limits.Candidates ? distinct.GetRange(0, budget.Limits.Candidates) : distinct, truncated);
    }

    static (long?, long?, long?, string?) Amount(Figure f) => (f.Value, f.Low, f.High, f.Qualitative);

    static List<Candidate> Figures(string text, Sentence sentence, Lexicon lex, Said? speaker, bool borrowed, DateOnly publishedOn, string unattributed,
        bool daily, bool inReport, bool roughReport, Figure? before, Budget budget, ref bool truncated)
    {
        var numbers = SlavicNumbers.In(text, sentence.Span, lex, budget.Limits.NumbersPerSentence, out var capped);
        truncated |= capped;
        var found = new List<Candidate>();
        if (numbers.Count == 0) return found;
        var breaks = Breaks(text, sentence.Span, lex);
        // The sentence with the names of organisations blanked: "Міністерство оборони Росії" names no party whose losses these are.
        var masked = Masked(text, sentence, lex);
        var side = speaker?.Side;
        Figure? previous = null;
        for (var n = 0; n < numbers.Count; n++)
        {
            budget.Check();
            var number = numbers[n];
            if (number.Value is 0 || NotACount(text, number, lex)) continue;
            var clause = Text.Clause(text, sentence.Span, breaks, number.Span.Start, number.Span.End);
            var from = Math.Max(clause.Start, n > 0 ? numbers[n - 1].Span.End : clause.Start);
            var to = Math.Min(clause.End, n + 1 < numbers.Count ? numbers[n + 1].Span.Start : clause.End);
            if (from > number.Span.Start) from = clause.Start;
            if (to < number.Span.End) to = clause.End;
            var increase = number.Span.Start >= 2 && text[number.Span.Start - 1] == '+' && text[number.Span.Start - 2] == '(';
            var clauseWords = Of(masked, sentence, clause);
            if (lex.Pattern(lex.NotAFigure).IsMatch(clauseWords)) continue;

            Measure measure;
            Group? group;
            if (inReport)
                (measure, group) = (Measure.KilledOrWounded, Group.Military);
            else
            {
                var m = MeasureNear(Of(masked, sentence, new Span(from, to)), number.Span.Start - from, lex)
                    ?? MeasureNear(clauseWords, number.Span.Start - clause.Start, lex);
                if (m is null)
                {
                    // "(+1 020)" after a figure: the day's part of the count before it.
                    if (increase && previous is not null) m = previous.Measure;
                    else continue;
                }
                measure = m.Value;
                group = GroupNear(Of(masked, sentence, new Span(from, to)), number.Span.Start - from, lex, clauseWords);
            }

            var lead = Of(masked, sentence, new Span(number.Span.End, to));
            var preceding = Of(masked, sentence, new Span(from, number.Span.Start));
            string? party;
            var confidence = 0.9;
            if (inReport) party = Parties.Opposite(side) ?? "russia";
            else
            {
                party = PartyNear(lead, preceding, lex, side);
                group ??= previous?.Group ?? (increase ? Group.Military : null);
                if (group is null)
                {
                    var people = lex.Pattern(lex.People).IsMatch(clauseWords);
                    group = people && lex.Pattern(lex.Strike).IsMatch(Of(masked, sentence, sentence.Span)) ? Group.Civilian
                        : people ? Group.All : Group.Military;
                }
                if (group == Group.Civilian && party is null or "both")
                    party = lex.Pattern(lex.RussianPlaces).IsMatch(Of(masked, sentence, sentence.Span)) ? "russia" : "ukraine";
                if (party is null && previous is not null) (party, confidence) = (previous.Party, confidence - 0.05);
                if (party is null && measure == Measure.Deaths) party = "both";
                if (party is null && before is not null) (party, confidence) = (before.Party, confidence - 0.1);
                if (party is null) (party, confidence) = (Parties.Opposite(side) ?? "both", confidence - 0.3);
            }

            var qualifier = number.IsRange || number.Words is not null ? (Qualifier?)null
                : increase && previous is not null ? previous.Qualifier
                : QualifierOf(text[Math.Max(clause.Start, number.Span.Start - 40)..number.Span.Start], lex);
            if (inReport && qualifier == Qualifier.Exact && roughReport) qualifier = Qualifier.Approximately;

            var period = increase ? new Period(publishedOn, publishedOn)
                : inReport ? PeriodNear(lex, publishedOn, Of(masked, sentence, clause), number.Span.Start - clause.Start) ?? new Period(Period.WarStart, null)
                : PeriodNear(lex, publishedOn, Of(masked, sentence, new Span(from, to)), number.Span.Start - from)
                    ?? PeriodNear(lex, publishedOn, clauseWords, number.Span.Start - clause.Start)
                    ?? PeriodNear(lex, publishedOn, Of(masked, sentence, sentence.Span), number.Span.Start - sentence.Span.Start)
                    ?? (daily && !lex.Pattern(lex.Total).IsMatch(Of(masked, sentence, sentence.Span)) ? new Period(publishedOn, publishedOn) : new Period(Period.WarStart, null));

            if (borrowed) confidence -= 0.1;
            if (speaker is null) confidence -= 0.4;
            if (number.Words is not null) confidence -= 0.05;
            if (sentence.Headline) confidence -= 0.2;
            var figure = new Figure(party, group ?? Group.Military, measure, number.Value, number.Low, number.High, qualifier, period, AttributionOf(party, side), number.Words);
            previous = figure;
            found.Add(new Candidate(StatementKind.Figure, speaker?.Name ?? unattributed, publishedOn, clause.Of(text), clause.Start, clause.End,
                Math.Round(Math.Clamp(confidence, 0.05, 1), 2), Figure: figure) { Headline = sentence.Headline });
        }
        return found;
    }

    static Attribution AttributionOf(string party, string? side) =>
        side is null ? Attribution.ThirdParty
        : party == side ? Attribution.OwnSide
        : (side, party) is ("ukraine", "russia" or "north-korea") or ("russia", "ukraine") ? Attribution.Adversary
        : Attribution.ThirdParty;

    /// <summary>The part of the masked sentence that stands where <paramref name="span"/> stands in the text.</summary>
    static string Of(string masked, Sentence sentence, Span span)
    {
        var start = Math.Clamp(span.Start - sentence.Span.Start, 0, masked.Length);
        var end = Math.Clamp(span.End - sentence.Span.Start, start, masked.Length);
        return masked[start..end];
    }

    static string Masked(string text, Sentence sentence, Lexicon lex)
    {
        var chars = sentence.Text(text).ToCharArray();
        foreach (var (pattern, _, _) in lex.Organisations)
            foreach (Match m in lex.Pattern($@"(?<!\w){pattern}(?!\w)").Matches(sentence.Text(text)))
                Array.Fill(chars, ' ', m.Index, m.Length);
        return new string(chars);
    }

    static IReadOnlyList<Span> Breaks(string text, Span sentence, Lexicon lex)
    {
        var breaks = new List<Span>();
        foreach (Match m in lex.Pattern(@";\s+|,\s+(?=(?:а|але|проте|однак|тоді\s+як|но|однако|тогда\s+как|в\s+то\s+время\s+как)\s)").Matches(sentence.Of(text)))
            breaks.Add(new Span(sentence.Start + m.Index, sentence.Start + m.Index + m.Length));
        return breaks;
    }

    static bool NotACount(string text, NumberMention number, Lexicon lex)
    {
        if (number.Words is not null || number.IsRange) return false;
        var digits = text[number.Span.Start..number.Span.End];
        // A year: four plain digits between 1990 and 2035.
        if (digits.Length == 4 && int.TryParse(digits, out var year) && year is >= 1990 and <= 2035) return true;
        var after = text.AsSpan(number.Span.End, Math.Min(30, text.Length - number.Span.End)).ToString();
        if (lex.Pattern($@"^\s*(?:{lex.NotACountAfter})").IsMatch(after)) return true;
        var before = text[Math.Max(0, number.Span.Start - 20)..number.Span.Start];
        return lex.Pattern(lex.NotACountBefore).IsMatch(before) && !lex.Pattern(@"(?:до|до\s+)\s*$").IsMatch(before);
    }

    /// <summary>The measure named nearest to the number at <paramref name="at"/> in <paramref name="words"/>; a compound before its parts.</summary>
    static Measure? MeasureNear(string words, int at, Lexicon lex)
    {
        Measure? best = null;
        var bestDistance = int.MaxValue;
        var taken = new List<Span>();
        foreach (var (pattern, measure) in lex.Measures)
            foreach (Match m in lex.Pattern($@"(?<!\w)(?:{pattern})").Matches(words))
            {
                var span = new Span(m.Index, m.Index + m.Length);
                if (taken.Any(t => t.Start < span.End && span.Start < t.End)) continue;
                taken.Add(span);
                var distance = Distance(span, at);
                if (distance < bestDistance) (best, bestDistance) = (measure, distance);
            }
        return best;
    }

    static int Distance(Span s, int at) => at < s.Start ? s.Start - at : at >= s.End ? at - s.End + 1 : 0;

    static Group? GroupNear(string words, int at, Lexicon lex, string clause)
    {
        (Group Group, int Distance)? best = null;
        void Try(string pattern, Group g, string w, int a)
        {
            foreach (Match m in lex.Pattern($@"(?<!\w)(?:{pattern})").Matches(w))
            {
                var d = Distance(new Span(m.Index, m.Index + m.Length), a);
                if (best is null || d < best.Value.Distance) best = (g, d);
            }
        }
        Try(lex.Civilian, Group.Civilian, words, at);
        Try(lex.Military, Group.Military, words, at);
        if (best is not null) return best.Value.Group;
        return null;
    }

    /// <summary>The party named nearest the number: after it first ("військових РФ"), then before it; "противник" is the speaker's other side.</summary>
    static string? PartyNear(string lead, string preceding, Lexicon lex, string? side)
    {
        (string? Party, int Distance)? best = null;
        void Try(string words, bool after)
        {
            foreach (var (pattern, party) in new[] { (lex.NorthKorea, "north-korea"), (lex.Russia, "russia"), (lex.Ukraine, "ukraine"), (lex.Enemy, Parties.Opposite(side)) })
            {
                if (party is null) continue;
                foreach (Match m in lex.Pattern($@"(?<!\w)(?:{pattern})").Matches(words))
                {
                    var d = after ? m.Index : words.Length - (m.Index + m.Length);
                    if (best is null || d < best.Value.Distance) best = (party, d);
                }
            }
        }
        Try(lead.Length > 60 ? lead[..60] : lead, true);
        if (best is not null) return best.Value.Party;
        Try(preceding, false);
        return best?.Party;
    }

    static Qualifier QualifierOf(string before, Lexicon lex) =>
        lex.Pattern(lex.AtMost).IsMatch(before) ? Qualifier.AtMost
        : lex.Pattern(lex.AtLeast).IsMatch(before) ? Qualifier.AtLeast
        : lex.Pattern(lex.Approximately).IsMatch(before) ? Qualifier.Approximately
        : Qualifier.Exact;

    /// <summary>The period the words name nearest the number at <paramref name="at"/>, or null.</summary>
    static Period? PeriodNear(Lexicon lex, DateOnly published, string words, int at)
    {
        (Period Period, int Distance)? best = null;
        void Add(Match m, Period? p)
        {
            if (!m.Success || p is null) return;
            var d = Distance(new Span(m.Index, m.Index + m.Length), at);
            if (best is null || d < best.Value.Distance) best = (p, d);
        }
        var cumulative = new Period(Period.WarStart, null);
        foreach (var (pattern, since) in lex.Since) Add(lex.Pattern(pattern).Match(words), new Period(since, null));
        Add(lex.Pattern(lex.Day).Match(words), new Period(published, published));
        Add(lex.Pattern(lex.SinceInvasion).Match(words), cumulative);
        Add(lex.Pattern(lex.ThisYear).Match(words), new Period(new DateOnly(published.Year, 1, 1), null));
        if (lex.Pattern(lex.Year).Match(words) is { Success: true } y && int.Parse(y.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture) is var year and >= 2022 and <= 2100)
            Add(y, year == 2022 ? new Period(Period.WarStart, new DateOnly(2022, 12, 31)) : new Period(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)));
        if (lex.Pattern(lex.SinceMonth).Match(words) is { Success: true } s)
        {
            var month = Array.FindIndex(lex.Months, x => x.Equals(s.Groups["month"].Value, StringComparison.OrdinalIgnoreCase)) + 1;
            var fromYear = s.Groups["year"].Success ? int.Parse(s.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture) : published.Year;
            var start = new DateOnly(fromYear, month, 1);
            if (!s.Groups["year"].Success && start > published) start = start.AddYears(-1);
            // "з 3 березня" is a day, read below; only "з березня" is a month.
            if (!Regex.IsMatch(words[Math.Max(0, s.Index - 4)..s.Index], @"\d\s*$", RegexOptions.None, Patterns.Timeout))
                Add(s, start <= new DateOnly(2022, 2, 28) ? cumulative : new Period(start, null));
        }
        if (lex.Pattern(lex.LastMonth).Match(words) is { Success: true } lm)
        {
            var first = new DateOnly(published.Year, published.Month, 1).AddMonths(-1);
            Add(lm, new Period(first, first.AddMonths(1).AddDays(-1)));
        }
        for (var month = 0; month < 12; month++)
            if (lex.Pattern($@"(?<!\w)(?:у|в|во)\s+{lex.MonthsIn[month]}(?:\s+(?<year>20\d\d))?(?!\w)").Match(words) is { Success: true } mi)
            {
                var y2 = mi.Groups["year"].Success ? int.Parse(mi.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture) : published.Year;
                var first = new DateOnly(y2, month + 1, 1);
                if (!mi.Groups["year"].Success && first > published) first = first.AddYears(-1);
                Add(mi, new Period(first, first.AddMonths(1).AddDays(-1)));
            }
        // "з 6 серпня 2024 року", "с 06.08.2024": from that day on.
        foreach (var (span, date) in SlavicNumbers.Dates(words, lex, published))
        {
            var head = words[Math.Max(0, span.Start - 8)..span.Start];
            if (lex.Pattern(@"(?<!\w)(?:з|із|від|с|со|начиная\s+с)\s*$").IsMatch(head))
                Add(lex.Pattern(".+").Match(words, span.Start, span.Length), date <= Period.WarStart ? cumulative : new Period(date, null));
        }
        return best?.Period;
    }

    /// <summary>Who wrote the text when it names itself: an organisation in its first line, or alone on its last.</summary>
    static Said? Author(string text, IReadOnlyList<Sentence> sentences, Lexicon lex, List<string> people)
    {
        if (sentences.Count == 0) return null;
        if (Organisation(sentences[0].Text(text), lex) is { } first) return first;
        var lastParagraph = sentences[^1].Paragraph;
        var tail = sentences.Where(s => s.Paragraph == lastParagraph).ToList();
        var closing = text[tail[0].Span.Start..tail[^1].Span.End];
        return closing.Length <= 80 ? Organisation(closing, lex) : null;
    }

    static Said? Organisation(string words, Lexicon lex)
    {
        Said? best = null;
        foreach (var (pattern, name, side) in lex.Organisations)
            if (lex.Pattern($@"(?<!\w){pattern}(?!\w)").Match(words) is { Success: true } m && (best is null || m.Index < best.At.Start))
                best = new Said(name.Contains("{adj}") ? name.Replace("{adj}", Feminine(m.Groups["adj"].Value)) : name, side, new Span(m.Index, m.Index + m.Length));
        return best;
    }

    static string Feminine(string adjective) =>
        adjective.EndsWith("ської", StringComparison.Ordinal) || adjective.EndsWith("цької", StringComparison.Ordinal) ? adjective[..^2] + "а"
        : adjective.EndsWith("ській", StringComparison.Ordinal) || adjective.EndsWith("цькій", StringComparison.Ordinal) ? adjective[..^2] + "а"
        : adjective;

    /// <summary>The source a sentence names: after "за даними", "по словам"; beside a verb of saying; a group of officials.</summary>
    static Said? SpeakerIn(string text, Sentence sentence, Lexicon lex, List<string> people)
    {
        var words = sentence.Text(text);
        var saying = lex.Pattern($@"(?<!\w)(?:{lex.Saying})").Match(words);
        var according = lex.Pattern($@"(?<!\w)(?:{lex.According})(?!\w)").Match(words);
        if (!saying.Success && !according.Success) return null;
        var candidates = new List<Said>();
        foreach (var (pattern, name, side) in lex.Organisations)
            foreach (Match m in lex.Pattern($@"(?<!\w){pattern}(?!\w)").Matches(words))
                if (!candidates.Any(c => c.At.Start < m.Index + m.Length && m.Index < c.At.End))
                    candidates.Add(new Said(name.Contains("{adj}") ? name.Replace("{adj}", Feminine(m.Groups["adj"].Value)) : name, side, new Span(m.Index, m.Index + m.Length)));
        foreach (var (pattern, name, side) in lex.Groups)
            foreach (Match m in lex.Pattern($@"(?<!\w){pattern}").Matches(words))
                if (!candidates.Any(c => c.At.Start < m.Index + m.Length && m.Index < c.At.End))
                    candidates.Add(new Said(name, side, new Span(m.Index, m.Index + m.Length)));
        foreach (Match m in lex.Pattern(@"(?<![\w'’ʼ])(?<first>\p{Lu}[\p{Ll}'’ʼ]+)\s+(?<last>\p{Lu}[\p{Ll}'’ʼ]+(?:-\p{Lu}[\p{Ll}'’ʼ]+)?)(?![\w'’ʼ])").Matches(words))
        {
            if (candidates.Any(c => c.At.Start < m.Index + m.Length && m.Index < c.At.End)) continue;
            var first = m.Groups["first"].Value;
            var knownFirst = lex.FirstNames.ContainsKey(first) || lex.FirstNames.ContainsValue(first);
            var nearVerb = saying.Success && Math.Abs(saying.Index - m.Index) <= m.Length + 40;
            if (!knownFirst && !(nearVerb && m.Index > 0)) continue;
            var name = Nominative(first, m.Groups["last"].Value, lex);
            people.Add(name);
            candidates.Add(new Said(name, SideOf(name, lex), new Span(m.Index, m.Index + m.Length)));
        }
        // "за словами Зеленського": a surname alone, the full name given before.
        if (according.Success && lex.Pattern(@"\G\s+(?<last>\p{Lu}[\p{Ll}'’ʼ]+)(?![\w'’ʼ])").Match(words, according.Index + according.Length) is { Success: true } single
            && !candidates.Any(c => c.At.Start <= single.Index + 1 && single.Index + 1 < c.At.End))
        {
            var surname = Surname(single.Groups["last"].Value, lex);
            var full = people.FirstOrDefault(p => p.EndsWith(" " + surname, StringComparison.Ordinal));
            if (full is not null || lex.KnownPeople.Any(k => surname.StartsWith(k.Stem, StringComparison.Ordinal)))
                candidates.Add(new Said(full ?? surname, SideOf(surname, lex), new Span(single.Index, single.Index + single.Length)));
        }
        if (candidates.Count == 0) return null;
        // The source right after "за даними"/"по данным", else the one nearest a verb of saying.
        if (according.Success)
        {
            var after = candidates.Where(c => c.At.Start >= according.Index + according.Length && c.At.Start - (according.Index + according.Length) <= 3).FirstOrDefault();
            if (after is not null) return after;
        }
        var anchor = saying.Success ? saying.Index : according.Index;
        return candidates.OrderBy(c => Distance(c.At, anchor)).First();
    }

    static string Nominative(string first, string last, Lexicon lex)
    {
        if (!lex.FirstNames.TryGetValue(first, out var nominative)) return $"{first} {last}";
        return $"{nominative} {Surname(last, lex)}";
    }

    static string Surname(string last, Lexicon lex)
    {
        foreach (var (oblique, nominative) in lex.SurnameEndings)
            if (last.EndsWith(oblique, StringComparison.Ordinal) && last.Length > oblique.Length + 1) return last[..^oblique.Length] + nominative;
        return last;
    }

    static string? SideOf(string name, Lexicon lex)
    {
        foreach (var (stem, side) in lex.KnownPeople)
            if (name.Contains(stem, StringComparison.Ordinal)) return side;
        return null;
    }
}

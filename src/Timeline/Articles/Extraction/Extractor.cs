// From an article's text to candidate statements, each quoting the text exactly (Quote ==
// text[Start..End]). The rules live one concern to a file (numbers, qualifiers, measures, parties,
// periods, speakers, talks, positions); this file only puts them in order. A paragraph printed
// twice yields its statements once.
using System.Text.RegularExpressions;
using Timeline.Http;
using Timeline.Statements;
using Group = Timeline.Statements.Group;

namespace Timeline.Articles.Extraction;

public sealed record Candidate(
    StatementKind Kind, string StatedBy, DateOnly StatedOn, string Quote, int Start, int End, double Confidence,
    Figure? Figure = null, NegotiationDay? Negotiation = null, Position? Position = null)
{
    // Found in the headline: kept only when the body does not give the same figure.
    [System.Text.Json.Serialization.JsonIgnore] public bool Headline { get; init; }

    // The speakers that may have stated this figure, as the speaker ranking saw them (for training it).
    [System.Text.Json.Serialization.JsonIgnore] public IReadOnlyList<SpeakerChoice.Option>? SpeakerOptions { get; init; }
}

// An article's candidates; Truncated when a limit stopped the reading before the text's end.
public sealed record Findings(IReadOnlyList<Candidate> Candidates, bool Truncated);

public static partial class Extractor
{
    [GeneratedRegex(@"\b(?:governor|mayor|administration|head of the region|regional|city|oblast)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex LocalOffice();

    // The statements an article appears to carry. publishedOn dates them and anchors relative
    // periods; unattributed names the speaker when the text names none.
    public static IReadOnlyList<Candidate> Extract(string text, DateOnly publishedOn, string unattributed) =>
        Run(text, publishedOn, unattributed).Candidates;

    // The same, within limits (the defaults when null) and the caller's cancellation, in the language the text is written in.
    public static Findings Run(string text, DateOnly publishedOn, string unattributed, ExtractionLimits? limits = null, CancellationToken ct = default,
        SpeakerChoice.Weighing? weighing = null) =>
        Run(text, publishedOn, unattributed, Languages.Detect(text), limits, ct, weighing);

    // The same, read by the rules of language: Ukrainian and Russian have their own (Slavic/), anything else is read as English.
    public static Findings Run(string text, DateOnly publishedOn, string unattributed, string language, ExtractionLimits? limits = null, CancellationToken ct = default,
        SpeakerChoice.Weighing? weighing = null)
    {
        _ = Warm.Value;
        return Read(text, publishedOn, unattributed, language, limits, ct, weighing);
    }

    // The first reading in a process compiles the extractor's code, which can take longer than an article's budget on a busy
    // machine: that is not the article's time. One short text in each language is read once, unbudgeted, before the first.
    public static void WarmUp() => _ = Warm.Value;

    static readonly Lazy<bool> Warm = new(() =>
    {
        var generous = new ExtractionLimits(TimeSpan.FromMinutes(1), 200, 500);
        foreach (var (sample, language) in new[]
        {
            ("KYIV, March 3 — Russia has lost about 1,250,000 troops, including 1,020 over the past day, Ukraine's General Staff said. "
                + "\"The talks were constructive,\" Rustem Umerov said after the second day of talks in Istanbul.", Languages.English),
            ("Загальні бойові втрати противника орієнтовно склали: особового складу ‒ близько 1 250 000 (+1 020) осіб.", Languages.Ukrainian),
            ("По данным Минобороны России, потери ВСУ составили до 1 300 военнослужащих.", Languages.Russian),
        })
            Read(sample, new DateOnly(2026, 3, 3), "warm-up", language, generous, CancellationToken.None, null);
        return true;
    });

    static Findings Read(string text, DateOnly publishedOn, string unattributed, string language, ExtractionLimits? limits, CancellationToken ct,
        SpeakerChoice.Weighing? weighing)
    {
        if (language is Languages.Ukrainian or Languages.Russian)
            return Slavic.Reader.Run(text, publishedOn, unattributed, Slavic.Lexicon.For(language), limits ?? ExtractionLimits.Default, ct);
        weighing ??= SpeakerChoice.Default;
        var budget = new Budget(limits ?? ExtractionLimits.Default, ct);
        var found = new List<Candidate>();
        var truncated = false;
        try
        {
            var sentences = Text.Sentences(text);
            budget.Check();
            var context = new Speakers.Context(text);
            // The author by the fullest name the text gives it ("General Staff:" over "The General Staff of the Armed Forces of Ukraine published …").
            var author = Speakers.OfDocument(text, sentences) is { } head ? context.Canonical(head) : null;
            // The document's author is who "the General Staff" and "it" later mean.
            if (author is not null) context.Saw(author);
            var speakers = SpeakersOf(text, sentences, context, budget);
            var nearest = Nearest(speakers, sentences);
            // An interview's answers in quotation marks, with no speaker of their own, are the interviewee's.
            if (Interviewee(text, context.People) is { } interviewee)
                foreach (var sentence in sentences)
                    if (speakers[sentence.Index].Count == 0 && !sentence.Headline && InQuotedParagraph(text, sentence.Span.Start)) nearest[sentence.Index] = interviewee;
            if (author is not null)
                for (var i = 0; i < nearest.Length; i++) nearest[i] ??= author;
            var carried = CarriedOver(text, speakers, sentences, nearest, publishedOn, budget);
            // Only a weighing reads how often each speaker is named and who is named around a figure: the rules alone do not.
            var describes = SpeakerChoice.Describes(weighing);
            var mentions = describes ? speakers.SelectMany(s => s.Select(x => x.Name).Distinct()).CountBy(n => n).ToDictionary() : [];
            Figure? lastFigure = null;
            // The headline, the dateline ("MOSCOW, October 14."), the first sentence: where a daily report says it is one.
            var dailyReport = sentences.Take(3).Any(x => Periods.IsDailyReport(x.Text(text)));
            // Which sentences speak of an attack, read once: a toll in or just after them, or under a headline of one, is that day's.
            var attack = sentences.Select(x => Measures.Strike().IsMatch(x.Text(text))).ToArray();
            var attackHeadline = sentences.Count > 0 && sentences[0].Headline && attack[0];
            // Round 12: a live blog (three or more entries opening with a time stamp) reports the day it is written: a toll in one of its
            // entries, with no time of its own, is that day's as beside an attack. Paragraphs are read once, each by its first characters.
            var liveBlog = LiveBlog(text);
            foreach (var sentence in sentences)
            {
                budget.Check();
                var own = speakers[sentence.Index];
                var nearAttack = attackHeadline || liveBlog || sentence.Index > 0 && attack[sentence.Index - 1] || sentence.Index > 1 && attack[sentence.Index - 2];
                var (speaker, borrowed) = own.Count > 0 ? (own[0], false) : (nearest[sentence.Index], true);
                var side = speaker is null ? null : Parties.OfSpeaker(speaker.Name, speaker.Title);
                var (carrier, carriedDaily) = carried[sentence.Index];
                var figures = Figures(text, sentence, own, nearest[sentence.Index] ?? carrier, publishedOn, unattributed, lastFigure,
                    dailyReport || carriedDaily && nearest[sentence.Index] is null, new Choosing(weighing, mentions, describes ? Around(speakers, sentences, sentence, author) : []), nearAttack, budget, ref truncated);
                found.AddRange(figures);
                if (figures.Count > 0) lastFigure = figures[^1].Figure;
                if (!borrowed && speaker is not null && figures.Count == 0 && !TalkSentence(sentence.Text(text)) && sentence.Span.Length <= Text.MaxQuote && Positions.In(sentence.Text(text)) is { } summary)
                    found.Add(new Candidate(StatementKind.Position, speaker.Name, publishedOn, sentence.Text(text), sentence.Span.Start, sentence.Span.End,
                        0.6, Position: new Position(side ?? "other", summary)));
                if (found.Count >= budget.Limits.Candidates) { truncated = true; break; }
            }
            var people = context.People;
            foreach (var (day, quote, by) in TalkDays.In(text, sentences, speakers, people, budget))
                found.Add(new Candidate(StatementKind.NegotiationDay, by ?? unattributed, publishedOn, quote.Of(text), quote.Start, quote.End,
                    day.Day is null ? 0.6 : 0.8, Negotiation: day));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The budget spent, a pattern timed out, or a text no rule foresaw: what was found stands, and the answer says it stopped.
            truncated = true;
        }
        var distinct = Distinct(found, text);
        truncated |= distinct.Count > budget.Limits.Candidates;
        return new Findings(distinct.Count > budget.Limits.Candidates ? distinct.GetRange(0, budget.Limits.Candidates) : distinct, truncated);
    }

    // Each statement once: a paragraph printed twice, or a headline repeating a figure of the body, yields it
    // once. A headline's figure stands only when the body never gives the same amount.
    static List<Candidate> Distinct(List<Candidate> found, string text)
    {
        // A live blog's entry title or a subheading ("Zaporizhzhia: 11 wounded in glide-bomb attack") repeats its entry, as a headline does.
        var titled = found.Select(c => c.Headline || c.Figure is not null && TitleLine(text, c.Start)).ToList();
        var amounts = found.Where((c, i) => !titled[i] && c.Figure is not null).Select(c => Amount(c.Figure!)).ToHashSet();
        found = found.Where((c, i) => !titled[i] || c.Headline || c.Figure is { } f && !amounts.Contains(Amount(f))).ToList();
        // A figure repeated without its speaker (a pull quote, a recap) is the one said with it.
        var said = found.Where(c => c.Figure is not null && c.Confidence > 0.5).Select(c => Amount(c.Figure!)).ToHashSet();
        return found.Where(c => !c.Headline || c.Figure is { } f && !amounts.Contains(Amount(f)))
            .Where(c => c.Figure is not { } f || c.Confidence > 0.5 || !said.Contains(Amount(f)))
            .Where(c => !RoundedRecap(c, found))
            .DistinctBy(Key)
            // The same figure from the same speaker said twice (a report's list and its prose, a recap): once, as first said.
            .DistinctBy(c => c.Figure is { } f ? $"{StatementIdentity.Normalise(c.StatedBy)}|{f.Party}|{f.Measure}|{Amount(f)}" : Key(c)).ToList();
    }

    // "have exceeded one million troops" beside "about 1,000,340": a round restatement of a figure
    // the same speaker gives exactly, within 5 %, is that figure said again.
    static bool RoundedRecap(Candidate c, List<Candidate> all)
    {
        if (c.Figure is not { Value: { } v } f || v < 10_000 || v % 10_000 != 0) return false;
        var by = StatementIdentity.Normalise(c.StatedBy);
        return all.Any(o => o.Figure is { Value: { } w } g && w != v && w % 1_000 != 0 && g.Party == f.Party && g.Measure == f.Measure
            && Math.Abs(w - v) <= v / 20 && StatementIdentity.Normalise(o.StatedBy) == by);
    }

    // The person an interview is with, when the article says near its start that it is one
    // ("we spoke to X", "in an interview with X", "X told …in an interview"): of the
    // people named there, the one the article names most.
    static Speaker? Interviewee(string text, IReadOnlyList<string> people)
    {
        var head = text.Length > 1500 ? text[..1500] : text;
        if (InterviewCue().Match(head) is not { Success: true } cue) return null;
        // "we spoke to Dmytro Lubinets, Ukraine's …", "in an interview with General Eirik Kristoffersen": the name the cue gives.
        if (cue.Groups["who"].Success && !Titled().IsMatch(cue.Groups["who"].Value))
            return new Speaker(cue.Groups["who"].Value, TitleAround(text, cue.Groups["who"].Index, cue.Groups["who"].Length),
                new Span(cue.Groups["who"].Index, cue.Groups["who"].Index + cue.Groups["who"].Length), true);
        string? best = null;
        var most = 0;
        foreach (var person in people.Take(60))
        {
            if (!head.Contains(person, StringComparison.Ordinal)) continue;
            var surname = person[(person.LastIndexOf(' ') + 1)..];
            var count = 0;
            for (var at = text.IndexOf(surname, StringComparison.Ordinal); at >= 0 && count < 200; at = text.IndexOf(surname, at + 1, StringComparison.Ordinal)) count++;
            if (count > most) (best, most) = (person, count);
        }
        var where = best is null ? -1 : text.IndexOf(best, StringComparison.Ordinal);
        return best is null ? null : new Speaker(best, TitleAround(text, where, best.Length), new Span(where, where + best.Length), true);
    }

    // What the article calls a person where it names them: "President Volodymyr Zelenskyy", "Dmytro Lubinets, Ukraine's ombudsman".
    static string TitleAround(string text, int at, int length)
    {
        var before = Text.Before(text, at, 40);
        var lead = before.LastIndexOfAny(".,;:\n");
        var after = text.AsSpan(at + length, Math.Min(80, text.Length - at - length));
        var tail = after.StartsWith(", ") && after[2..].IndexOfAny(",.;\n") is var end and > 0 ? after[2..(end + 2)] : [];
        return $"{before[(lead + 1)..].Trim()} {tail}".Trim();
    }

    [GeneratedRegex(@"\b(?:(?:[Ww]e\s+spoke\s+(?:to|with)|[Ii]n\s+an\s+interview\s+with|[Ss]at\s+down\s+with|[Ww]e\s+talked\s+to)\s+(?:(?:[A-Z][\w.]*|the|of)\s+){0,3}?(?<who>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2})\b(?!\s+[A-Z])|[Ss]poke\s+to\s+(?:us|reporters)|[Ii]n\s+an\s+interview|[Tt]he\s+interview\s+has\s+been|(?:Q|Question)\s*(?:&|and)\s*A)", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex InterviewCue();

    // A title the name capture may have taken for a name: "General Staff", "Prime Minister".
    [GeneratedRegex(@"\b(?:Staff|Minister|Ministry|Council|Office|Service|Agency|Forces|Army|Command|Headquarters)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Titled();

    // Whether the paragraph holding at opens with a quotation mark: an answer, in an interview.
    static bool InQuotedParagraph(string text, int at)
    {
        var start = at == 0 ? 0 : text.LastIndexOf('\n', at - 1) + 1;
        while (start < text.Length && text[start] is ' ' or '\t') start++;
        return start < text.Length && text[start] is '"' or '“' or '«' or '„';
    }

    // Whether the line holding at is a title: short, capitalised, not ending as a sentence does.
    static bool TitleLine(string text, int at)
    {
        // A title is at most 120 characters: look no further for its line's ends (a 200,000-character line is no title).
        var from = Math.Max(0, at - 121);
        var start = at == 0 ? 0 : text.LastIndexOf('\n', at - 1, at - from) + 1;
        if (start == 0 && from > 0) return false;
        var end = text.IndexOf('\n', at, Math.Min(121, text.Length - at));
        if (end < 0) return false;
        var line = text.AsSpan(start, end - start).Trim();
        return line.Length is > 0 and <= 120 && char.IsUpper(line[0]) && end < text.Length && line[^1] is not ('.' or '!' or '?' or '"' or '”' or ':' or ')' or ';');
    }

    static (long?, long?, long?, string?) Amount(Figure f) => (f.Value, f.Low, f.High, f.Qualitative);

    static List<Candidate> Figures(string text, Sentence sentence, List<Speaker> own, Speaker? nearby, DateOnly publishedOn,
        string unattributed, Figure? before, bool dailyReport, Choosing choosing, bool nearAttack, Budget budget, ref bool truncated)
    {
        var numbers = Numbers.In(text, sentence.Span, budget.Limits.NumbersPerSentence, out var capped);
        truncated |= capped;
        var breaks = numbers.Count > 0 ? Text.Breaks(text, sentence.Span) : [];
        var found = new List<Candidate>();
        Figure? previous = null;
        // The side of the place a sentence names, read once a sentence, not once a number: a sentence may be long.
        string? place = null;
        var placeRead = false;
        string? Place()
        {
            if (!placeRead) (place, placeRead) = (Parties.OfPlace(sentence.Text(text)), true);
            return place;
        }
        var soldiersByName = new Lazy<bool>(() => Measures.SoldiersByName(sentence.Text(text)));
        for (var n = 0; n < numbers.Count; n++)
        {
            var number = numbers[n];
            budget.Check();
            var clause = Text.Clause(text, sentence.Span, breaks, number.Span.Start, number.Span.End);
            if (Exclusions.NotACount(text, number, clause)) continue;
            var (previousEnd, nextStart) = Neighbours(text, numbers, n);
            var counted = Measures.Of(text, number, clause, previousEnd, nextStart);
            // "Milley spoke of some 40,000 civilians killed, and Kristoffersen of about 30,000": the same count, said again.
            // "about 1,242,370 troops since the invasion, 880 of them in the past day": a part of the count just given, said after its number.
            var partAfter = previous is not null && OfThemAfter().IsMatch(text.AsSpan(number.Span.End, Math.Min(40, clause.End - number.Span.End)));
            // "at about 409,130, up 1,160 from yesterday": the day's increase of the count just given.
            var upFrom = previous is not null && UpBy().IsMatch(text.AsSpan(Math.Max(clause.Start, number.Span.Start - 25), number.Span.Start - Math.Max(clause.Start, number.Span.Start - 25)))
                && FromYesterday().IsMatch(text.AsSpan(number.Span.End, Math.Min(60, clause.End - number.Span.End)));
            if (counted is null && previous is not null && (Elliptic(text, number, sentence) || Including(text, previousEnd, number) || partAfter || upFrom))
                counted = new Counted(previous.Measure, previous.Group, true);
            // "Russian losses kept rising. In March alone it was about 35,000.": a short sentence that says only how many, of the figure before.
            if (counted is null && previous is null && before is not null && sentence.Span.Length < 100 && ItWas().IsMatch(text[sentence.Span.Start..number.Span.Start]))
                counted = new Counted(before.Measure, before.Group, true);
            // "Russia lost 45,680 killed and wounded in November. That exceeded October's total of 41,980": the same count, another time.
            if (counted is null && before is not null && TotalOf().IsMatch(text.AsSpan(Math.Max(clause.Start, number.Span.Start - 60), number.Span.Start - Math.Max(clause.Start, number.Span.Start - 60))))
                counted = new Counted(before.Measure, before.Group, true);
            // "… 450,000 casualties. Of those, roughly 150,000 were killed": a part of the figure just before, in its period.
            var partOfBefore = previous is null && before is not null && OfThose().IsMatch(text[clause.Start..number.Span.Start]);
            if (counted is null) continue;

            var ruled = SpeakerOf(text, own, clause, number.Span) ?? nearby;
            var options = SpeakerChoice.Describes(choosing.Weighing) ? SpeakerChoice.Options(own, nearby, ruled, clause, number.Span, choosing.Mentions, choosing.Around) : null;
            var speaker = options is null ? ruled : SpeakerChoice.Choose(options, ruled, choosing.Weighing);
            var borrowed = own.Count == 0;
            var side = speaker is null ? null : Parties.OfSpeaker(speaker.Name, speaker.Title)
                // A governor or a mayor speaks for the place they run.
                ?? (speaker.IsPerson && LocalOffice().IsMatch(speaker.Title) ? Place() : null);
            var after = text[number.Span.End..clause.End];
            var lead = Measures.Lead(after);
            var confidence = 0.95;
            var preceding = text[clause.Start..number.Span.Start];
            var party = Parties.In(lead);
            if (party is null && (Enemy(lead) || Enemy(preceding)) && side is not null) party = Parties.Opposite(side);
            // A report's list ("personnel – about 1,223,790 (+1,030)") under "The total combat losses of the enemy …".
            if (party is null && side is not null && Parties.In(preceding) is null && PreviousEnemy(text, sentence)) party = Parties.Opposite(side);
            // "950,000 casualties since it launched its invasion of Ukraine, including as many as 250,000 soldiers killed": the total's side.
            if (party is null && previous is not null && (Including(text, previousEnd, number) || partAfter || upFrom)) party = previous.Party;
            // "… at about 180,000 and Ukraine's at about 100,000": a side named since the number before is this number's.
            if (party is null && previousEnd > clause.Start && previousEnd < number.Span.Start) party = Parties.Last(text[previousEnd..number.Span.Start]);
            // "Russia's Defence Ministry said 2,439 defenders had surrendered": the side in the speaker's own name says who holds them, not whose they are.
            var unnamed = (counted.Measure == Measure.Captured || Held().IsMatch(after)) && speaker is not null && !borrowed && speaker.At.Start >= clause.Start && speaker.At.End <= number.Span.Start
                ? string.Concat(preceding.AsSpan(0, speaker.At.Start - clause.Start), new string(' ', speaker.At.Length), preceding.AsSpan(speaker.At.End - clause.Start))
                : preceding;
            party ??= Parties.Owner(unnamed) ?? Parties.Last(unnamed);
            // Round 13: "Russia lost more troops in May than in any month, and its killed and wounded now exceed …": a clause's "its" or
            // "their" losses, with no side of their own, are those of the side whose people or losses the sentence named before the clause.
            // A second reader: never of civilians ("their troops killed 40 civilians" names the killers); the clause before read in a bounded window, not the whole sentence once a number.
            if (party is null && counted.Group == Group.Military && clause.Start > sentence.Span.Start && ItsLosses().IsMatch(preceding))
                party = Parties.Owner(SentenceBefore(text, sentence, clause.Start));
            // "Russian strikes killed 232 civilians": the side named is the one doing the killing.
            if (counted.Group is Group.Civilian or Group.All && party is "russia" or "ukraine" && Parties.Agent(preceding) == party && Parties.In(lead) is null)
                party = Parties.Opposite(party);
            // "has updated the toll: 32 killed, 84 wounded", beside an attack: a toll that names no one is of people of every kind.
            var bareToll = !counted.GroupStated && previous is null && nearAttack && Measures.Toll().IsMatch(preceding);
            if (bareToll) counted = counted with { Group = Group.All };
            // Civilians with no side named: where they were, else the speaker's own, else Ukraine where the war is fought.
            // An attack's "death toll" of people is as much theirs as its "killed".
            if ((counted.Group == Group.Civilian || counted.Group == Group.All && (counted.Measure is Measure.Killed or Measure.Wounded
                    || counted.Measure == Measure.Deaths && Measures.Strike().IsMatch(clause.Of(text)))) && party is null)
                party = Place() ?? (side is "russia" or "ukraine" ? side : null) ?? "ukraine";
            var group = counted.Group;
            if (group == Group.All && counted.Measure is Measure.Deaths or Measure.Killed && soldiersByName.Value) group = Group.Military;
            if (!counted.GroupStated && previous is not null) (group, confidence) = (previous.Group, confidence - 0.05);
            // "The capital alone accounts for 16 of the dead": a share of a toll told before is of the same people.
            var shareOfToll = before is not null && OfTheToll().IsMatch(after);
            if (shareOfToll && !counted.GroupStated && previous is null) group = before!.Group;
            // "He put the number of wounded at 98", after a strike's civilian dead: the same toll's people.
            if (!counted.GroupStated && previous is null && nearAttack && before is { Group: Group.Civilian or Group.All } && NumberOfThe().IsMatch(preceding))
                group = before.Group;
            if (party is null && previous is not null) (party, confidence) = (previous.Party, confidence - 0.05);
            // A side's own words: "We have 46,000 killed" is the speaker's side, "They have about 250,000 killed" the other.
            if (party is null && side is "russia" or "ukraine" && Person().Match(preceding.Length > 80 ? preceding[^80..] : preceding) is { Success: true } voice)
                party = voice.Groups["we"].Success ? side : Parties.Opposite(side);
            // "8,000 prisoners remain in Russian captivity": whoever says it, those a side holds are the other side's.
            if (party is null && (counted.Measure == Measure.Captured || Held().IsMatch(after)) && Parties.Captor(after) is { } captor) party = Parties.Opposite(captor);
            // "53 prisoners were killed", "2,439 defenders had surrendered", said by a side: those it holds are the other side's.
            if (party is null && side is "russia" or "ukraine" && counted.Group == Group.Military && (counted.Measure == Measure.Captured || Held().IsMatch(after)))
                party = Parties.Opposite(side);
            // Round 12: "… North Korean soldiers are fighting in Kursk. They have suffered hundreds of casualties": a pronoun or "those
            // units" with no side of its own is the side whose people the sentence before named.
            // A second reader: "Of them, 200 were wounded" is a part of the figure before, whose side it keeps below.
            if (party is null && !partOfBefore && TheyBefore().IsMatch(preceding) && Parties.Owner(Text.Before(text, sentence.Span.Start, 300).ToString()) is { } theirs) party = theirs;
            if (party is null && counted.Measure == Measure.Deaths) party = "both";
            // Nothing names the party: the figure before it in the article, else the speaker's side.
            if (party is null && before is not null) (party, confidence) = (before.Party, partOfBefore ? confidence : confidence - 0.15);
            if (party is null) (party, confidence) = (side ?? "both", confidence - 0.3);
            // A report's "(+1,030)" is the day's increase.
            var bracketed = number.Span.Start >= 2 && text[number.Span.Start - 1] == '+' && text[number.Span.Start - 2] == '(';
            var increase = bracketed || upFrom;
            var period = increase ? new Period(publishedOn, publishedOn)
                : (partOfBefore || shareOfToll) && Periods.Find(Around(text, clause, number), publishedOn) is null ? before!.Period
                : partAfter && Periods.Find(text[number.Span.End..clause.End], publishedOn) is { } partPeriod ? partPeriod
                : Periods.SamePeriod(clause.Of(text)) && (previous ?? before) is { } earlier ? earlier.Period
                : Own(text, clause, numbers, n) is var (ownWords, ownAt) && Periods.Find(ownWords, publishedOn, ownAt) is { } named ? named
                // "16 children were killed during the month": the month named just before, before any other guess.
                : Periods.ThatMonth(clause.Of(text), text, sentence.Span.Start, publishedOn) is { } thatMonth
                    && Periods.Find(Around(text, clause, number, PartAfter(text, numbers, n)), publishedOn) is null ? thatMonth
                // A strike's dead and wounded, with no other time given, are that day's: the attack named in the clause, or (a toll
                // of hundreds, not a war's count) in the sentences just before or the headline.
                : group is Group.Civilian or Group.All && counted.Measure is Measure.Killed or Measure.Wounded or Measure.Deaths
                    && (Measures.Strike().IsMatch(clause.Of(text)) || nearAttack && number.Value < 1_000)
                    && Periods.Find(Around(text, clause, number), publishedOn) is null ? new Period(publishedOn, publishedOn)
                // Soldiers killed by one strike ("63 of its soldiers were killed when a rocket strike hit", "fired two missiles at a
                // meeting, killing more than 60"): that day's too, a few hundred at most, never a war's count.
                : counted.Group is Group.Military && counted.Measure is Measure.Killed or Measure.Wounded && number.Value < 1_000
                    && (Periods.OneAttack(clause.Of(text)) || Participle().IsMatch(preceding) && Periods.OneAttack(SentenceBefore(text, sentence, clause.Start)))
                    && Periods.Find(Around(text, clause, number), publishedOn) is null ? new Period(publishedOn, publishedOn)
                : Periods.Of(Around(text, clause, number, PartAfter(text, numbers, n)), publishedOn, dailyReport, number.Span.Start - clause.Start);
            if (borrowed) confidence -= 0.15;
            if (speaker is null) confidence -= 0.4;
            if (number.Words is not null) confidence -= 0.05;
            if (sentence.Headline) confidence -= 0.2;

            var measure = counted.Measure;
            // A general staff or a defence ministry counting the other side's "losses" counts its killed and wounded together.
            if (measure == Measure.Killed && speaker is not null && (speaker.IsPerson ? Commander().IsMatch(speaker.Title) || Commanders.Contains(speaker.Name) : Staff().IsMatch(speaker.Name))
                && Lost().IsMatch(preceding.Length > 80 ? preceding[^80..] : preceding) && !SaysKilled().IsMatch(after.Length > 40 ? after[..40] : after))
                measure = Measure.KilledOrWounded;
            var qualifier = Qualifiers.Of(text, number, clause);
            // "about 1,041,990, including 1,010 in the past 24 hours", "about 1,000,340 (+1,140)": the part is as approximate as its total.
            if (qualifier == Qualifier.Exact && previous is { Qualifier: Qualifier.Approximately } && (bracketed || partAfter || Including(text, previousEnd, number)))
                qualifier = Qualifier.Approximately;
            // "almost 6,000 Russians have been killed", said by Ukraine: a side's count of the other's people killed is of its soldiers.
            if (group == Group.All && measure is Measure.Killed or Measure.KilledOrWounded && Nationals().IsMatch(lead)
                && AttributionOf(party, side) == Attribution.Adversary)
                group = Group.Military;
            // A police force, an emergency service, a governor or an interior minister counts the people of the country it serves.
            if (side is null && speaker is not null && group is Group.Civilian or Group.All && party is "ukraine" or "russia" && HomeOffice(speaker))
                side = party;
            var figure = new Figure(party, group, measure, number.Value, number.Low, number.High,
                qualifier, period, AttributionOf(party, side), number.Words);
            previous = figure;
            found.Add(new Candidate(StatementKind.Figure, speaker?.Name ?? unattributed, publishedOn, clause.Of(text), clause.Start, clause.End,
                Math.Round(Math.Clamp(confidence, 0.05, 1), 2), Figure: figure) { Headline = sentence.Headline, SpeakerOptions = options });
        }
        return found;
    }

    // The sentence before a clause, at most 300 characters of it: read once a number, so bounded however long the sentence.
    static string SentenceBefore(string text, Sentence sentence, int at) => text[Math.Max(sentence.Span.Start, at - 300)..at];

    // Round 13: "…, killing up to 85 servicemen": a clause that tells what the sentence's action did, whose time is that action's.
    // A second reader: clauses open at ", as …", so the participle may follow a comma inside the number's clause too.
    [GeneratedRegex(@"^\W*(?:killing|wounding|injuring|leaving)\b|,\s*(?:killing|wounding|injuring|leaving)\b[^,;]*$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Participle();

    [GeneratedRegex(@"\b(?:its|their)\s+(?:own\s+)?(?:[\w-]+\s+){0,2}?(?:losses|casualties|killed|dead|toll|troops|soldiers|forces|army)\b(?!\s+(?:killed|destroyed|struck|shelled|hit|attacked|launched|fired|shot|bombed|captured|seized))", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex ItsLosses();

    [GeneratedRegex(@"\b(?:(?:it|that|the\s+(?:figure|number|total|toll|count|tally))\s+(?:was|is|stood\s+at|came\s+to|reached|rose\s+to)|in\s+total,?)\s+(?:[a-z]+\s+){0,2}$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex ItWas();

    [GeneratedRegex(@"\b(?:" + Words.Months + @"|year|month|week|day)['’]s\s+(?:[\w-]+\s+)?(?:total|tally|toll|count|figure)\s+of\s+(?:(?:about|some|around|roughly|nearly|almost|over|more\s+than)\s+)?$", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex TotalOf();

    [GeneratedRegex(@"^\s+of\s+(?:them|those|whom)\s+(?:(?:in|over|during)\s+the\s+(?:past|last|previous|latest|same)|on\s+[A-Z]|since|this|last|yesterday|today|killed|dead|wounded|injured)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex OfThemAfter();

    [GeneratedRegex(@"[,;(]\s*(?:an?\s+)?(?:up|increase\s+of|rise\s+of)\s+(?:by\s+)?$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex UpBy();

    [GeneratedRegex(@"^\s+(?:[a-z]+\s+){0,2}?(?:from|on|since|over|in)\s+(?:yesterday|the\s+(?:previous|past|last)\s+(?:day|24\s+hours)|the\s+day\s+before|a\s+day\s+earlier)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex FromYesterday();

    [GeneratedRegex(@"^\s+of\s+(?:the|those|them|these)\s+(?:dead|killed|victims|wounded|injured|casualties)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex OfTheToll();

    // How a figure's speaker is chosen among those around it, and how often the article names each.
    sealed record Choosing(SpeakerChoice.Weighing Weighing, IReadOnlyDictionary<string, int> Mentions,
        List<(Speaker, int, bool, bool)> Around);

    // The speakers named in the three sentences before this one and the one after, and the article's author.
    static List<(Speaker, int, bool, bool)> Around(List<Speaker>[] speakers, IReadOnlyList<Sentence> sentences, Sentence sentence, Speaker? author)
    {
        var around = new List<(Speaker, int, bool, bool)>();
        for (var i = Math.Max(0, sentence.Index - 3); i <= Math.Min(sentences.Count - 1, sentence.Index + 1); i++)
            if (i != sentence.Index)
                foreach (var s in speakers[i]) around.Add((s, i - sentence.Index, sentences[i].Paragraph == sentence.Paragraph, false));
        if (author is not null) around.Add((author, 0, false, true));
        return around;
    }

    // Where the count before a number ends and the count after it starts (dates and years skipped), or -1.
    static (int PreviousEnd, int NextStart) Neighbours(string text, IReadOnlyList<NumberMention> numbers, int n)
    {
        static bool Skipped(string text, NumberMention m) =>
            Exclusions.IsDate(text, m) || m.Words is null && Numbers.NotACountAround(text, m.Span.Start, m.Span.End);
        var before = n - 1;
        while (before >= 0 && Skipped(text, numbers[before])) before--;
        var after = n + 1;
        while (after < numbers.Count && Skipped(text, numbers[after])) after++;
        return (before >= 0 ? numbers[before].Span.End : -1, after < numbers.Count ? numbers[after].Span.Start : -1);
    }

    // The words of a clause that belong to one number: from the number before it to the number after it.
    static (string Words, int At) Own(string text, Span clause, IReadOnlyList<NumberMention> numbers, int n)
    {
        var (previousEnd, nextStart) = Neighbours(text, numbers, n);
        var from = previousEnd > clause.Start ? previousEnd : clause.Start;
        var to = nextStart > 0 && nextStart < clause.End ? nextStart : clause.End;
        return from < to ? (text[from..to], numbers[n].Span.Start - from) : ("", -1);
    }

    // The clause around a number, with a day's increase in brackets after it
    // ("1,223,790 (+1,030)") left out: its period is its own.
    static string Around(string text, Span clause, NumberMention number, int partAt = -1)
    {
        // "866,760 on Tuesday, including 1,170 over the previous 24 hours": the part's period is its own.
        if (partAt > number.Span.End && partAt < clause.End) clause = new Span(clause.Start, partAt);
        var after = number.Span.End;
        if (after + 2 < clause.End && text[after] == ' ' && text[after + 1] == '(' && text[after + 2] == '+')
        {
            var close = text.IndexOf(')', after, clause.End - after);
            if (close > 0) return text[clause.Start..after] + text[(close + 1)..clause.End];
        }
        return clause.Of(text);
    }

    // Where the next number starts when it is a part of this one ("…, including 1,010 in the past 24 hours"), else -1.
    static int PartAfter(string text, IReadOnlyList<NumberMention> numbers, int n)
    {
        var (_, nextStart) = Neighbours(text, numbers, n);
        return nextStart > numbers[n].Span.End && PartOf().IsMatch(text[numbers[n].Span.End..nextStart]) ? nextStart : -1;
    }

    // A sentence about talks states no position of its own: what it says belongs to the day of talks.
    static bool TalkSentence(string sentence) => sentence.Contains("day of talks", StringComparison.OrdinalIgnoreCase)
        || sentence.Contains("day of discussions", StringComparison.OrdinalIgnoreCase) || sentence.Contains("day of negotiations", StringComparison.OrdinalIgnoreCase);

    // "1,250,000 soldiers …, including 1,020 over the previous 24 hours": a part of the count before it.
    static bool Including(string text, int previousEnd, NumberMention number) =>
        previousEnd >= 0 && previousEnd < number.Span.Start && PartOf().IsMatch(text[previousEnd..number.Span.Start]);

    // The institutions whose daily count of the other side's "losses" is killed and wounded together.
    [GeneratedRegex(@"\bGeneral\s+Staff\b|\b(?:defen[cs]e|war)\s+ministry\b|\bministry\s+of\s+defen[cs]e\b|\bMinistry\s+of\s+Defen[cs]e\b|\bMoD\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Staff();

    // Those who speak for a general staff or a defence ministry: its minister, its commander-in-chief, its chief of staff, its spokesman.
    [GeneratedRegex(@"\b(?:defen[cs]e\s+minister|minister\s+of\s+defen[cs]e|commander-in-chief|chief\s+of\s+(?:the\s+)?general\s+staff|(?:ministry|military)\s+spokes(?:man|woman|person))\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Commander();

    static readonly HashSet<string> Commanders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Sergei Shoigu", "Andrei Belousov", "Valery Gerasimov", "Igor Konashenkov", "Oleksandr Syrskyi", "Valerii Zaluzhnyi", "Oleksii Reznikov",
        "Rustem Umerov", "Denys Shmyhal", "Sergei Rudskoy",
    };

    // "lost 5,937 killed", "lost about 14,000 men killed": the words after the number say killed.
    [GeneratedRegex(@"\b(?:killed|dead|died|deaths)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex SaysKilled();

    // The loss verb itself, as the last words before the number: "has lost about", "had lost up to", "losing".
    [GeneratedRegex(@"\b(?:lost|losing|loses|lose|cost|costs|costing)\s+(?:\S+\s+){0,3}$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Lost();

    // The last pronoun before a number that says whose: "we have", "our losses" (the speaker's side); "they have", "their dead".
    [GeneratedRegex(@"\b(?:(?<we>[Ww]e|[Oo]ur|[Uu]s)|(?<they>[Tt]hey|[Tt]heir))\b(?!.*\b(?:[Ww]e|[Oo]ur|[Uu]s|[Tt]hey|[Tt]heir)\b)", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Person();

    // Whether three lines open with a time stamp: each line's first characters read once, stopping at the third.
    static bool LiveBlog(string text)
    {
        var count = 0;
        for (var i = text.IndexOf('\n'); i >= 0 && count < 3; i = text.IndexOf('\n', i + 1))
            if (TimeStamp().IsMatch(text.AsSpan(i + 1, Math.Min(32, text.Length - i - 1)))) count++;
        return count >= 3;
    }

    // A live blog entry's time stamp: "08:10 —", "14.05:", "09:14 GMT |"; a dash, a colon or a bar after it, as Text's furniture.
    [GeneratedRegex(@"^" + Text.Clock + @"\s*[-—–:|]", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex TimeStamp();

    // The subject that stands for people named before: "they", "their", "those units", "these troops"; the ones who suffered, not the
    // ones who did the killing ("They killed 150 soldiers" counts the others).
    [GeneratedRegex(@"\b(?:(?:[Tt]hey|[Tt]hose\s+(?:units|troops|soldiers|forces)|[Tt]hese\s+(?:units|troops|soldiers|forces))(?!\s+(?:(?:have|had|has|also|then|reportedly)\s+)?(?:killed|kill|destroyed|eliminated|shot|wiped|struck|hit|repelled|captured|took|wounded|downed|neutrali[sz]ed)\b)|[Tt]heir)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex TheyBefore();

    [GeneratedRegex(@"^\s*(?:Of\s+(?:those|them|these|whom)|Among\s+(?:them|those))\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex OfThose();

    // A part of the count just given: "including", "of whom", "among them".
    [GeneratedRegex(@"\b(?:including|includes|included|of whom|of them|among them|of which|among whom|among those)\s+(?:(?:about|some|around|roughly|more than|over|up to|at least|nearly|almost|as many as|no fewer than|somewhere between|somewhere|between|an estimated)\s+)?$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex PartOf();

    static string? NamedIn(ReadOnlySpan<char> words, List<string> people)
    {
        foreach (var p in people) if (words.Contains(p, StringComparison.Ordinal)) return p;
        return null;
    }

    static bool Country(Speaker s) => s.Single && Parties.In(s.Name) is not null;

    // A number that ends its sentence with nothing after it to say what it counts ("…, and its running total at about 592,760").
    static bool Elliptic(string text, NumberMention number, Sentence sentence)
    {
        var after = text.AsSpan(number.Span.End, sentence.Span.End - number.Span.End).Trim().TrimEnd('.').Trim();
        return after.IsEmpty || after.Length < 20 && after.StartsWith("on ", StringComparison.Ordinal);
    }

    // The first sentence of a paragraph that opens "A:" (an interview's answer).
    static bool Answer(string text, Sentence sentence)
    {
        var start = sentence.Span.Start;
        if (start > 0 && text[start - 1] != '\n') return false;
        if (start + 2 <= text.Length && text[start] == 'A' && text[start + 1] == ':') return true;
        // A paragraph in quotation marks after a paragraph that asks: the answer of a question-and-answer interview.
        if (start < text.Length && text[start] is '"' or '“')
        {
            var before = text.AsSpan(0, Math.Max(0, start - 1)).TrimEnd();
            return before.EndsWith("?");
        }
        return false;
    }

    // A paragraph that names nobody, after one whose organisation was speaking ("Russia's Ministry of Defence
    // said …" and then its summary, group by group): the organisation goes on speaking, for up to eight
    // paragraphs; and when it spoke of the past day there, its figures are that day's.
    static (Speaker? Speaker, bool Daily)[] CarriedOver(string text, List<Speaker>[] speakers, IReadOnlyList<Sentence> sentences, Speaker?[] nearest,
        DateOnly publishedOn, Budget budget)
    {
        var carried = new (Speaker?, bool)[sentences.Count];
        (Speaker? Speaker, bool Daily, int Paragraph) last = (null, false, -1);
        // Whether a paragraph speaks of one day, read once a paragraph (from its first sentence to its last).
        var daily = new Dictionary<int, bool>();
        var spans = new Dictionary<int, Span>();
        foreach (var x in sentences)
            spans[x.Paragraph] = spans.TryGetValue(x.Paragraph, out var had) ? new Span(had.Start, x.Span.End) : x.Span;
        bool Daily(int paragraph)
        {
            if (daily.TryGetValue(paragraph, out var known)) return known;
            budget.Check();
            var span = spans[paragraph];
            var words = text.Substring(span.Start, Math.Min(span.Length, 4 * Text.MaxQuote));
            return daily[paragraph] = Periods.Find(words, publishedOn) is { } p && p.To == p.From;
        }
        for (var i = 0; i < sentences.Count; i++)
        {
            var paragraph = sentences[i].Paragraph;
            if (speakers[i].Count == 0 && nearest[i] is null && last.Speaker is not null && paragraph > last.Paragraph && paragraph - last.Paragraph <= 8)
                carried[i] = (last.Speaker, last.Daily);
            if (speakers[i].LastOrDefault() is { } s && !sentences[i].Headline)
                last = s.IsPerson || Country(s) ? (null, false, -1) : (s, Daily(paragraph), paragraph);
        }
        return carried;
    }


    static bool PreviousEnemy(string text, Sentence sentence)
    {
        var start = Math.Max(0, sentence.Span.Start - 300);
        var before = text[start..sentence.Span.Start];
        var lastStop = before.LastIndexOf('\n', Math.Max(0, before.Length - 2));
        return Enemy(lastStop >= 0 ? before[lastStop..] : before);
    }

    static bool Enemy(string lead) => lead.Contains("enemy", StringComparison.OrdinalIgnoreCase);

    // Offices a state keeps at home, not abroad: whoever holds one speaks for the country it serves. A body of the UN, the
    // Red Cross or another organisation abroad ("the UN mission's head") holds none.
    static bool HomeOffice(Speaker speaker) =>
        HomeOffices().IsMatch(speaker.Name) || speaker.IsPerson && HomeOffices().IsMatch(speaker.Title)
            ? !Abroad().IsMatch(speaker.Name) && !Abroad().IsMatch(speaker.Title) : false;

    [GeneratedRegex(@"\b(?:police|emergency\s+services?|emergencies\s+ministry|ministry\s+(?:of\s+)?(?:emergencies|emergency\s+situations)|interior\s+minist(?:er|ry)|minist(?:er|ry)\s+of\s+(?:the\s+)?(?:interior|internal\s+affairs)|governor|mayor|city\s+council|(?:city|regional|oblast|district|military)\s+administration|prosecutor(?:'s|’s)?(?:\s+(?:general|office))?|health\s+ministry|ministry\s+of\s+health)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex HomeOffices();

    [GeneratedRegex(@"\b(?:UN|U\.N\.|United\s+Nations|Red\s+Cross|ICRC|OSCE|WHO|UNICEF|European|EU|NATO|International)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Abroad();

    // "the number of wounded", "the number of dead": a toll's part that names no one.
    [GeneratedRegex(@"\bnumber\s+of\s+(?:the\s+)?(?:wounded|injured|dead|killed|victims)\s+(?:\S+\s+){0,3}$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex NumberOfThe();

    [GeneratedRegex(@"\b(?:Russians|Ukrainians|North\s+Koreans)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Nationals();

    // "40 prisoners", "1,000 Ukrainian POWs": the words right after a number name people held captive.
    [GeneratedRegex(@"^\s*(?:[\w'’-]+\s+){0,2}?(?:prisoners|POWs|captives)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Held();

    static Attribution AttributionOf(string party, string? side) =>
        side is null ? Attribution.ThirdParty
        : party == side ? Attribution.OwnSide
        : (side, party) is ("ukraine", "russia" or "north-korea") or ("russia", "ukraine") ? Attribution.Adversary
        : Attribution.ThirdParty;

    // Each sentence's speakers in text order, made whole across the article: a surname is the full name given
    // elsewhere, an acronym the organisation it stands for, "the ministry" the one named before.
    static List<Speaker>[] SpeakersOf(string text, IReadOnlyList<Sentence> sentences, Speakers.Context context, Budget budget)
    {
        var speakers = new List<Speaker>[sentences.Count];
        foreach (var sentence in sentences)
        {
            budget.Check();
            var found = Speakers.In(text, sentence.Span, context).Select(context.Canonical).ToList();
            speakers[sentence.Index] = found;
            // A headline's "Kyiv says" names nobody the body can lean on.
            if (sentence.Headline) continue;
            if (Speakers.OpenedBy(text, sentence.Span) is { } subject && !found.Any(f => f.At.Start < subject.At.End && subject.At.Start < f.At.End))
                context.Saw(context.Canonical(subject));
            foreach (var s in found) context.Saw(s);
        }
        // "A senior Russian commander said …": the person the next two sentences name, else nobody.
        for (var i = 0; i < speakers.Length; i++)
            for (var k = speakers[i].Count - 1; k >= 0; k--)
                if (speakers[i][k].Pending)
                {
                    budget.Check();
                    var named = Enumerable.Range(i + 1, Math.Min(2, speakers.Length - i - 1))
                        .Select(j => speakers[j].FirstOrDefault(x => x.IsPerson && !x.Pending)?.Name
                            ?? NamedIn(text.AsSpan(sentences[j].Span.Start, Math.Min(sentences[j].Span.Length, 2 * Text.MaxQuote)), context.People))
                        .FirstOrDefault(n => n is not null);
                    if (named is null) speakers[i].RemoveAt(k);
                    else speakers[i][k] = speakers[i][k] with { Name = named, IsReference = false, Pending = false };
                }
        // An interview's answers ("A: …") are the interviewee's: the first person the article names.
        var interviewee = Interviewee(text, context.People)?.Name
            ?? speakers.SelectMany(x => x).FirstOrDefault(x => x.IsPerson && !x.Pending)?.Name ?? context.People.FirstOrDefault();
        if (interviewee is not null)
            foreach (var sentence in sentences)
                if (speakers[sentence.Index].Count == 0 && Answer(text, sentence))
                    speakers[sentence.Index].Add(new Speaker(interviewee, "", new Span(sentence.Span.Start, sentence.Span.Start), true));
        // "Kirby" is the "John Kirby" named before or after, as a speaker or not.
        var people = speakers.SelectMany(s => s).Where(s => s.IsPerson && s.Name.Contains(' ')).Select(s => s.Name).Concat(context.People).Distinct().Take(400).ToList();
        foreach (var list in speakers)
            for (var i = 0; i < list.Count; i++)
                if (list[i] is { IsPerson: true } p && !p.Name.Contains(' ') && people.FirstOrDefault(n => n.EndsWith(" " + p.Name, StringComparison.Ordinal)) is { } full)
                    list[i] = p with { Name = full };
        return speakers;
    }

    // For each sentence, the speaker of its paragraph: the last one named before it, else the first named after.
    static Speaker?[] Nearest(List<Speaker>[] speakers, IReadOnlyList<Sentence> sentences)
    {
        var nearest = new Speaker?[sentences.Count];
        Speaker? seen = null;
        for (var i = 0; i < sentences.Count; i++)
        {
            if (i > 0 && sentences[i].Paragraph != sentences[i - 1].Paragraph) seen = null;
            nearest[i] = seen;
            if (speakers[i].Count > 0) seen = speakers[i][^1];
        }
        seen = null;
        for (var i = sentences.Count - 1; i >= 0; i--)
        {
            if (i < sentences.Count - 1 && sentences[i].Paragraph != sentences[i + 1].Paragraph) seen = null;
            nearest[i] ??= seen;
            if (speakers[i].Count > 0) seen = speakers[i][0];
        }
        return nearest;
    }

    // The speaker of a number: one named in its own clause, else the one nearest it in the sentence.
    static Speaker? SpeakerOf(string text, List<Speaker> speakers, Span clause, Span number)
    {
        if (speakers.Count == 0) return null;
        var inClause = speakers.Where(s => s.At.Start >= clause.Start && s.At.End <= clause.End).ToList();
        var pool = inClause.Count > 0 ? inClause : speakers;
        // "officials estimated 100,000 wounded — well under half of Shoigu's figure": a possessive after the number is compared with.
        if (pool.Any(s => s.At.End <= number.Start) && pool.Any(s => s.At.Start >= number.End && IsPossessive(text, s.At)))
            pool = pool.Where(s => s.At.Start < number.End || !IsPossessive(text, s.At)).ToList();
        // "Zelenskyy said 43,000 were killed and 370,000 wounded, responding to a claim by Trump that …": the one answered made another claim.
        if (pool.Any(s => s.At.End <= number.Start) && pool.Any(s => s.At.Start >= number.End && Answered(text, s.At)))
            pool = pool.Where(s => s.At.Start < number.End || !Answered(text, s.At)).ToList();
        // "Kirby said US intelligence believed …": the one who said it stated the figure, not the source whose belief they told.
        if (Teller(text, pool, number) is { } teller)
            pool = pool.Where(b => !Told(text, teller, b, number)).ToList();
        // "Zelenskyy went on to give Kyiv's estimate: 180,000 …, he said": a country's figure, given by a person of the sentence, is theirs.
        if (pool.Count > 0 && pool.All(s => Country(s) && IsPossessive(text, s.At)) && speakers.FirstOrDefault(s => s.IsPerson) is { } giver)
            pool = [giver];
        // "Russia says" yields to a ministry or a person named beside it.
        if (pool.Any(s => !Country(s)) && pool.Any(Country)) pool = pool.Where(s => !Country(s)).ToList();
        return pool.MinBy(s => s.At.End <= number.Start ? number.Start - s.At.End : s.At.Start - number.End + 1);
    }

    // The first speaker who told another's belief before the number; each compared only with those named within reach after it.
    static Speaker? Teller(string text, List<Speaker> pool, Span number)
    {
        var ordered = pool.OrderBy(s => s.At.Start).ToList();
        for (var i = 0; i < ordered.Count; i++)
            for (var j = i + 1; j < ordered.Count && ordered[j].At.Start - ordered[i].At.End <= TellerReach; j++)
                if (ordered[i].At.End <= number.Start && Told(text, ordered[i], ordered[j], number)) return ordered[i];
        return null;
    }

    // Whether b is named right after a's verb of saying, before the number: "A said B believed N".
    static bool Told(string text, Speaker a, Speaker b, Span number) =>
        b.At.Start > a.At.End && b.At.End <= number.Start && b.At.Start - a.At.End <= TellerReach && !b.IsReference
        && SaidThat().IsMatch(text.AsSpan(a.At.End, b.At.Start - a.At.End));

    // Round 13: the teller may be set off by their role ("Ann Roe, the region's governor, told Ivan Ivanov that …"): the one told
    // is the addressee, not the speaker. Reach covers a role of up to 80 characters.
    const int TellerReach = 130;

    [GeneratedRegex(@"^\s*(?:,\s+[^,;""“”\n]{1,80},)?\s*,?\s*(?:(?:has|had|also|then|later|previously)\s+)?(?:said|says|told(?:\s+\w+){0,2}?|added|wrote|stated)\s+(?:on\s+\w+\s+)?(?:that\s+)?(?:the\s+)?$", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex SaidThat();

    static bool Answered(string text, Span at) =>
        Rejoinder().IsMatch(Text.Before(text, at.Start, 80));

    [GeneratedRegex(@"\b(?:respond(?:ing|ed)|repl(?:ying|ied)|react(?:ing|ed)|in\s+response|in\s+reply|rebutting|rejecting|disputing|dismissing)\s+(?:to\s+)?(?:an?\s+|the\s+)?(?:[a-z]+\s+){0,2}(?:claims?|remarks?|comments?|statements?|figures?|assertions?|estimates?)\s+(?:by|from|of)\s+(?:[\w'’.-]+\s+){0,4}$", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Rejoinder();

    static bool IsPossessive(string text, Span at) =>
        at.End + 1 < text.Length && text[at.End] is '\'' or '’' && text[at.End + 1] == 's';

    // What makes two candidates the same statement (the quote aside: a paragraph printed twice).
    static string Key(Candidate c) => c.Kind switch
    {
        StatementKind.Figure => $"f|{StatementIdentity.Normalise(c.StatedBy)}|{c.Figure}",
        // Days of talks are read once over the whole article: two of one venue are two days, told apart where they were found.
        StatementKind.NegotiationDay => $"n|{c.Start}",
        _ => $"p|{StatementIdentity.Normalise(c.StatedBy)}|{c.Position!.Summary}",
    };
}

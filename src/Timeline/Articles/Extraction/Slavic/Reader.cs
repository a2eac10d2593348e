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
    sealed record Said(string Name, string? Side, Span At, bool IsPerson = false)
    {
        // Named with a first name we know: surer a person than a pair of capitals beside a verb.
        public bool Known { get; init; }
    }

    // "Генштаб" after "Генеральний штаб ЗСУ": one organisation, named as the article first named it. Everyone
    // the text names with a first name we know, in the nominative: a surname alone later is one of them.
    static List<string> People(string text, Lexicon lex)
    {
        var people = new List<string>();
        var capitals = lex.Pattern(@"(?<![\w'’ʼ-])\p{Lu}\p{Ll}[\p{Ll}'’ʼ]+(?:-\p{Lu}\p{Ll}+)?(?![\w'’ʼ])", caseSensitive: true).Matches(text.Length > 50_000 ? text[..50_000] : text);
        for (var k = 0; k + 1 < capitals.Count && people.Count < 200; k++)
            if (lex.FirstNames.ContainsKey(capitals[k].Value) && capitals[k + 1].Index - (capitals[k].Index + capitals[k].Length) == 1
                && Nominative(capitals[k].Value, capitals[k + 1].Value, lex) is var name && !people.Contains(name))
                people.Add(name);
        return people;
    }

    static bool OpensQuote(string sentence) => sentence.TrimStart('–', '—', '-', ' ').StartsWith('«') || sentence.TrimStart('–', '—', '-', ' ').StartsWith('„')
        || sentence.TrimStart('–', '—', '-', ' ').StartsWith('"') || sentence.TrimStart('–', '—', '-', ' ').StartsWith('“');

    static (string, string?) Family(Said s) => (s.IsPerson ? s.Name : s.Name[..Math.Min(3, s.Name.Length)].ToLowerInvariant(), s.Side);

    // The paragraph of a sentence, as text: the strike that killed is often named a sentence before the count.
    static string Paragraph(string text, Dictionary<int, Span> paragraphs, Sentence sentence)
    {
        var span = paragraphs[sentence.Paragraph];
        return span.Length > 3000 ? sentence.Text(text) : span.Of(text);
    }

    // Each paragraph's span, from its first sentence to its last: found once, not walked again for every sentence
    // (a paragraph of thousands of short sentences made that walk grow with the square of its length).
    static Dictionary<int, Span> Paragraphs(IReadOnlyList<Sentence> sentences)
    {
        var spans = new Dictionary<int, Span>();
        foreach (var s in sentences)
            spans[s.Paragraph] = spans.TryGetValue(s.Paragraph, out var known) ? new Span(known.Start, s.Span.End) : s.Span;
        return spans;
    }

    static Period? DaysOf(Match m, Lexicon lex, DateOnly published)
    {
        var to = SlavicNumbers.DateOf(m.Groups["to"].Value, m.Groups["month"].Value, m.Groups["year"].Value, lex, published);
        var from = SlavicNumbers.DateOf(m.Groups["from"].Value, m.Groups["month"].Value, m.Groups["year"].Value, lex, published);
        return from is { } f && to is { } t && f <= t ? new Period(f, t) : null;
    }

    // "до 250 тыс. — погибшие": a full stop after a scale's abbreviation, before a dash or a digit, ends no sentence.
    static IReadOnlyList<Sentence> Joined(string text, IReadOnlyList<Sentence> sentences, Lexicon lex)
    {
        var joined = new List<Sentence>(sentences.Count);
        var abbreviation = lex.Pattern($@"(?<!\w)(?:{string.Join('|', lex.Scales.Where(s => s.Stem.Length <= 4).Select(s => s.Stem))})\.$");
        foreach (var s in sentences)
        {
            if (joined.Count > 0 && joined[^1].Paragraph == s.Paragraph && (text[s.Span.Start] is '—' or '–' or '-' || char.IsDigit(text[s.Span.Start]))
                && abbreviation.IsMatch(joined[^1].Text(text)))
            {
                joined[^1] = joined[^1] with { Span = new Span(joined[^1].Span.Start, s.Span.End) };
                continue;
            }
            joined.Add(s with { Index = joined.Count });
        }
        return joined;
    }

    static Said? FirstOrganisation(string text, Lexicon lex) => Organisation(Head(text), lex);

    // Each organisation's pattern scans what it is given: a sentence's names are looked for in its first 5,000 characters, however long it runs.
    static string Head(string words) => words.Length > 5000 ? words[..5000] : words;

    public static Findings Run(string text, DateOnly publishedOn, string unattributed, Lexicon lex, ExtractionLimits limits, CancellationToken ct)
    {
        var budget = new Budget(limits, ct);
        var found = new List<Candidate>();
        var talks = new List<Candidate>();
        var truncated = false;
        try
        {
            var sentences = Joined(text, Text.Sentences(text), lex);
            budget.Check();
            var people = People(text, lex);
            var sides = new Dictionary<string, string>(StringComparer.Ordinal);
            var author = Author(text, sentences, lex, people);
            var firstOrganisation = FirstOrganisation(text, lex);
            // The opening: the headline and the first lines (a dateline may stand before the summary's own words).
            var opening = string.Join(' ', sentences.Where(s => s.Index < 2 || s.Index < 4 && s.Span.Start < 400).Select(s => s.Text(text)));
            // A text whose headline (or first line) names a strike: its people with no other noun are civilians, its dead and wounded the day's.
            var aboutStrike = sentences.Count > 0 && lex.Pattern(lex.Strike).IsMatch(sentences[0].Text(text));
            var daily = lex.Pattern(lex.DailySummary).IsMatch(opening);
            var week = lex.Pattern(lex.DayRange).Match(opening) is { Success: true } range ? DaysOf(range, lex, publishedOn) : null;
            // Each sentence's own source, then "Про це заявив …" given to the sentence before it.
            var own = new Said?[sentences.Count];
            Said? lastPerson = null, lastOrganisation = author;
            // Round 10: the last man and the last woman named, for "по его словам" and "вона сказала".
            (Said? Him, Said? Her) lastNamed = (null, null);
            void Remember(Said person)
            {
                lastPerson = person;
                lastNamed = IsWoman(person.Name) ? (lastNamed.Him, person) : (person, lastNamed.Her);
            }
            var orgReference = lex.Pattern($@"(?<!\w)(?:{lex.OrgReference})\s+(?:[\w'’ʼ-]+\s+)?(?:{lex.Saying})|(?<!\w)(?:{lex.Saying})\s+(?:у|в|во)\s+(?:{lex.OrgReference})(?!\w)");
            // ", повідомили в ДСНС" closing a sentence: the source given after what it said.
            var trailing = lex.Pattern($@"[,–—-]\s*(?:[–—-]\s*)?(?:{lex.Saying})");
            for (var i = 0; i < sentences.Count; i++)
            {
                budget.Check();
                own[i] = SpeakerIn(text, sentences[i], lex, people, lastPerson, lastNamed, sides);
                // "місія підтвердила", "отметили в ведомстве": the organisation last named, called by a common noun.
                if (own[i] is null && lastOrganisation is not null && orgReference.IsMatch(sentences[i].Text(text))) own[i] = lastOrganisation;
                if (own[i] is { IsPerson: true } person) Remember(person);
                // "Омбудсман Дмитро Лубінець звернув увагу …" then "– наголосив омбудсман": one named in full without a verb of saying is the one a title means next.
                else if (own[i] is null && PersonNamed(sentences[i].Text(text), lex, sides) is { } named)
                {
                    Remember(named);
                    // Round 10: "Официальный представитель Минобороны Игорь Конашенков:" heading a briefing: who speaks what follows.
                    if (sentences[i].Text(text).TrimEnd().EndsWith(':')) own[i] = named;
                }
                // "Умеров был сдержаннее. Он назвал …": a surname of someone named before, opening a sentence, is who "he" is next.
                else if (own[i] is null && Subject(sentences[i].Text(text), lex, people, sides) is { } subject) Remember(subject);
                // "Минобороны России впервые раскрыло …" then "сообщили в ведомстве": an organisation named without a verb is the one a common noun means next.
                if (own[i] is null && Organisation(Head(sentences[i].Text(text)), lex) is { } namedOrganisation) lastOrganisation = namedOrganisation;
                else if (own[i] is { IsPerson: false } organisation) lastOrganisation = organisation;
                // A paragraph's first sentence with no source, the next closing on one: the source of both.
                if (i > 0 && own[i] is not null && own[i - 1] is null && !sentences[i - 1].Headline && sentences[i - 1].Paragraph == sentences[i].Paragraph
                    && trailing.IsMatch(sentences[i].Text(text))) own[i - 1] = own[i];
                // Round 11: "Свой подсчет ведет Офис генпрокурора. По его данным, …": "его", "її" before a source's noun is the one the sentence before
                // named (its source, else an organisation, else a person), not the last man of the text.
                if (own[i] is null && i > 0 && PossessiveSource.IsMatch(sentences[i].Text(text)))
                    own[i] = own[i - 1] ?? NamedFirst(Organisation(Head(sentences[i - 1].Text(text)), lex), PersonNamed(sentences[i - 1].Text(text), lex, sides));
                // "за нашими даними": the person speaking (an interview), else the organisation the text is about.
                if (own[i] is null && lex.Pattern(lex.We).IsMatch(sentences[i].Text(text))) own[i] = lastPerson ?? firstOrganisation;
                // "Лубінець: …" opening a headline: the person named before the colon.
                if (own[i] is null && sentences[i].Headline) own[i] = HeadlineSpeaker(sentences[i].Text(text), lex, people);
                // "Про це повідомив …" after two sentences of the paragraph: the source of each before it that has none.
                if (own[i] is not null && lex.Pattern(lex.AboutThis).IsMatch(sentences[i].Text(text)))
                    for (var j = i - 1; j >= 0 && own[j] is null && (j == i - 1 || sentences[j].Paragraph == sentences[i].Paragraph && !sentences[j].Headline); j--)
                        own[j] = own[i];
                // „… . … ”, – написав Сирський: the quotation's earlier sentences are his too.
                if (own[i] is not null && lex.Pattern($@"[»”""]\s*(?:[,–—-]\s*)+(?:{lex.Saying})").IsMatch(sentences[i].Text(text)) && !OpensQuote(sentences[i].Text(text)))
                    for (var j = i - 1; j >= 0 && j >= i - 4 && sentences[j].Paragraph == sentences[i].Paragraph && own[j] is null; j--)
                    {
                        own[j] = own[i];
                        if (OpensQuote(sentences[j].Text(text))) break;
                    }
            }
            // An organisation is named as the article names it most fully ("Минобороны" in the headline, "Министерство обороны России" in the body).
            var fullest = new Dictionary<(string, string?), string>();
            foreach (var o in own)
                if (o is { IsPerson: false } && (!fullest.TryGetValue(Family(o), out var known) || known.Length < o.Name.Length)) fullest[Family(o)] = o.Name;
            for (var i = 0; i < own.Length; i++)
                if (own[i] is { IsPerson: false } o) own[i] = o with { Name = fullest[Family(o)] };
            // "ООН підтвердила" in a text that names the UN's monitoring mission, "ДСНС" in one that names the emergency service in full.
            // Of several such names, the one named last before the sentence (else first after it).
            var namedInText = new Lazy<List<(string Name, int At)>>(() => NamedOrganisations(Head(text), lex));
            for (var i = 0; i < own.Length; i++)
                if (own[i] is { IsPerson: false } o && IsAcronym(o.Name)
                    && namedInText.Value.Where(n => n.Name.Length > o.Name.Length && Expands(n.Name, o.Name, lex)).ToList() is { Count: > 0 } wholes)
                    own[i] = o with { Name = wholes.FindLast(n => n.At < sentences[i].Span.Start).Name ?? wholes[0].Name };
            var reportAt = -1;
            var roughReport = false;
            Period? since = null, month = null, year = null;
            Said? carried = null, answering = null;
            var carriedTurn = -1;
            var carriedAsked = false;
            Figure? last = null;
            var lastParagraph = -1;
            var headlineGroups = new Dictionary<long, Group>();
            var civiliansStruck = lex.Pattern(@"(?<!\w)(?:все|всі|усі)\s+(?:\w+\s+)?(?:пострадавш|погибш|загибл|постраждал|жертв)\w*\s*(?:[-–—]|были|були|є)\s*(?:мирн|цивільн|гражданск)\w*"
                + @"|(?<!\w)(?:убивств|вбивств|убийств)\w*\s+(?:\w+\s+)?(?:мирн|цивільн|гражданск)\w*"
                // "Число мирных жителей, погибших в результате обстрела, увеличилось": the strike's count named as civilians.
                + @"|(?<!\w)(?:Число|Количество|Кількість)\s+(?:загиблих\s+|погибших\s+)?(?:мирн\w+\s+(?:жител|мешканц)\w*|цивільн\w*|гражданск\w*)"
                // "По его словам, все они - мирные жители."
                + @"|(?<!\w)(?:все|всі|усі)\s+(?:они|вони)\s*(?:[-–—]|были|були|є)\s*(?:мирн|цивільн|гражданск)\w*").IsMatch(Head(text));
            // Read with organisations' names blanked: "Сводка Министерства обороны России" names who speaks, not whose losses.
            var headlineParty = sentences.Count > 0 && sentences[0].Headline
                ? PartyNear("", lex.OrganisationNames.Replace(Head(sentences[0].Text(text)), m => new string(' ', m.Length)), lex, null) : null;
            // Soldiers' own words, not the nations' ("утримує тисячі українців" opens a text about prisoners), within the opening's head.
            var openingSoldiers = lex.Pattern($@"(?<!\w)(?!(?:{lex.Nationals})(?!\w))(?:{lex.Military})").IsMatch(lex.OrganisationNames.Replace(Head(opening), " "));
            var namesDead = lex.Pattern($@"(?<!\w)(?:{lex.NamedList})(?!\w)").IsMatch(text.Length > 5000 ? text[..5000] : text);
            var paragraphs = Paragraphs(sentences);
            foreach (var sentence in sentences)
            {
                budget.Check();
                var words = sentence.Text(text);
                if (reportAt < 0 && lex.Pattern(lex.ReportHeader).IsMatch(words))
                    (reportAt, roughReport) = (sentence.Index, lex.Pattern(@"орієнтовно|ориентировочно|близько|около|approximately").IsMatch(words));
                var mine = own[sentence.Index];
                var paragraph = Paragraph(text, paragraphs, sentence);
                var turn = paragraph.TrimStart() is { Length: > 0 } opened && opened[0] is '—' or '–';
                // A turn that ends on a question asks; dashes also open ordinary direct speech, which answers nothing.
                var asks = turn && paragraph.TrimEnd().EndsWith('?');
                var speaker = mine ?? carried ?? author;
                // An interview's answer with no source of its own is the one interviewed, not the source the question named
                // ("— Міноборони Росії стверджує, що …?" asked, then "— … втрат близько 4 тисяч" answered).
                // The source a question quoted ("— Зеленський заявив, що втрати 43 тисячі. Це так?") is not who answers it.
                if (mine is null && turn && !asks && carriedAsked && carriedTurn >= 0 && carriedTurn != sentence.Paragraph) speaker = answering ?? author;
                if (mine is not null) (carried, carriedTurn, carriedAsked) = (mine, turn ? sentence.Paragraph : -1, asks);
                // The one answering is a person named outside the questions.
                if (mine is { IsPerson: true } && !asks) answering = mine;
                var inReport = reportAt >= 0 && sentence.Index - reportAt <= 20 && lex.Pattern(lex.Personnel).IsMatch(words);
                if (speaker is null && inReport && lex.ReportAuthor is { } issuer) speaker = new Said(issuer, "ukraine", new Span(0, 0));
                if (sentence.Index > 0 && sentences[sentence.Index - 1].Paragraph != sentence.Paragraph) (month, year) = (null, null);
                var figures = Figures(text, sentence, paragraph, lex, speaker, mine is null, publishedOn, unattributed, daily, week, inReport, roughReport, last,
                    new Context(aboutStrike, since, month) { Year = year, InParagraph = lastParagraph == sentence.Paragraph ? last : null, NamesDead = namesDead, HeadlineParty = headlineParty, OpeningSoldiers = openingSoldiers, HeadlineGroups = headlineGroups, CiviliansStruck = civiliansStruck }, budget, ref truncated);
                // "з серпня 2024 року" then "відтоді"; "Грудень 2024 року" then "за місяць": a period named once and meant again.
                if (PeriodNear(lex, publishedOn, words, 0) is { } named)
                {
                    if (named.To is null && named.From != Period.WarStart) since = named;
                    if (named.To is { } end && named.From.Day == 1 && end == named.From.AddMonths(1).AddDays(-1)) month = named;
                }
                // "Отдельно ООН подвела итоги 2024 года. … за год погибли": the year named before.
                if (lex.Pattern(@"(?<![0-9.])(?<year>20[0-9][0-9])\s*(?:года|году|год|року|році|рік)(?!\w)").Match(words) is { Success: true } namedYear
                    && int.Parse(namedYear.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture) is var y and >= 2022 and <= 2100 && y <= publishedOn.Year)
                    year = Period.CalendarYear(y);
                found.AddRange(figures);
                if (figures.Count > 0) (last, lastParagraph) = (figures[^1].Figure, sentence.Paragraph);
                if (found.Count >= budget.Limits.Candidates) { truncated = true; break; }
            }
            if (!truncated)
                foreach (var (day, quote, by) in DaysOfTalks.In(text, sentences, own.Select(o => o is { IsPerson: true } p ? p.Name : null).ToList(), lex, budget))
                    talks.Add(new Candidate(StatementKind.NegotiationDay, by ?? unattributed, publishedOn, quote.Of(text), quote.Start, quote.End,
                        day.Day is null ? 0.6 : 0.8, Negotiation: day));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The budget spent, a pattern timed out, or a text no rule foresaw: what was found stands, and the answer says it stopped.
            truncated = true;
        }
        var amounts = found.Where(c => !c.Headline).Select(c => Amount(c.Figure!)).ToHashSet();
        // Round 11: a headline rounds the figure its text gives in full ("понад 111 тисяч" above "111 387", "почти 59 тысяч" above "58 827"):
        // the same count of the same side's people, told once.
        var body = found.Where(c => !c.Headline && c.Figure!.Value is not null).Take(500).ToList();
        // Near it only: within half the headline's last place ("3 тысячи" over 2 962, not over 3 870), or a last place on the side its bound
        // says ("понад 64 тисячі" over 64 318, not over 63 318); and within a tenth, so "1 мільйон" rounds no day's 1 050.
        static bool Near(long v, long full, Qualifier? q) => Math.Abs(full - v) * 10 <= v && q switch
        {
            Qualifier.AtLeast => full > v && full - v < Unit(v),
            Qualifier.AtMost => full < v && v - full < Unit(v),
            _ => Math.Abs(full - v) * 2 <= Unit(v),
        };
        bool Rounds(Candidate h) => h.Figure!.Value is long v and >= 1000 && body.Any(b => b.Figure!.Party == h.Figure.Party
            && SameCount(b.Figure, h.Figure) && b.Figure.Value is long full && full != v && Near(v, full, h.Figure.Qualifier));
        var distinct = found.Where(c => !c.Headline || !amounts.Contains(Amount(c.Figure!)) && !Rounds(c))
            .DistinctBy(c => (c.StatedBy, c.Figure!.Party, c.Figure.Group, c.Figure.Measure, Amount(c.Figure), c.Figure.Qualifier, c.Figure.Period)).ToList();
        // One figure told twice, once with its qualifier or group and once without ("близько 600" in the report, "600" in the lead): one line, the fuller.
        bool Fuller(Candidate o, Candidate c) => !ReferenceEquals(o, c) && o.StatedBy == c.StatedBy && o.Figure!.Party == c.Figure!.Party && o.Figure.Measure == c.Figure.Measure
            && Amount(o.Figure) == Amount(c.Figure) && o.Figure.Period == c.Figure.Period
            && (o.Figure.Group == c.Figure.Group && c.Figure.Qualifier == Qualifier.Exact && o.Figure.Qualifier is not (Qualifier.Exact or null)
                || c.Figure.Group == Group.All && o.Figure.Group != Group.All && o.Figure.Qualifier == c.Figure.Qualifier);
        if (distinct.Count <= 500) distinct = [.. distinct.Where(c => !distinct.Any(o => Fuller(o, c)))];
        // One speaker's thousands told twice in other words ("5 937 загиблих", then «Ми втратили 5 937 осіб»; "за 2024 год", then "в текущем
        // году"): one figure, the one that names its own time, else as first stated. Not two counts ("загиблих" and "зниклих"), nor two
        // times that begin apart ("у 2023 — 20 тисяч, у 2024 — 20 тисяч").
        bool Dated(Candidate c) => c.Figure!.Period != new Period(Period.WarStart, null);
        if (distinct.Count <= 500)
            distinct = [.. distinct.Where(c => c.Headline || c.Figure!.Value is not >= 1000 || !distinct.Any(o => !o.Headline && !ReferenceEquals(o, c) && o.StatedBy == c.StatedBy
                && o.Figure!.Party == c.Figure.Party && o.Figure.Value == c.Figure.Value && o.Figure.Qualifier == c.Figure.Qualifier
                && SameCount(o.Figure, c.Figure) && (!Dated(o) || !Dated(c) || o.Figure.Period.From == c.Figure.Period.From)
                && (Dated(o) && !Dated(c) || Dated(o) == Dated(c) && o.Start < c.Start)))];
        distinct.AddRange(talks);
        truncated |= distinct.Count > budget.Limits.Candidates;
        return new Findings(distinct.Count > budget.Limits.Candidates ? distinct.GetRange(0, budget.Limits.Candidates) : distinct, truncated);
    }

    static (long?, long?, long?, string?) Amount(Figure f) => (f.Value, f.Low, f.High, f.Qualitative);

    static readonly Regex PossessiveSource = Patterns.Build(@"(?<!\w)(?:по|за)\s+(?:его|ее|её|их|його|її|їх|їхніми)\s+(?:данн|дан|подсч|підрах|оценк|оцінк|информац|інформац|сведени|відомост)\w*", RegexOptions.IgnoreCase);

    // The place of a round number's last digit that is not zero: 1,000 for 59 000, 100 for 12 600.
    static long Unit(long value)
    {
        var unit = 1L;
        while (unit <= value / 10 && value % (unit * 10) == 0) unit *= 10;
        return unit;
    }

    // "10 тисяч загиблих і 10 тисяч зниклих безвісти" are two counts; "загинули" and "загибель" of the same people one.
    static bool SameCount(Figure a, Figure b) => a.Group == b.Group
        && (a.Measure == b.Measure || a.Measure is Measure.Killed or Measure.Deaths && b.Measure is Measure.Killed or Measure.Deaths);

    // What the text said before a sentence that its figures may lean on: a strike
    // in its opening, the last beginning and month it named.
    sealed record Context(bool AboutStrike, Period? Since, Period? Month)
    {
        // The last figure of the paragraph before this sentence, if any.
        public Figure? InParagraph { get; init; }
        // A calendar year the paragraph named before, which "за год", "за рік" mean again.
        public Period? Year { get; init; }
        // The text counts its dead by name: its lists are of the dead.
        public bool NamesDead { get; init; }
        // The text says a strike's victims were civilians ("Все пострадавшие — мирные жители", "вбивство мирних людей").
        public bool CiviliansStruck { get; init; }
        // The headline and first lines speak of soldiers ("назвал потери российской армии").
        public bool OpeningSoldiers { get; init; }
        // Whose losses the headline names ("назвал число погибших российских военных").
        public string? HeadlineParty { get; init; }
        // The headline's figures by amount with their group: "загинули 6 884 цивільних" above "6 884 людини загинули".
        public Dictionary<long, Group>? HeadlineGroups { get; init; }
    }

    static List<Candidate> Figures(string text, Sentence sentence, string paragraph, Lexicon lex, Said? speaker, bool borrowed, DateOnly publishedOn, string unattributed,
        bool daily, Period? week, bool inReport, bool roughReport, Figure? before, Context context, Budget budget, ref bool truncated)
    {
        // Years are no counts and no bounds of a count's words: "Втрати армії у 2024 році перевищили 427 тисяч осіб" keeps "армії".
        // "с 9 по 15 ноября": the days of a range are no counts either.
        var dayRanges = lex.Pattern(lex.DayRange).Matches(sentence.Text(text)).Select(m => new Span(sentence.Span.Start + m.Index, sentence.Span.Start + m.Index + m.Length)).ToList();
        var numbers = SlavicNumbers.In(text, sentence.Span, lex, budget.Limits.NumbersPerSentence, out var capped)
            .Where(x => !IsYear(text, x) && !dayRanges.Any(r => r.Start <= x.Span.Start && x.Span.End <= r.End)).ToList();
        truncated |= capped;
        var found = new List<Candidate>();
        if (numbers.Count == 0) return found;
        var breaks = Breaks(text, sentence.Span, lex);
        // The sentence with the names of organisations blanked: "Міністерство оборони Росії" names no party whose losses these are.
        var masked = Masked(text, sentence, lex, numbers);
        var side = speaker?.Side;
        // The paragraph up to and before this sentence is the same for each of its numbers: read once, when first asked.
        var here = paragraph.IndexOf(sentence.Text(text), StringComparison.Ordinal);
        // The paragraph up to this sentence's end speaks of soldiers: read once, when first asked, not once a number.
        var soldiersSoFar = new Lazy<bool>(() => lex.Pattern($@"(?<!\w)(?:{lex.Military})").IsMatch(paragraph.AsSpan(0, Math.Max(0, Math.Min(paragraph.Length, here + sentence.Span.Length)))));
        var kurskInParagraph = new Lazy<bool>(() => lex.Pattern($@"(?<!\w)(?:{lex.KurskFront})").IsMatch(paragraph));
        var ownInParagraph = new Lazy<bool>(() => side is not null
            && lex.Pattern($@"(?<!\w)(?:{lex.Own})").IsMatch(paragraph[..Math.Max(0, Math.Min(paragraph.Length, here + sentence.Span.Length))]));
        var partyBefore = new Lazy<string?>(() => PartyNear("", paragraph[..Math.Max(0, Math.Min(paragraph.Length, here))], lex, side));
        Figure? previous = null;
        var taken = -1;
        for (var n = 0; n < numbers.Count; n++)
        {
            budget.Check();
            var number = numbers[n];
            if (number.Value is 0 || NotACount(text, number, lex)) continue;
            if (!inReport && NotAboutPeople(text, number, n + 1 < numbers.Count ? numbers[n + 1].Span.Start : sentence.Span.End, lex)) continue;
            var clause = Text.Clause(text, sentence.Span, breaks, number.Span.Start, number.Span.End);
            var from = Math.Max(clause.Start, n > 0 ? numbers[n - 1].Span.End : clause.Start);
            var to = Math.Min(clause.End, n + 1 < numbers.Count ? numbers[n + 1].Span.Start : clause.End);
            if (from > number.Span.Start) from = clause.Start;
            if (to < number.Span.End) to = clause.End;
            // "(+1 020)", "(+ 950)": the day's increase in brackets.
            var plus = number.Span.Start - 1;
            while (plus > 0 && plus > number.Span.Start - 3 && text[plus] is ' ' or '\u00a0') plus--;
            var increase = plus >= 1 && text[plus] == '+' && text[plus - 1] == '(';
            // The whole list in one sentence (a report quoted in a news item): only the number the personnel words lead to, and its increase.
            if (inReport && !increase && !lex.Pattern(lex.Personnel).IsMatch(text[(n > 0 ? numbers[n - 1].Span.End : sentence.Span.Start)..number.Span.Start])) continue;
            // "(+4)" is the day's part of the number before it: a figure only when that number was one ("танків 10 209 (+4)" is not).
            if (increase && taken != n - 1) continue;
            var clauseWords = Of(masked, sentence, clause);
            // An exchange, a rate, a return: said in the number's own stretch of the clause, from the comma before it.
            var comma = number.Span.Start > clause.Start ? text.LastIndexOf(',', number.Span.Start - 1, number.Span.Start - clause.Start) : -1;
            if (lex.Pattern(lex.NotAFigure).IsMatch(Of(masked, sentence, new Span(Math.Max(clause.Start, comma + 1), to)))) continue;
            if (lex.Pattern($@"(?<!\w)(?:{lex.Rate})").IsMatch(clauseWords)) continue;

            Measure measure;
            Group? group;
            var ownNoun = false;
            if (inReport)
                (measure, group) = (Measure.KilledOrWounded, Group.Military);
            else
            {
                Group? listedGroup = null;
                var fromList = false;
                var m = MeasureNear(Of(masked, sentence, new Span(from, to)), number.Span.Start - from, number.Span.End - from, lex,
                        nextNumberEnds: n + 1 < numbers.Count && to == numbers[n + 1].Span.Start)
                    ?? MeasureNear(clauseWords, number.Span.Start - clause.Start, number.Span.End - clause.Start, lex);
                // Dead counted by name: "имена 106 745 погибших".
                if (m == Measure.Killed && lex.Pattern(lex.ByName).IsMatch(text[Math.Max(clause.Start, number.Span.Start - 30)..number.Span.Start])) m = Measure.Deaths;
                if (m is null)
                {
                    // "(+1 020)" after a figure: the day's part of the count before it.
                    if (increase && previous is not null) m = previous.Measure;
                    // "до 1 680 военнослужащих, а на курском направлении — свыше 2 430": the clause leaves out what it shares with the one before.
                    else if (previous is not null && taken == n - 1 && lex.Pattern(@"(?:,\s*(?:а|і|и|та|й)\s|\s[—–]\s)").IsMatch(text[numbers[n - 1].Span.End..number.Span.Start])) m = previous.Measure;
                    // "Із них близько 22 тисяч — мобілізовані": a part of the count before, counted the same way.
                    // A part of a number of the same sentence that was no figure (equipment) is none either.
                    else if ((previous ?? before) is { } whole && (n == 0 || taken == n - 1) && (lex.Pattern(lex.PartOf).IsMatch(text[clause.Start..number.Span.Start]) || PartNamedAfter(text, number, lex))) m = whole.Measure;
                    // "Ще понад 18 тисяч — колишні в'язні": more of what the figure before counted.
                    else if ((previous ?? context.InParagraph) is { } more && lex.Pattern(@"(?<!\w)(?:ще|еще|ещё)\s+(?:\S+\s+)?$").IsMatch(text[Math.Max(clause.Start, number.Span.Start - 16)..number.Span.Start])) m = more.Measure;
                    // "Список … насчитывал 90 019 человек": a list counts what the paragraph said it lists.
                    else if (lex.Pattern($@"(?<!\w)(?:{lex.List})(?!\w)").IsMatch(clauseWords) && lex.Pattern(lex.People).IsMatch(clauseWords)
                        && MeasureNear(paragraph, paragraph.Length, paragraph.Length, lex) is { } listed) (m, listedGroup, fromList) = (listed, GroupNear(paragraph, paragraph.Length, lex), true);
                    else continue;
                }
                measure = m.Value;
                // "Не менее 16 тысяч погибших из списка": in a text that counts its dead by name, its list's dead are deaths.
                // "Среди погибших … почти 10 300 мобилизованных", "чию смерть підтверджено поіменно": the named dead, counted again.
                if (measure == Measure.Killed && context.NamesDead
                    && lex.Pattern($@"(?<!\w)(?:(?:среди|серед|из|із)\s+(?:\w+\s+)?(?:погибш|загибл)\w*|{lex.NamedList})(?!\w)").IsMatch(clauseWords)) measure = Measure.Deaths;
                if (measure == Measure.Killed && context.NamesDead
                    && (fromList || lex.Pattern($@"(?<!\w)(?:{lex.List})(?!\w)").IsMatch(Of(masked, sentence, new Span(number.Span.End, to))))) measure = Measure.Deaths;
                // "Взамен переданы 90 военнопленных": prisoners handed over in an exchange are no figure.
                if (measure == Measure.Captured && lex.Pattern($@"(?<!\w)(?:{lex.HandedOver})(?!\w)").IsMatch(clauseWords)) continue;
                // "поранено понад 150 людей, серед них є діти": the words after "серед них" are the part's, not the count's
                // (right after the number, "17 из них — дети", they are the number's own).
                var partWords = Of(masked, sentence, new Span(number.Span.End, clause.End));
                var groupTo = to;
                if (lex.Pattern(@"(?<!\w)(?:(?:серед|среди|з|із|из)\s+(?:них|яких|которых)|(?:у|в)\s+тому?\s+числ\w*|зокрема|включая)(?!\w)").Match(partWords) is { Success: true } part
                    && (partWords.AsSpan(0, part.Index).ContainsAnyInRange('\u0400', '\u04FF') || partWords.AsSpan(0, part.Index).Contains(',')))
                    (partWords, groupTo) = (partWords[..part.Index], Math.Min(to, number.Span.End + part.Index));
                // "загинули 20 людей" after "удар по цивільних": the number's own noun says people, and a civilian word before it does not make
                // them civilians ("втрати ЗСУ — 100 тисяч людей" are still soldiers).
                ownNoun = lex.Pattern($@"^\s*(?:{lex.People})(?!\w)").IsMatch(Of(masked, sentence, new Span(number.Span.End, groupTo)));
                var nearest = GroupNear(Of(masked, sentence, new Span(from, groupTo)), number.Span.Start - from, lex, number.Span.End - from);
                group = (ownNoun ? GroupNear(Of(masked, sentence, new Span(number.Span.End, groupTo)), 0, lex) ?? (nearest == Group.Military ? nearest : null) : nearest)
                    ?? GroupNear(partWords, 0, lex) ?? listedGroup
                    // "Число мирных жителей, погибших …, увеличилось до 24": the count named at the clause's start says who they were.
                    ?? (lex.Pattern($@"^\W{{0,3}}(?:Число|Количество|Кількість)\s+(?:\w+\s+){{0,1}}(?:{lex.Civilian})").IsMatch(Of(masked, sentence, new Span(clause.Start, Math.Min(clause.End, clause.Start + 60)))) ? Group.Civilian : null);
                // "утримує понад 10 тисяч українців": prisoners and the missing named by their nation are of every kind, not its soldiers.
                if (ownNoun && group == Group.Military && measure is Measure.Captured or Measure.Missing) group = Group.All;
                // A headline's count with its own word for who they were: the body may repeat it with only "людини".
                if (sentence.Headline && group is { } said && number.Value is { } told) context.HeadlineGroups?.TryAdd(told, said);
            }

            var lead = Of(masked, sentence, new Span(number.Span.End, to));
            // Whose they are is said right after the number, before a comma: "560 тысяч военнослужащих, заявил министр обороны России" is not Russia's.
            var cut = lead.TrimStart(' ', '–', '—').Length is var rest && lead.IndexOfAny([',', ';', ':', '.', '«', '»', '(', '"', '”'], lead.Length - rest) is var stop and >= 0 ? stop : lead.Length;
            lead = lead[..cut];
            var preceding = Of(masked, sentence, new Span(from, number.Span.Start));
            // "контингент, який Москва перекинула до Курської області, втратив": a relative clause names no owner.
            foreach (var r in RelativeClauses(preceding, lex)) preceding = preceding[..r.Start] + new string(' ', r.Length) + preceding[r.End..];
            // "43 тисячі загиблих і 370 тисяч поранених українських захисників": whose they are is said once, after the last of them.
            string? coordinated = null;
            if (n + 1 < numbers.Count && numbers[n + 1].Span.Start <= clause.End
                && lex.Pattern(@"(?<!\w)(?:і|й|та|и)\s*$").IsMatch(Of(masked, sentence, new Span(number.Span.End, numbers[n + 1].Span.Start))))
            {
                var next = Of(masked, sentence, new Span(numbers[n + 1].Span.End, n + 2 < numbers.Count ? Math.Min(clause.End, numbers[n + 2].Span.Start) : clause.End));
                var stopAt = next.IndexOfAny([',', ';', ':', '.', '«', '»', '(', '"', '”']);
                coordinated = PartyNear(stopAt >= 0 ? next[..stopAt] : next, "", lex, side);
            }
            string? party;
            var confidence = 0.9;
            // "в том числе", "із них": a part of the count before; "ещё", "кроме того" add to it and are no part of it.
            var namedPart = (previous ?? before) is not null && (lex.Pattern(lex.PartOf).IsMatch(text[clause.Start..number.Span.Start]) || PartNamedAfter(text, number, lex));
            var partOf = namedPart || (previous ?? before) is not null && (n == 0 && lex.Pattern(lex.Further).IsMatch(sentence.Text(text))
                || lex.Pattern(@"(?<!\w)(?:ще|еще|ещё)\s+(?:\S+\s+)?$").IsMatch(text[Math.Max(clause.Start, number.Span.Start - 16)..number.Span.Start]));
            var earlier = previous ?? before;
            var strike = context.AboutStrike || lex.Pattern(lex.Strike).IsMatch(paragraph);
            if (inReport) party = Parties.Opposite(side) ?? "russia";
            else
            {
                // Civilians belong to where they were, not to whoever struck: only a word that says whose they are counts.
                party = group == Group.Civilian ? PartyNear(lead, "", lex, null) ?? coordinated
                    : PartyNear(lead, "", lex, side) ?? coordinated ?? PartyNear("", preceding, lex, side);
                if (party is null && partOf) party = earlier!.Party;
                group ??= previous?.Group ?? (partOf ? earlier!.Group : (Group?)null) ?? (increase ? Group.Military : (Group?)null);
                // "Рада оцінює кількість загиблих мирних жителів у 20 тисяч. Голова ОВА називав від 20 до 22 тисяч загиблих": the same count, the same people.
                if (group is null && context.InParagraph is { } prior && prior.Measure == measure) group = prior.Group;
                if (group is null)
                {
                    // People with no other noun are all people, a strike's too ("удар забрав життя 16 людей"); a side's losses are its soldiers'.
                    var people = lex.Pattern(lex.People).IsMatch(clauseWords);
                    // "Потери ВСУ … 61 207 человек убитыми", "у нас погибли 5 937 человек": a side's killed and wounded told as people, with no strike in
                    // sight, in a paragraph about soldiers, are its soldiers.
                    var soldiers = people && party is null && !strike && side is not null && measure is Measure.Killed or Measure.Wounded or Measure.KilledOrWounded
                        && (context.OpeningSoldiers || soldiersSoFar.Value);
                    // A strike's people ("загиблих унаслідок удару … зросла до шести") are civilians only where the text says so.
                    // Prisoners and the missing told as people ("утримує понад 10 тисяч українців") are of every kind.
                    group = people && measure is Measure.Captured or Measure.Missing ? Group.All : soldiers ? Group.Military : people && (party is null || strike) ? (strike && context.CiviliansStruck || number.Value is { } v && context.HeadlineGroups?.GetValueOrDefault(v, Group.All) == Group.Civilian ? Group.Civilian : Group.All)
                        // A strike's dead or wounded with no noun for who they were are all people, as the guide has it, unless the text said civilians.
                        : party is null && measure is Measure.Killed or Measure.Wounded && strike ? (context.CiviliansStruck ? Group.Civilian : Group.All) : Group.Military;
                    if (group == Group.Civilian) party = PartyNear(lead, "", lex, null) ?? coordinated;
                }
                // Civilians, or a strike's people, with no word for whose: where they were, else the side of who counts them (a governor counts his region's).
                // Captives are held in the captor's land: "тримають у в'язницях на території Росії" says nothing of whose they are.
                if ((group == Group.Civilian || group == Group.All && strike) && party is null or "both")
                    party = measure != Measure.Captured && InRussia(Of(masked, sentence, sentence.Span), lex) ? "russia" : side ?? "ukraine";
                if (party is null && previous is not null) (party, confidence) = (previous.Party, confidence - 0.05);
                // No side named, but "своїх", "собственных" in the sentence or the paragraph before: the speaker's own.
                if (party is null && side is not null && ownInParagraph.Value) party = side;
                // The missing are searched for by their own side: a count of missing with no side named is the speaker's.
                if (party is null && side is not null && measure == Measure.Missing) party = side;
                if (party is null && partyBefore.Value is { } near)
                    (party, confidence) = (near, confidence - 0.1);
                // The dead of a paragraph whose side is said after them ("… погибших в Украине. Большинство из них воевали в «Вагнере»").
                if (party is null && measure == Measure.Deaths && here >= 0)
                    party = PartyNear(paragraph[(here + sentence.Span.Length)..], "", lex, null);
                // Deaths counted again in the same way: the side of the count before.
                if (party is null && measure == Measure.Deaths && before is { Measure: Measure.Deaths } again) party = again.Party;
                // The dead with no side, in a text whose headline names whose dead it counts.
                if (party is null && measure == Measure.Deaths && context.HeadlineParty is { } headlined) party = headlined;
                if (party is null && measure == Measure.Deaths) party = "both";
                // A count with no side in a paragraph of its own: whose losses the headline named, before the last figure's side.
                if (party is null && context.InParagraph is null && context.HeadlineParty is { } told) (party, confidence) = (told, confidence - 0.15);
                if (party is null && before is not null) (party, confidence) = (before.Party, confidence - 0.1);
                if (party is null) (party, confidence) = (Parties.Opposite(side) ?? "both", confidence - 0.3);
            }

            var qualifier = number.IsRange || number.Words is not null ? (Qualifier?)null
                : increase && previous is not null ? previous.Qualifier
                : QualifierOf(text[Math.Max(clause.Start, number.Span.Start - 40)..number.Span.Start], lex);
            if (inReport && qualifier == Qualifier.Exact && roughReport) qualifier = Qualifier.Approximately;

            // "409 270 осіб, зокрема 810 — за минулу добу": the time said after a part's number is the part's, not the total's.
            int? partAfter = n + 1 < numbers.Count && numbers[n + 1].Span.Start < clause.End
                && lex.Pattern(lex.PartOf).IsMatch(text[number.Span.End..numbers[n + 1].Span.Start]) ? numbers[n + 1].Span.Start : null;
            var period = increase ? new Period(publishedOn, publishedOn)
                : inReport ? PeriodNear(lex, publishedOn, Of(masked, sentence, clause), number.Span.Start - clause.Start) ?? new Period(Period.WarStart, null)
                // "відтоді": from the beginning named before; "за місяць": the month named before.
                : (lex.Pattern($@"(?<!\w)(?:{lex.SinceThen})(?!\w)").IsMatch(clauseWords) ? context.Since : null)
                    ?? PeriodNear(lex, publishedOn, Of(masked, sentence, new Span(from, to)), number.Span.Start - from)
                    ?? PeriodNear(lex, publishedOn, partAfter is { } partStart ? Of(masked, sentence, new Span(clause.Start, partStart)) : clauseWords, number.Span.Start - clause.Start)
                    ?? (lex.Pattern($@"(?<!\w)(?:{lex.ThatMonth})(?!\w)").IsMatch(clauseWords) ? context.Month : null)
                    ?? (lex.Pattern(@"(?<!\w)за\s+(?:(?:этот\s+|тот\s+|весь\s+|цей\s+|той\s+|увесь\s+)?(?:год|рік)|(?:двенадцать|дванадцять|12)\s+(?:месяцев|місяців))(?!\w)").IsMatch(clauseWords) ? context.Year : null)
                    ?? (partOf ? earlier!.Period : null)
                    // "У 2024 році загинули 2 088 мирних жителів, а поранення дістали 9 138": the clause leaves out the period it shares.
                    ?? (previous is not null && taken == n - 1 && lex.Pattern(@",\s*(?:а|і|и|та|й)\s").IsMatch(text[numbers[n - 1].Span.End..number.Span.Start])
                        && !lex.Pattern(lex.Total).IsMatch(clauseWords) ? previous.Period : null)
                    ?? EventDay(clauseWords, number.Span.Start - clause.Start, lex, publishedOn)
                    // A strike's dead and wounded, with no other time given, are that day's.
                    ?? (group is Group.Civilian or Group.All && (measure is Measure.Killed or Measure.Wounded or Measure.Deaths || measure is Measure.Missing && context.AboutStrike) && strike
                        ? new Period(publishedOn, publishedOn) : null)
                    ?? (party is "north-korea" ? null : KurskSince(lex, publishedOn, clauseWords, kurskInParagraph, daily && !lex.Pattern(lex.Total).IsMatch(clauseWords)))
                    ?? (lex.Pattern(lex.Total).IsMatch(Of(masked, sentence, sentence.Span)) ? new Period(Period.WarStart, null)
                        : week ?? (daily ? new Period(publishedOn, publishedOn) : new Period(Period.WarStart, null)));

            // A strike's toll reported the day after is dated the report's day (the guide), not the strike's.
            if (strike && group is Group.Civilian or Group.All && period.From == publishedOn.AddDays(-1) && period.To == period.From) period = new Period(publishedOn, publishedOn);
            // "орієнтовно … 881 140 осіб, із них 1 250 — за минулу добу": the day's part of a rough total is as rough.
            if (partOf && qualifier == Qualifier.Exact && earlier!.Qualifier == Qualifier.Approximately && period.To == period.From && earlier.Period.To is null)
                qualifier = Qualifier.Approximately;
            // Round 11: "не менее 12 456 мирных жителей, в том числе 669 детей": a part with no bound of its own, of a count said as a floor,
            // is counted the same way, a floor too.
            else if (namedPart && qualifier == Qualifier.Exact && earlier!.Qualifier == Qualifier.AtLeast && earlier.Measure == measure) qualifier = Qualifier.AtLeast;
            if (borrowed) confidence -= 0.1;
            if (speaker is null) confidence -= 0.4;
            if (number.Words is not null) confidence -= 0.05;
            if (sentence.Headline) confidence -= 0.2;
            var figure = new Figure(party, group ?? Group.Military, measure, number.Value, number.Low, number.High, qualifier, period, AttributionOf(party, side), number.Words);
            previous = figure;
            taken = n;
            found.Add(new Candidate(StatementKind.Figure, speaker?.Name ?? unattributed, publishedOn, clause.Of(text), clause.Start, clause.End,
                Math.Round(Math.Clamp(confidence, 0.05, 1), 2), Figure: figure) { Headline = sentence.Headline });
        }
        return found;
    }

    // Whether the words right after a number name something other than people ("21 254 бойові
    // броньовані машини", "2 тисячі звернень"): up to three words before a comma, a short word or
    // the next number, none of them a person, a side or a measure.
    static bool NotAboutPeople(string text, NumberMention number, int next, Lexicon lex)
    {
        var after = text[number.Span.End..Math.Min(next, Math.Min(text.Length, number.Span.End + 80))];
        // A prefix is allowed: "тяжкопоранених", "тяжелораненых".
        var person = lex.Pattern($@"^\w{{0,6}}?(?:{lex.Persons}|{lex.People}|{lex.Military}|{lex.Civilian}|{lex.Russia}|{lex.Ukraine}|{lex.NorthKorea}|{lex.Enemy}|{string.Join('|', lex.Measures.Select(m => m.Pattern))})");
        var function = lex.Pattern($@"^(?:{lex.Function})$");
        var content = 0;
        foreach (Match w in lex.Pattern(@"[\p{L}'’ʼ-]+|[^\p{L}\s'’ʼ-]").Matches(after))
        {
            if (!char.IsLetter(w.Value[0])) return content > 0;
            if (content == 0 && lex.Scales.Any(sc => w.Value.StartsWith(sc.Stem, StringComparison.OrdinalIgnoreCase))) continue;
            if (function.IsMatch(w.Value)) return content > 0;
            if (person.IsMatch(after[w.Index..])) return false;
            if (++content == 3) return true;
        }
        return content > 0;
    }

    // Whether the words name a place in Russia, not Russia as the one who struck ("вторгнення Росії", "удару Росії").
    static bool InRussia(string words, Lexicon lex)
    {
        foreach (Match m in lex.Pattern($@"(?<!\w)(?:{lex.RussianPlaces})").Matches(words))
            if (!lex.Pattern(lex.Aggression).IsMatch(words[Math.Max(0, m.Index - 30)..m.Index])) return true;
        return false;
    }

    // A day named before the number ("17 червня в Києві … загинули 28"), not one a count stood at
    // ("станом на 3 березня") nor the day something was said ("ввечері 13 квітня повідомили"): the
    // day of what killed, when it is no later than the text.
    static Period? EventDay(string words, int at, Lexicon lex, DateOnly published)
    {
        (words, at) = Near(words, at);
        foreach (var (span, date) in SlavicNumbers.Dates(words, lex, published))
        {
            if (span.End > at || date > published || date < published.AddDays(-92)) continue;
            if (lex.Pattern($@"(?<!\w)(?:{lex.AsOf})$").IsMatch(words[Math.Max(0, span.Start - 24)..span.Start])) continue;
            if (lex.Pattern($@"(?<!\w)(?:{lex.Saying})").IsMatch(words[Math.Max(0, span.Start - 24)..Math.Min(words.Length, span.End + 24)])) continue;
            return new Period(date, date);
        }
        return null;
    }

    // "Лубінець: …" at a headline's start: a person the text names in full, or an organisation.
    static Said? HeadlineSpeaker(string headline, Lexicon lex, List<string> people)
    {
        if (lex.Pattern(@"^\s*(?<name>\p{Lu}[\p{L}'’ʼ-]+(?:\s+\p{Lu}[\p{L}'’ʼ-]+){0,2})\s*:", caseSensitive: true).Match(headline) is not { Success: true } m) return null;
        var name = m.Groups["name"].Value;
        var surname = name.Split(' ')[^1];
        if (people.FirstOrDefault(p => p.EndsWith(" " + surname, StringComparison.Ordinal) || p == name) is { } full) return new Said(full, SideOf(full, lex), new Span(0, m.Length), true);
        return Organisation(name, lex);
    }

    static Attribution AttributionOf(string party, string? side) =>
        side is null ? Attribution.ThirdParty
        : party == side ? Attribution.OwnSide
        : (side, party) is ("ukraine", "russia" or "north-korea") or ("russia", "ukraine") ? Attribution.Adversary
        : Attribution.ThirdParty;

    // The part of the masked sentence that stands where span stands in the text.
    static string Of(string masked, Sentence sentence, Span span)
    {
        var start = Math.Clamp(span.Start - sentence.Span.Start, 0, masked.Length);
        var end = Math.Clamp(span.End - sentence.Span.Start, start, masked.Length);
        return masked[start..end];
    }

    // Names are blanked only within MaskReach of a number: the words a number's fields are read from, in one pass over
    // each stretch (a hostile sentence of 150,000 characters and one number was once read whole, once a name).
    const int MaskReach = 1000;

    static string Masked(string text, Sentence sentence, Lexicon lex, IReadOnlyList<NumberMention> numbers)
    {
        var words = sentence.Text(text);
        var chars = words.ToCharArray();
        var stretches = new List<(int From, int To)>();
        foreach (var n in numbers)
        {
            var (from, to) = (Math.Max(0, n.Span.Start - sentence.Span.Start - MaskReach), Math.Min(words.Length, n.Span.End - sentence.Span.Start + MaskReach));
            if (stretches.Count > 0 && from <= stretches[^1].To) stretches[^1] = (stretches[^1].From, Math.Max(stretches[^1].To, to));
            else stretches.Add((from, to));
        }
        foreach (var (from, to) in stretches)
        {
            for (var m = lex.OrganisationNames.Match(words, from, to - from); m.Success; m = m.NextMatch())
                Array.Fill(chars, ' ', m.Index, m.Length);
            // "удара ВСУ по центру Белгорода": who struck names no party whose dead these are.
            for (var m = lex.Pattern(lex.StrikeAgent).Match(words, from, to - from); m.Success; m = m.NextMatch())
                Array.Fill(chars, ' ', m.Groups["agent"].Index, m.Groups["agent"].Length);
        }
        return new string(chars);
    }

    static IReadOnlyList<Span> Breaks(string text, Span sentence, Lexicon lex)
    {
        var breaks = new List<Span>();
        foreach (Match m in lex.Pattern(@";\s+|,\s+(?=(?:а|але|проте|однак|тоді\s+як|но|однако|тогда\s+как|в\s+то\s+время\s+как)\s)").Matches(sentence.Of(text)))
            breaks.Add(new Span(sentence.Start + m.Index, sentence.Start + m.Index + m.Length));
        return breaks;
    }

    // A year: four plain digits between 1990 and 2035.
    static bool IsYear(string text, NumberMention number) =>
        number.Words is null && !number.IsRange && number.Span.Length == 4 && int.TryParse(text.AsSpan(number.Span.Start, 4), out var year) && year is >= 1990 and <= 2035;

    static bool NotACount(string text, NumberMention number, Lexicon lex)
    {
        if (number.Words is not null) return false;
        var after = text.AsSpan(number.Span.End, Math.Min(30, text.Length - number.Span.End)).ToString();
        if (lex.Pattern($@"^\s*(?:{lex.NotACountAfter})").IsMatch(after)) return true;
        var before = text[Math.Max(0, number.Span.Start - 20)..number.Span.Start];
        // "телеканалу «Россия 24»", "«Шторм Z»": a number that closes a name in quotation marks is part of the name.
        if (after.StartsWith('»') && lex.Pattern(@"«\p{Lu}[\w-]*\s*$", caseSensitive: true).IsMatch(before)) return true;
        // "на Набережній Перемоги, 118", "на улице Ленина, 12": a house number after its street.
        if (lex.Pattern(@"(?<!\w)(?:вул\.|вулиц\w*|проспект\w*|просп\.|набережн\w*|провул\w*|бульвар\w*|площ(?:а|і|у|адь|ади|аді)(?!\w)|улиц\w*|ул\.|переул\w*)\s*(?:\p{Lu}[\w'’ʼ.-]*\s*){1,3},\s*$")
                .IsMatch(Text.Before(text, number.Span.Start, 60))
            // "вулиця Сумська, 3 загиблих": a count after the street is still a count.
            && !lex.Pattern($@"^\s*(?:\w+\s+)?(?:{lex.People}|{lex.Civilian}|{lex.Military}|загибл\w*|погибш\w*|поранен\w*|ранен\w*|убит\w*|вбит\w*)").IsMatch(after)) return true;
        // The same in straight or curly quotes: "телеканалу "Россия 24"" (an opening quote right after a space or a word's start).
        if (after.Length > 0 && after[0] is '"' or '“' or '”' && lex.Pattern(@"(?:^|\s)[""“„]\p{Lu}[\w-]*\s*$", caseSensitive: true).IsMatch(before)) return true;
        return lex.Pattern(lex.NotACountBefore).IsMatch(before) && !lex.Pattern(@"(?:до|до\s+)\s*$").IsMatch(before);
    }

    // The measure of the number between at and end in words: the words right after it up to a
    // comma or a dash ("183 загиблих"), else the nearest before it ("загинули понад 46 тисяч"),
    // else the nearest after; a compound before its parts.
    static Measure? MeasureNear(string words, int at, int end, Lexicon lex, bool nextNumberEnds = false)
    {
        var stop = end;
        // "15 тисяч – убитими": a dash right after the number leads to its measure.
        while (stop < words.Length && (char.IsWhiteSpace(words[stop]) || words[stop] is '–' or '—') && stop - end < 4) stop++;
        while (stop < words.Length && words[stop] is not (',' or ';' or ':' or '–' or '—' or '‒' or '-' or '«' or '»' or '"' or '„' or '“' or '”' or '.' or '(')) stop++;
        (Measure Measure, int Distance)? after = null, before = null, beyond = null, around = null;
        var taken = new List<Span>();
        foreach (var (pattern, measure) in lex.Measures)
            foreach (Match m in lex.Pattern($@"(?<!\w)(?:{pattern})").Matches(words))
            {
                var span = new Span(m.Index, m.Index + m.Length);
                if (taken.Any(t => t.Start < span.End && span.Start < t.End)) continue;
                taken.Add(span);
                // Round 10: "погибли 16 тысяч военных и было потеряно около 300": a measure after "и" past this number's words that leads the
                // next number (at most two words, a qualifier, between) is that number's; this one's is before it. "61 207 убитыми и 49 368
                // ранеными" keeps its own.
                if (span.Start >= end && span.Start < stop && nextNumberEnds && LeadsNext(words, end, span, lex))
                    { if (beyond is null || span.Start - end < beyond.Value.Distance) beyond = (measure, span.Start - end); }
                else if (span.Start >= end && span.Start < stop) { if (after is null || span.Start - end < after.Value.Distance) after = (measure, span.Start - end); }
                else if (span.End <= at) { if (before is null || at - span.End < before.Value.Distance) before = (measure, at - span.End); }
                else if (span.Start >= end && (beyond is null || span.Start - end < beyond.Value.Distance)) beyond = (measure, span.Start - end);
                // "Уничтожено до 75 военнослужащих": a measure whose words hold the number itself.
                else if (span.Start < at && span.End >= end) around ??= (measure, 0);
            }
        return after?.Measure ?? around?.Measure ?? before?.Measure ?? beyond?.Measure;
    }

    static bool LeadsNext(string words, int end, Span measure, Lexicon lex) =>
        lex.Pattern(@"(?<!\w)(?:и|і|й|та|а)\s").IsMatch(words.AsSpan(end, measure.Start - end)) && lex.Pattern(@"^\s*(?:[\w-]+\s+){0,2}$").IsMatch(words.AsSpan(measure.End));

    static int Distance(Span s, int at) => at < s.Start ? s.Start - at : at >= s.End ? at - s.End + 1 : 0;

    // "волонтерів встановила імена 106 745 російських військових": the noun after a number is counted from its end, so its own noun is nearest.
    static Group? GroupNear(string words, int at, Lexicon lex, int? end = null)
    {
        // "і військових, і цивільних": both kinds, all people.
        if (lex.Pattern($@"(?<!\w)(?:{lex.Civilian})").IsMatch(words) && lex.Pattern(@"(?<!\w)(?:військов\w*|военн\w*|военнослужащ\w*|військовослужбов\w*)").IsMatch(words)
            && lex.Pattern(@"(?<!\w)(?:і|и|та)\s+(?:військов|цивільн|военн|гражданск|мирн)\w*").IsMatch(words)) return Group.All;
        (Group Group, int Distance)? best = null;
        void Try(string pattern, Group g, string w, int a)
        {
            foreach (Match m in lex.Pattern($@"(?<!\w)(?:{pattern})").Matches(w))
            {
                var d = end is { } e && m.Index >= e ? m.Index - e : Distance(new Span(m.Index, m.Index + m.Length), a);
                if (best is null || d < best.Value.Distance) best = (g, d);
            }
        }
        Try(lex.Civilian, Group.Civilian, words, at);
        Try(lex.Military, Group.Military, words, at);
        if (best is not null) return best.Value.Group;
        return null;
    }

    // The party named nearest the number: after it first ("військових РФ"), then
    // before it; "противник" is the speaker's other side.
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
                    // "погибших в Украине": where they died, not whose they were.
                    if (lex.Pattern(@"(?<!\w)(?:в|у|на|по|із|из|з|с|со|до)\s+$").IsMatch(words[Math.Max(0, m.Index - 5)..m.Index])) continue;
                    // "атаки украинского беспилотника", "удару російської ракети": the one who struck, not whose they were.
                    if (lex.Pattern($@"(?<!\w)(?:{lex.Strike})\s+$").IsMatch(words[Math.Max(0, m.Index - 20)..m.Index])) continue;
                    // "вторгнення Росії", "російського авіаудару", "російська ракета": the side that invaded or struck, named before or after the blow
                    // (with at most an adjective between: "Російські війська атакували … і втратили" names the side that lost).
                    if (lex.Pattern($@"(?<!\w)(?:{lex.Invasion})").IsMatch(words[Math.Max(0, m.Index - 24)..m.Index])
                        || lex.Pattern($@"^\s+(?:\w+(?:ого|ої|ою|ому|ий|ій|их|ым|ый|ой|ая|ое|ей)\s+)?(?:авіа|авиа)?(?:{lex.Strike})").IsMatch(words[(m.Index + m.Length)..Math.Min(words.Length, m.Index + m.Length + 40)])) continue;
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

    // "орієнтовно склали 776 890", "около составили": the qualifier stands before the verb that gives the amount.
    static Qualifier QualifierOf(string before, Lexicon lex) =>
        QualifierOfWords(lex.Pattern(@"(?<!\w)(?:склал\w*|складають|становил\w*|становлять|становить|составил\w*|составля\w*)\s*$")
            .Replace(lex.Pattern(@"(?<!\w)(?:о|об|про|в|у)\s*$").Replace(before, ""), ""), lex);

    // "примерно о 15 тысячах", "почти в 400 тысяч": the preposition between the word and the number changes nothing.
    static Qualifier QualifierOfWords(string before, Lexicon lex) =>
        lex.Pattern(lex.RoseTo).IsMatch(before) ? Qualifier.Exact
        : lex.Pattern(@"(?<!\w)не\s+(?:менее|меньше|менше|менш)\s+(?:ніж\s+|чем\s+)?$").IsMatch(before) ? Qualifier.AtLeast
        : lex.Pattern(lex.AtMost).IsMatch(before) ? Qualifier.AtMost
        : lex.Pattern(lex.AtLeast).IsMatch(before) ? Qualifier.AtLeast
        : lex.Pattern(lex.Approximately).IsMatch(before) ? Qualifier.Approximately
        : Qualifier.Exact;

    // The words within Reach of a place: a time said further off is not a number's (no sentence of the corpus comes near), and a
    // hostile sentence of 150,000 characters is read for its times in 1,200 characters, not some forty times whole.
    const int Reach = 600;

    static (string Words, int At) Near(string words, int at)
    {
        if (words.Length <= 2 * Reach) return (words, at);
        var from = Math.Clamp(at - Reach, 0, words.Length);
        return (words[from..Math.Min(words.Length, from + 2 * Reach)], at - from);
    }

    // Round 11's two checks for words, not deeds, built once a lexicon: PeriodNear runs several times a number.
    sealed record SpeechPatterns(Regex WhenSaid, Regex SaidAfterDate);
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Lexicon, SpeechPatterns> speech = new();
    static SpeechPatterns Speech(Lexicon lex) => speech.GetValue(lex, l => new SpeechPatterns(
        l.Pattern($@"^\s*(?:року|роки|года|г\.|р\.)?\s*,\s*(?:коли|когда)(?!\w)[^,.;]{{0,80}}?(?<!\w)(?<!так\s)(?:{l.Spoken})"),
        l.Pattern($@"^\s*(?:року|года|р\.|г\.)?\s*(?:\p{{Ll}}+\s+)?(?:{l.Spoken})")));

    // The period the words name nearest the number at at, or null.
    static Period? PeriodNear(Lexicon lex, DateOnly published, string words, int at)
    {
        (words, at) = Near(words, at);
        (Period Period, int Distance)? best = null;
        void Add(Match m, Period? p)
        {
            if (!m.Success || p is null) return;
            // "с сентября 2022 года, когда министр назвал …": the time of what the clause goes on to tell, not the count's.
            // "с 4 июня, когда началось их контрнаступление" names what began then: the count's beginning after all.
            // Round 11: so does any clause that tells of a deed, not of words ("с августа, когда подразделения вторглись", "з грудня, коли
            // вони вперше пішли в атаки"): only a verb of saying within the clause makes the time the saying's ("так называемое" is none).
            if (Speech(lex).WhenSaid.IsMatch(words[(m.Index + m.Length)..])) return;
            var d = Distance(new Span(m.Index, m.Index + m.Length), at);
            if (best is null || d < best.Value.Distance) best = (p, d);
        }
        var cumulative = new Period(Period.WarStart, null);
        // "найкривавішим місяцем від початку вторгнення": the beginning a record is measured from, not the count's period.
        var record = lex.Pattern(lex.SinceInvasion).Match(words) is { Success: true } si
            && lex.Pattern(@"(?<!\w)(?:най|наи|сам|рекорд)\w*\s+(?:\w+\s+)?$").IsMatch(words[Math.Max(0, si.Index - 40)..si.Index]);
        // A beginning the war knows by name outranks the words around it.
        foreach (var (pattern, since) in lex.Since)
            if (lex.Pattern(pattern).Match(words) is { Success: true }) return new Period(since, null);
        if (lex.Pattern(lex.UntilEndOf).Match(words) is { Success: true } until)
            Add(until, new Period(Period.WarStart, new DateOnly(int.Parse(until.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture), 12, 31)));
        if (lex.Pattern(lex.DayRange).Match(words) is { Success: true } days) Add(days, DaysOf(days, lex, published));
        // In text order: the worded dates come first from Dates, the dotted after, and a range reads the next date in the text.
        var dates = SlavicNumbers.Dates(words, lex, published).OrderBy(d => d.At.Start).ToList();
        // Round 11: "Минобороны 17 февраля заявило, что за последние сутки …": the day's count is of the day it was said, when the sentence dates it.
        var dayCount = lex.Pattern(lex.Day).Match(words);
        var saidOn = !dayCount.Success ? null : dates.Where(d => d.Date <= published && d.Date > Period.WarStart
            && Speech(lex).SaidAfterDate.IsMatch(words[d.At.End..Math.Min(words.Length, d.At.End + 40)])).Select(d => (DateOnly?)d.Date).FirstOrDefault();
        Add(dayCount, new Period(saidOn ?? published, saidOn ?? published));
        if (!record) Add(lex.Pattern(lex.SinceInvasion).Match(words), cumulative);
        Add(lex.Pattern(lex.ThisYear).Match(words), new Period(new DateOnly(published.Year, 1, 1), null));
        if (lex.Pattern($@"(?<!\w)(?:{lex.LastYear})").Match(words) is var ly && !WhenSaid(words, ly, at, lex)) Add(ly, new Period(new DateOnly(published.Year - 1, 1, 1), new DateOnly(published.Year - 1, 12, 31)));
        // "із них 531 – у п'ятницю": the last such weekday up to the text's date, unless it is when something was said.
        for (var d = 0; d < 7; d++)
            if (lex.Pattern($@"(?<!\w)(?:у|в|во)\s+{lex.Weekdays[d]}(?!\w)").Match(words) is { Success: true } wd && !WhenSaid(words, wd, at, lex)
                // "— сказал он в воскресенье", "— написав Сирський у телеграмі в середу": the day of saying.
                && !lex.Pattern($@"(?<!\w)(?:{lex.Saying})\s+(?:\S+\s+){{0,4}}$").IsMatch(words[Math.Max(0, wd.Index - 60)..wd.Index]))
            {
                var day = published;
                while ((int)day.DayOfWeek != (d + 1) % 7) day = day.AddDays(-1);
                Add(wd, new Period(day, day));
            }
        // At a word's start: "у лютому 2022 року" is no "у 2022 році" read from the last letter of "лютому".
        if (lex.Pattern($@"(?<!\w)(?:{lex.Year})").Match(words) is { Success: true } y && int.Parse(y.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture) is var year and >= 2022 and <= 2100)
            Add(y, Period.CalendarYear(year));
        // "с начала 2024 года", "з початку 2025 року": from that year's first day on.
        if (lex.Pattern($@"(?<!\w)(?:{lex.SinceStartOf})\s+(?<year>20[0-9][0-9])\s*(?:года|року|г\.|р\.)").Match(words) is { Success: true } sy
            && int.Parse(sy.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture) is var startYear and >= 2022 and <= 2100)
            Add(sy, startYear == 2022 ? cumulative : new Period(new DateOnly(startYear, 1, 1), null));
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
        var invasion = lex.Pattern(lex.SinceInvasion).Match(words);
        for (var month = 0; month < 12; month++)
            if (lex.Pattern($@"(?<!\w)(?:(?:у|в|во)\s+{lex.MonthsIn[month]}|за\s+{lex.MonthsNamed[month]}|{lex.MonthsNamed[month]}(?=\s+20\d\d))(?:\s+(?<year>20[0-9][0-9]))?(?!\w)").Match(words) is { Success: true } mi)
            {
                // "з початку вторгнення в лютому 2022 року": the month of the beginning, not a month's count.
                // "с начала полномасштабного вторжения России в феврале 2022 года": the invader named between changes nothing.
                if (invasion.Success && mi.Index >= invasion.Index + invasion.Length && mi.Index - (invasion.Index + invasion.Length) <= 24
                    && lex.Pattern(@"^\s*(?:\S+\s+)?$").IsMatch(words[(invasion.Index + invasion.Length)..mi.Index])) continue;
                // "У грудні президент називав …: 43 тисячі": when it was said, not what the count is of.
                if (!mi.Value.StartsWith("за", StringComparison.OrdinalIgnoreCase) && WhenSaid(words, mi, at, lex)) continue;
                // "Зеленський називав цифри в лютому: 46 тисяч": a month right after a verb of saying is when it was said (a month of recording stays the count's).
                if (lex.Pattern($@"(?<!\w)(?<verb>{lex.Saying})\s+(?:\S+\s+){{0,3}}$").Match(words[Math.Max(0, mi.Index - 50)..mi.Index]) is { Success: true } sayingBefore
                    && !lex.Pattern($@"^(?:{lex.Recorded})").IsMatch(sayingBefore.Groups["verb"].Value) && at > mi.Index) continue;
                var y2 = mi.Groups["year"].Success ? int.Parse(mi.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture) : published.Year;
                var first = new DateOnly(y2, month + 1, 1);
                if (!mi.Groups["year"].Success && first > published) first = first.AddYears(-1);
                // "с начала вторжения ВСУ в Курскую область в августе 2024 года": the month something began, counted from.
                var began = lex.Pattern($@"(?<!\w)(?:{lex.SinceStartOf})\s+(?:[^\s,.;]+\s+){{0,6}}$").IsMatch(words[Math.Max(0, mi.Index - 70)..mi.Index]);
                Add(mi, began ? new Period(first, null) : new Period(first, first.AddMonths(1).AddDays(-1)));
            }
        // "з 6 серпня 2024 року", "с 06.08.2024": from that day on.
        for (var k = 0; k < dates.Count; k++)
        {
            var (span, date) = dates[k];
            // "з 1 лютого до 30 квітня 2024 року": a first day with no year of its own is in the second's year (the year before, if later then).
            var rangeFrom = date;
            if (k + 1 < dates.Count && lex.Pattern(@"^\d{1,2}\s+\p{L}+$").IsMatch(words[span.Start..span.End]))
            {
                var second = dates[k + 1].Date;
                rangeFrom = new DateOnly(second.Year, date.Month, Math.Min(date.Day, DateTime.DaysInMonth(second.Year, date.Month)));
                if (rangeFrom > second) rangeFrom = rangeFrom.AddYears(-1);
            }
            // Round 11: "с 24 февраля 2022 года по 15 февраля 2023 года", "з 1 січня до 30 червня 2025 року": from one day to the other;
            // a range to the day of the text or the day before ("з 24.02.22 по 24.08.23" in that day's report) is the running count, read below.
            if (k + 1 < dates.Count && dates[k + 1].At.Start >= span.End && dates[k + 1].Date > rangeFrom && dates[k + 1].Date < published.AddDays(-1)
                && lex.Pattern(lex.From).IsMatch(words[Math.Max(0, span.Start - 24)..span.Start])
                && lex.Pattern(@"^\s*(?:року|года|р\.|г\.)?\s*(?:по|до)\s*$").IsMatch(words[span.End..dates[k + 1].At.Start]))
            {
                Add(lex.Pattern(".+").Match(words, span.Start, dates[k + 1].At.End - span.Start), new Period(rangeFrom <= Period.WarStart ? Period.WarStart : rangeFrom, dates[k + 1].Date));
                k++;
                continue;
            }
            var head = words[Math.Max(0, span.Start - 24)..span.Start];
            // "с начала вторжения украинских войск 6 августа": the beginning is dated, and the date outranks the words for any beginning.
            if (date > Period.WarStart && lex.Pattern($@"(?<!\w)(?:{lex.SinceStartOf})\s+(?:[^\s,.;]+\s+){{1,3}}$").IsMatch(words[Math.Max(0, span.Start - 60)..span.Start]))
                return new Period(date, null);
            if (lex.Pattern(lex.From).IsMatch(head) && !lex.Pattern(lex.DayRange).IsMatch(words[Math.Max(0, span.Start - 12)..Math.Min(words.Length, span.End + 2)]))
                Add(lex.Pattern(".+").Match(words, span.Start, span.Length), date <= Period.WarStart ? cumulative : new Period(date, null));
        }
        return best?.Period;
    }

    // "Понад 20 тисяч із них загинули", "Щонайменше 1 800 із них — цивільні": a part named right after its number, of the count before.
    static bool PartNamedAfter(string text, NumberMention number, Lexicon lex) =>
        lex.Pattern(@"^\s*(?:\p{L}{1,8}\s+)?(?:із|з|из)\s+них(?!\w)").IsMatch(text[number.Span.End..Math.Min(text.Length, number.Span.End + 24)]);

    static readonly DateOnly KurskIncursion = new(2024, 8, 6);

    // A count of the fighting in the Kursk region ("на Курщині", or "на цьому напрямку" in a paragraph that named it) with no time of
    // its own, told after the incursion began: from then on. A day's summary keeps its day; North Korea's troops fought nowhere else,
    // so their count is their whole war's.
    static Period? KurskSince(Lexicon lex, DateOnly published, string clause, Lazy<bool> kurskInParagraph, bool dayOfSummary) =>
        published >= KurskIncursion && !dayOfSummary
        && (lex.Pattern($@"(?<!\w)(?:{lex.KurskFront})").IsMatch(clause)
            || lex.Pattern($@"(?<!\w)(?:{lex.ThisFront})(?!\w)").IsMatch(clause) && kurskInParagraph.Value)
            ? new Period(KurskIncursion, null) : null;

    // "У грудні президент називав …: 43 тисячі", "В мае …, Пригожин признал, что …": the time named is when something was said, not what the count is of.
    static bool WhenSaid(string words, Match time, int at, Lexicon lex)
    {
        if (at <= time.Index + time.Length) return false;
        var between = words[(time.Index + time.Length)..Math.Min(at, words.Length)];
        var said = lex.Pattern($@"^(?:[^,]|,\s*(?:коли|когда)\s)*?(?<!\w)(?<verb>{lex.Saying})").Match(between);
        if (!said.Success) said = lex.Pattern($@"(?<!\w)(?<verb>{lex.Saying})\s*,?\s*(?:що|что)(?!\w)").Match(between);
        // "У квітні місія зафіксувала 200 загиблих": recording a count in a month is the month's count.
        return said.Success && !lex.Pattern($@"^(?:{lex.Recorded})").IsMatch(said.Groups["verb"].Value);
    }

    // Who wrote the text when it names itself: an organisation in its first line, or alone on its last.
    static Said? Author(string text, IReadOnlyList<Sentence> sentences, Lexicon lex, List<string> people)
    {
        if (sentences.Count == 0) return null;
        if (Organisation(Head(sentences[0].Text(text)), lex) is { } first) return first;
        var lastParagraph = sentences[^1].Paragraph;
        var tail = sentences.Where(s => s.Paragraph == lastParagraph).ToList();
        var closing = text[tail[0].Span.Start..tail[^1].Span.End];
        if (closing.Length <= 80 && Organisation(closing, lex) is { } signed) return signed;
        // A signature on a line of its own among the last few, before a slogan or tags: the line is the organisation's name and nothing else.
        var lines = text[Math.Max(0, text.Length - 600)..].Split('\n');
        foreach (var line in lines.Reverse().Take(5))
        {
            var bare = line.Trim().Trim('.', ' ', '\u00a0');
            if (bare.Length is > 0 and <= 80 && Organisation(bare, lex) is { } o && o.At.Start <= 3 && bare.Length - o.At.End <= 3) return o;
        }
        return null;
    }

    static Said? Organisation(string words, Lexicon lex)
    {
        Said? best = null;
        foreach (var (pattern, name, side) in lex.Organisations)
            if (lex.Pattern($@"(?<!\w){pattern}(?!\w)").Match(words) is { Success: true } m && (best is null || m.Index < best.At.Start))
                best = new Said(NameOf(name, m), side, new Span(m.Index, m.Index + m.Length));
        return best;
    }

    // A lexicon name as this match fills it: "{adj} ОВА" takes the region the text wrote, in the nominative.
    static string NameOf(string name, Match m) =>
        AsTheTextWritesIt(name.Contains("{adj}") ? name.Replace("{adj}", Feminine(AsWritten(m.Groups["adj"].Value))) : name, m.Value);

    // Round 10: a lexicon name keeps its head in the nominative and takes the rest as the text writes it. The head inflects, the
    // complement after it does not ("Генерального штабу Збройних сил України" → "Генеральний штаб Збройних сил України", not the
    // lexicon's capitals or its short "ВСУ"); a word the text writes in other capitals is taken as written, but for acronyms and
    // words in capitals ("рф" stays "РФ", "РОССИИ" is "России"). A name whose first word
    // the text does not write (a contraction: "Генштаб", "Минобороны") stays the lexicon's.
    internal static string AsTheTextWritesIt(string name, string written)
    {
        var ours = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var theirs = written.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var result = new List<string>(ours.Length + 2);
        for (var i = 0; i < ours.Length; i++)
        {
            if (i >= theirs.Length) { result.AddRange(ours[i..]); break; }
            if (string.Equals(ours[i], theirs[i], StringComparison.OrdinalIgnoreCase)) { result.Add(ours[i].Any(char.IsLower) && theirs[i].Any(char.IsLower) ? theirs[i] : ours[i]); continue; }
            if (Inflects(ours[i], theirs[i])) { result.Add(ours[i]); continue; }
            if (i == 0) return name;
            result.AddRange(theirs[i..]);
            break;
        }
        return string.Join(' ', result);
    }

    // The word as the text writes it, its spacing and capitals made plain ("рф" → "РФ", "РОССИИ" → "России", "Російської  Федерації" → one space).
    static string AsWritten(string words)
    {
        var plain = string.Join(' ', words.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (plain.Equals("рф", StringComparison.OrdinalIgnoreCase)) return "РФ";
        return string.Join(' ', plain.Split(' ').Select(w => w.Length > 3 && w.All(c => !char.IsLetter(c) || char.IsUpper(c)) ? w[0] + w[1..].ToLowerInvariant() : w));
    }

    static string Feminine(string adjective) =>
        adjective.EndsWith("ської", StringComparison.Ordinal) || adjective.EndsWith("цької", StringComparison.Ordinal) ? adjective[..^2] + "а"
        : adjective.EndsWith("ській", StringComparison.Ordinal) || adjective.EndsWith("цькій", StringComparison.Ordinal) ? adjective[..^2] + "а"
        : adjective;

    static bool IsAcronym(string name) => name.Length is >= 2 and <= 6 && name.All(char.IsUpper);

    // The longer name holds the acronym as a word ("Моніторингова місія ООН …"), or its words' initials spell it
    // ("Державна служба з надзвичайних ситуацій", with or without "України").
    static bool Expands(string name, string acronym, Lexicon lex)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Contains(acronym, StringComparer.Ordinal)) return true;
        var content = words.Where(w => w.Length > 2).ToList();
        string Initials(IEnumerable<string> ws) => string.Concat(ws.Select(w => char.ToUpperInvariant(w[0])));
        var side = lex.Pattern($@"^(?:{lex.Ukraine}|{lex.Russia})$");
        // "Моніторингова місія ООН з прав людини в Україні" is "ММПЛУ": an acronym inside the name is no word of its initials.
        return Initials(content) == acronym || Initials(content.Where(w => !side.IsMatch(w))) == acronym || Initials(content.Where(w => !IsAcronym(w))) == acronym;
    }

    // Every organisation the text names, as the lexicon writes it.
    static List<(string Name, int At)> NamedOrganisations(string text, Lexicon lex)
    {
        var names = new List<(string, int)>();
        for (var m = lex.OrganisationNames.Match(text); m.Success; m = m.NextMatch())
            if (Organisation(m.Value, lex) is { } o) names.Add((o.Name, m.Index));
        return names;
    }

    // "в интервью политтехнологу Константину Долгову", "в інтерв'ю журналістові": the one who asked, in the dative, does not speak
    // (only a name in the dative: "в интервью рассказал Владимир Зеленский", "В интервью РБК Буданов заявил" are the speaker).
    const string Interviewer = @"(?<!\w)(?:интервью|інтерв['’ʼ]ю)\s+(?:[\w-]+\s+){0,2}$";
    const string DativeSurname = @"(?:ову|еву|ёву|ину|ыну|ому|ові|еві|єві|ку|ну)$";

    // The source a sentence names: after "за даними", "по словам"; beside a verb of saying; a
    // group of officials; "він", "министр" for the last person named. A person outranks the
    // organisation in their title ("начальник ГУР Кирило Буданов").
    static Said? SpeakerIn(string text, Sentence sentence, Lexicon lex, List<string> people, Said? lastPerson, (Said? Him, Said? Her) last, Dictionary<string, string> sides)
    {
        var words = sentence.Text(text);
        // "«… что бы ни говорили Путин …», — сказал Зеленский": who speaks is named after the quotation closes, not inside it.
        if (lex.Pattern($@"[»”""]\s*(?:[,–—-]\s*)+(?=(?:{lex.Saying}))").Match(words) is { Success: true, Index: > 0 } closed)
            words = words[(closed.Index + closed.Length)..];
        var saying = lex.Pattern($@"(?<!\w)(?:{lex.Saying})").Match(words);
        var according = lex.Pattern($@"(?<!\w)(?:{lex.According})(?!\w)").Match(words);
        // Round 10: "По его словам, …" with no other source before the verb: the last man named ("по ее словам": the last woman).
        if (lex.Pattern($@"(?<!\w)(?:{lex.HisWords})(?!\w)").Match(words) is { Success: true } his
            && (!saying.Success || saying.Index > his.Index) && (!according.Success || according.Index >= his.Index)
            && Pronoun(his.Value, last) is { } lastOfGender)
            return lastOfGender with { At = new Span(his.Index, his.Index + his.Length) };
        if (!saying.Success && !according.Success) return null;
        // The source stands near the words that attribute: only the 300 characters around them are read, however long the sentence.
        var from = Math.Max(0, Math.Min(saying.Success ? saying.Index : int.MaxValue, according.Success ? according.Index : int.MaxValue) - 300);
        var to = Math.Min(Math.Min(words.Length, from + 2_000), Math.Max(saying.Success ? saying.Index + saying.Length : 0, according.Success ? according.Index + according.Length : 0) + 300);
        if (from > 0 || to < words.Length)
        {
            words = words[from..to];
            saying = lex.Pattern($@"(?<!\w)(?:{lex.Saying})").Match(words);
            according = lex.Pattern($@"(?<!\w)(?:{lex.According})(?!\w)").Match(words);
        }
        var organisations = new List<Said>();
        foreach (var (pattern, name, side) in lex.Organisations)
            foreach (Match m in lex.Pattern($@"(?<!\w){pattern}(?!\w)").Matches(words))
                if (!organisations.Any(c => c.At.Start < m.Index + m.Length && m.Index < c.At.End))
                    organisations.Add(new Said(NameOf(name, m), side, new Span(m.Index, m.Index + m.Length)));
        foreach (var (pattern, name, side) in lex.Groups)
            foreach (Match m in lex.Pattern($@"(?<!\w){pattern}").Matches(words))
                if (!organisations.Any(c => c.At.Start < m.Index + m.Length && m.Index < c.At.End))
                    organisations.Add(new Said(name, side, new Span(m.Index, m.Index + m.Length)));
        // Round 11: "ММПЛУ підтвердила", "УВКПЧ сообщило": an acronym the lexicon does not know, as the subject right before a verb of saying
        // (an adverb between) or right after it, is an organisation speaking; a side's own acronym ("ЗСУ", "РФ") names whose, not who.
        // A plural verb ("пишуть", "сообщают", "рассказали") has a plural for its subject ("ЗМІ", "СМИ", "ветераны СВО"), not an
        // organisation, unless the acronym is where it was said ("В МККК сообщили"); an outlet that interviews is no speaker.
        var plural = saying.Success && lex.Pattern(@"(?:ли|ют|ут|ят|уть|ють|ять)$").IsMatch(saying.Value);
        if (saying.Success)
        {
            var sideAcronym = lex.Pattern($@"^(?:{lex.Ukraine}|{lex.Russia}|{lex.NorthKorea})$");
            var interviewer = lex.Pattern(Interviewer);
            foreach (Match m in lex.Pattern(@"(?<![\w-])\p{Lu}{3,6}(?![\w-])", caseSensitive: true).Matches(words))
                if (!organisations.Any(c => c.At.Start < m.Index + m.Length && m.Index < c.At.End)
                    && !sideAcronym.IsMatch(m.Value)
                    && !interviewer.IsMatch(Text.Before(words, m.Index, 50))
                    && (!plural || saying.Index > m.Index && lex.Pattern(@"(?<!\w)(?:в|у|во)\s+$").IsMatch(Text.Before(words, m.Index, 6)))
                    && (saying.Index >= m.Index + m.Length && saying.Index - (m.Index + m.Length) <= 17
                            && lex.Pattern(@"^\s(?:\p{Ll}{1,14}\s)?$", caseSensitive: true).IsMatch(words[(m.Index + m.Length)..saying.Index])
                        || m.Index - (saying.Index + saying.Length) is >= 1 and <= 2))
                    organisations.Add(new Said(m.Value, null, new Span(m.Index, m.Index + m.Length)));
        }
        // "Русская служба Би-би-си вместе с изданием «Медиазона»": the one named with the speaker is not the speaker.
        organisations.RemoveAll(o => organisations.Count > 1
            && lex.Pattern(@"(?<!\w)(?:вместе\s+с|совместно\s+с|разом\s+(?:з|із)|спільно\s+(?:з|із))\s+(?:\w+\s+)?[«""]?$").IsMatch(words[Math.Max(0, o.At.Start - 30)..o.At.Start]));
        var persons = new List<Said>();
        var asked = new List<Span>();
        var relatives = RelativeClauses(words, lex);
        // Capitalised words, then each adjacent pair of them: a pair may start inside another ("України Кирило Буданов").
        var capitals = lex.Pattern(@"(?<![\w'’ʼ-])\p{Lu}\p{Ll}[\p{Ll}'’ʼ]+(?:-\p{Lu}\p{Ll}+)?(?![\w'’ʼ])", caseSensitive: true).Matches(words);
        for (var k = 0; k + 1 < capitals.Count; k++)
        {
            var (a, b) = (capitals[k], capitals[k + 1]);
            if (b.Index - (a.Index + a.Length) != 1 || !char.IsWhiteSpace(words[a.Index + a.Length])) continue;
            // A pair in Latin letters in Cyrillic text is a title ("The New York Times"), not a person.
            if (a.Value[0] < '\u0400' || b.Value[0] < '\u0400') continue;
            var at = new Span(a.Index, b.Index + b.Length);
            if (organisations.Any(c => c.At.Start < at.End && at.Start < c.At.End)) continue;
            // "…, в котором принял участие президент Владимир Путин, заявил": one named in a relative clause is not the subject.
            if (relatives.Any(r => r.Start <= at.Start && at.End <= r.End)) { k++; continue; }
            // "в интервью политтехнологу Константину Долгову оценил": the one interviewed speaks, not who asked.
            if (lex.FirstNames.TryGetValue(a.Value, out var nominativeFirst) && nominativeFirst != a.Value
                && lex.Pattern(Interviewer).IsMatch(Text.Before(words, at.Start, 50))) { asked.Add(at); k++; continue; }
            if (lex.Pattern($@"^(?:{lex.Ukraine}|{lex.Russia})$").IsMatch(a.Value) || lex.Pattern($@"^(?:{lex.Ukraine}|{lex.Russia})$").IsMatch(b.Value)) continue;
            var first = a.Value;
            // A pair is a person when the first is a first name we know, or when it stands right beside a verb of saying.
            var knownFirst = lex.FirstNames.ContainsKey(first);
            var nearVerb = saying.Success && (saying.Index >= at.End ? saying.Index - at.End <= 2 : at.Start - (saying.Index + saying.Length) is >= 0 and <= 2);
            if (!knownFirst && !(nearVerb && at.Start > 0)) continue;
            // "Національна розвідувальна служба Південної Кореї повідомила": two capitals after an institution's head are its name's complement.
            if (!knownFirst && InstitutionBefore(words, at, lex) is { } institution)
            {
                var whose = PartyNear("", at.Of(words), lex, null);
                organisations.Add(new Said(AsWritten(institution + " " + at.Of(words)), whose is "russia" or "ukraine" ? whose : null, new Span(at.Start - institution.Length - 1, at.End)));
                k++;
                continue;
            }
            var name = Nominative(first, b.Value, lex);
            if (!people.Contains(name)) people.Add(name);
            var title = words[Math.Max(0, at.Start - 100)..at.Start];
            // The title is what stands between the last comma or verb of saying and the name: "…загинули 6 людей, повідомив Іван Федоров" has none.
            var titleStart = Math.Max(title.LastIndexOf(','), lex.Pattern($@"(?<!\w)(?:{lex.Saying})", caseSensitive: false).Matches(title).Select(v => v.Index + v.Length).DefaultIfEmpty(-1).Max());
            if (titleStart >= 0) title = title[(titleStart + 1)..];
            // A person speaks for the side of their title: "губернатор Белгородской области", "посол МИД РФ".
            var side = SideOf(name, lex) ?? organisations.Where(o => o.At.End <= at.Start && at.Start - o.At.End <= 40).Select(o => o.Side).LastOrDefault()
                ?? (PartyNear("", title, lex, null) is "russia" or "ukraine" ? PartyNear("", title, lex, null) : null)
                // A mayor or a regional head with no other side speaks for the side whose language the text is in.
                ?? (lex.Pattern($@"(?<!\w)(?:{lex.LocalOffice})").IsMatch(title) ? lex.Home : null)
                ?? sides.GetValueOrDefault(name);
            if (side is not null) sides[name] = side;
            persons.Add(new Said(name, side, at, true) { Known = knownFirst });
            k++;
        }
        var sayings = lex.Pattern($@"(?<!\w)(?:{lex.Saying})").Matches(words);
        var besideVerb = lex.Pattern(@"^[\s,]{1,2}(?:[\w'’ʼ-]{1,14}\s)?$");
        // A surname alone beside the verb or after "за словами": the full name given before, else as written.
        foreach (Match m in lex.Pattern(@"(?<![\w'’ʼ])(?<last>\p{Lu}\p{Ll}[\p{Ll}'’ʼ]+)(?![\w'’ʼ])", caseSensitive: true).Matches(words))
        {
            if (persons.Concat(organisations).Any(c => c.At.Start < m.Index + m.Length && m.Index < c.At.End)) continue;
            if (asked.Any(a => a.Start <= m.Index && m.Index < a.End)
                || lex.Pattern(DativeSurname, caseSensitive: true).IsMatch(m.Value) && lex.Pattern(Interviewer).IsMatch(Text.Before(words, m.Index, 50))) continue;
            // A surname inside a relative clause is not the one speaking.
            if (relatives.Any(r => r.Start <= m.Index && m.Index < r.End)) continue;
            // Beside any verb of saying, or one word from it ("Умєров коротко назвав"): at most 17 characters between, so only a verb that near is read.
            var beside = sayings.Any(v => v.Index >= m.Index + m.Length
                    ? v.Index - (m.Index + m.Length) <= 17 && besideVerb.IsMatch(words.AsSpan((m.Index + m.Length)..v.Index))
                    : m.Index - (v.Index + v.Length) is >= 0 and <= 2
                        // "— заявил журналистам Мединский": whom it was said to, in the plural dative, between.
                        || m.Index - (v.Index + v.Length) is > 2 and <= 20 && lex.Pattern(@"^\s\w{3,14}(?:ам|ям)\s$").IsMatch(words.AsSpan((v.Index + v.Length)..m.Index).ToString()))
                // "Мединський, зі свого боку, заявив": the sentence's subject, its verb a few words on.
                || saying.Success && m.Index <= 2 && saying.Index > m.Index && saying.Index - (m.Index + m.Length) <= 30
                // "Сам Пригожин, сварячись із Міноборони рф, визнав": the subject, an insertion between commas, its verb.
                || saying.Success && m.Index <= 8 && saying.Index > m.Index
                    && lex.Pattern(@"^\s*,[^,«»""]{1,60},\s*$").IsMatch(words.AsSpan((m.Index + m.Length)..saying.Index).ToString())
                // "Пригожин в интервью блогеру признал": the subject, its verb a few words on with no comma between.
                || sayings.Any(v => v.Index > m.Index + m.Length && v.Index - (m.Index + m.Length) <= (m.Index <= 8 ? 80 : 40) && words.IndexOfAny([',', '«', '»', '"', '–', '—'], m.Index + m.Length, v.Index - (m.Index + m.Length)) < 0)
                || according.Success && m.Index - (according.Index + according.Length) is >= 0 and <= 2;
            if (!beside) continue;
            var surname = m.Groups["last"].Value;
            var nominative = Surname(surname, lex);
            var full = NamedBefore(people, surname, nominative);
            if (full is null && SideOf(surname, lex) is null) continue;
            // A surname of someone the text named with a known first name ("сказал Шойгу" after "Сергей Шойгу") is as sure as the full name.
            persons.Add(new Said(full ?? nominative, SideOf(full ?? nominative, lex) ?? sides.GetValueOrDefault(full ?? nominative), new Span(m.Index, m.Index + m.Length), true) { Known = full is not null });
        }
        // "– наголосив він", "За словами глави держави", "Головнокомандувач зазначив": the last person named.
        if (lastPerson is not null && persons.Count == 0)
            foreach (Match m in lex.Pattern(lex.Reference).Matches(words))
            {
                // "За даними Генерального штабу": a word of an organisation's name is no pronoun.
                if (organisations.Any(o => o.At.Start <= m.Index && m.Index < o.At.End)) continue;
                var beside = saying.Success && Math.Abs(saying.Index - m.Index) <= saying.Length + m.Length + 16
                    || according.Success && m.Index - (according.Index + according.Length) is >= 0 and <= 2;
                // A pronoun means the last one of its gender; a title, the last person.
                if (beside && (Pronoun(m.Value, last) ?? (IsPronoun(m.Value) ? null : lastPerson)) is { } meant) { persons.Add(meant with { At = new Span(m.Index, m.Index + m.Length) }); break; }
            }
        // "повідомляє Укрінформ із посиланням на Генштаб", "со ссылкой на Минобороны": the one cited is the source, not the outlet.
        if (lex.Pattern(@"(?<!\w)(?:(?:із|з)\s+посиланням\s+на|посилаючись\s+на|со\s+ссылкой\s+на|ссылаясь\s+на)\s+").Match(words) is { Success: true } cites
            && persons.Concat(organisations).FirstOrDefault(c => c.At.Start >= cites.Index + cites.Length && c.At.Start - (cites.Index + cites.Length) <= 3) is { } cited)
            return cited;
        // The source right after "за даними"/"по данным"; else a person beside the verb; else the organisation nearest it.
        if (according.Success)
        {
            var right = persons.Concat(organisations).Where(c => c.At.Start >= according.Index + according.Length && c.At.Start - (according.Index + according.Length) <= 3).FirstOrDefault();
            // "за словами Уповноваженого Верховної Ради з прав людини Дмитра Лубінця": the person named right after the title speaks.
            if (right is { IsPerson: false } && persons.FirstOrDefault(p => p.At.Start >= right.At.End && p.At.Start - right.At.End <= 2) is { } titled) return titled;
            if (right is not null) return right;
            // "по утверждению Киева", "за даними російської сторони": a side named for its government speaks for it.
            foreach (var (pattern, name, side) in lex.Sides)
                if (lex.Pattern($@"\G\s{{1,3}}(?:{pattern})(?!\w)").Match(words, according.Index + according.Length) is { Success: true })
                    return new Said(name, side, new Span(according.Index, according.Index + according.Length));
        }
        var anchor = saying.Success ? saying.Index : according.Index;
        if (persons.Count > 0) return persons.OrderByDescending(c => c.Known).ThenBy(c => Distance(c.At, anchor)).First();
        return organisations.OrderBy(c => Distance(c.At, anchor)).FirstOrDefault();
    }

    // The capitalised name of an institution right before a span, ending on its head noun ("Національна розвідувальна служба"), or null.
    static string? InstitutionBefore(string words, Span at, Lexicon lex)
    {
        var before = Text.Before(words, at.Start, 80).ToString();
        if (lex.Pattern(@"(?<![\w'’ʼ-])\p{Lu}[\w'’ʼ-]*(?:\s\p{Ll}[\w'’ʼ-]*){0,3}\s$", caseSensitive: true).Match(before) is not { Success: true } m) return null;
        var phrase = m.Value.TrimEnd();
        // "Директор национальной разведки Тулси Габбард": a role heads a title before a person, not an institution's name.
        if (lex.Pattern($@"^(?:{Role})(?!\w)").IsMatch(phrase)) return null;
        var head = phrase[(phrase.LastIndexOf(' ') + 1)..];
        // The head noun in one of its cases ("служби"), not a word built on it ("службовець").
        return lex.Pattern($@"^(?:{lex.Institutions})\w{{0,3}}$").IsMatch(head) ? phrase : null;
    }

    // Nouns of office that stand before a person's name in either language.
    const string Role = @"директор(?!ат)\w*|голов(?:а|и|і|у|ою|ой)|глав(?:а|ы|и|і|у|е|ою|ой)|керівник\w*|керівниц\w*|руководител\w*|начальни\w*|очільни\w*|председател\w*|"
        + @"міністр\w*|министр\w*|речни\w*|представник\w*|представниц\w*|представител\w*|секретар(?!іат|иат)\w*|командувач\w*|командующ\w*|заступни\w*|заместител\w*|"
        + @"радни\w*|советни\w*|посол|посл(?:а|у|ом)|спікер\w*|спикер\w*|комісар(?!іат)\w*|комиссар(?!иат)\w*|аналітик\w*|аналитик\w*|експерт(?:а|и|ів|ом|у|ка|ки)?|эксперт(?:а|ы|ов|ом|у)?|"
        + @"офіцер\w*|офицер\w*|депутат(?!ськ)\w*|сенатор\w*";

    const string He = @"він|його|он|его", She = @"вона|її|она|ее|её";
    static readonly Regex HisPronoun = Patterns.Build($@"(?<!\w)(?:{He})(?!\w)", RegexOptions.IgnoreCase), HerPronoun = Patterns.Build($@"(?<!\w)(?:{She})(?!\w)", RegexOptions.IgnoreCase);
    static bool IsPronoun(string word) => HisPronoun.IsMatch(word) || HerPronoun.IsMatch(word);
    static Said? Pronoun(string words, (Said? Him, Said? Her) last) => HerPronoun.IsMatch(words) ? last.Her : HisPronoun.IsMatch(words) ? last.Him : null;

    // A woman by her first name ("Валентина", not "Микола"), or, named by surname alone, by its feminine ending.
    static bool IsWoman(string name)
    {
        var first = name.Split(' ')[0];
        if (name.Contains(' ')) return WomansFirstName(first);
        return first.EndsWith("ова", StringComparison.Ordinal) || first.EndsWith("ева", StringComparison.Ordinal) || first.EndsWith("єва", StringComparison.Ordinal)
            || first.EndsWith("ька", StringComparison.Ordinal) || first.EndsWith("ская", StringComparison.Ordinal) || first.EndsWith("цкая", StringComparison.Ordinal)
            || first.EndsWith("на", StringComparison.Ordinal); // "-на" takes in "-іна" and "-ина" too
    }

    static bool WomansFirstName(string nominative) =>
        (nominative.EndsWith('а') || nominative.EndsWith('я')) && nominative is not ("Микола" or "Ілля" or "Илья" or "Никита" or "Кузьма" or "Лука" or "Фома");

    // The lowercase particles of a surname between a first name and it ("фон дер", "ван", "де", "аль"), or null.
    static string? Particles(string words, Match first, Match last, Lexicon lex) =>
        last.Index - (first.Index + first.Length) is > 1 and <= 16 && lex.Pattern(@"^\s(?<p>(?:(?:фон|дер|ван|де|ді|ди|да|ла|ле|дю|аль|ель|ибн|бен)\s){1,3})$", caseSensitive: true)
            .Match(words[(first.Index + first.Length)..last.Index]) is { Success: true } m ? m.Groups["p"].Value.TrimEnd() : null;

    // "Блогер Иван Петров, бывший сотрудник Минобороны, ведет подсчет": the one named first is the sentence's subject, the other its object.
    static Said? NamedFirst(Said? organisation, Said? person) =>
        person is not null && (organisation is null || person.At.Start < organisation.At.Start) ? person : organisation;

    static Said? PersonNamed(string words, Lexicon lex, Dictionary<string, string> sides)
    {
        var capitals = lex.Pattern(@"(?<![\w'’ʼ-])\p{Lu}\p{Ll}[\p{Ll}'’ʼ]+(?:-\p{Lu}\p{Ll}+)?(?![\w'’ʼ])", caseSensitive: true).Matches(words);
        Said? last = null;
        for (var k = 0; k + 1 < capitals.Count; k++)
        {
            if (!lex.FirstNames.ContainsKey(capitals[k].Value)) continue;
            // Round 10: "Урсули фон дер Ляєн": the particles stand between the first name and the surname.
            var particles = capitals[k + 1].Index - (capitals[k].Index + capitals[k].Length) == 1 ? "" : Particles(words, capitals[k], capitals[k + 1], lex);
            if (particles is null) continue;
            var name = Nominative(capitals[k].Value, capitals[k + 1].Value, lex);
            if (particles.Length > 0) name = name.Insert(name.IndexOf(' '), " " + particles);
            // "Представитель Генштаба … Игорь Полевской": the side of the organisation in the title just before the name.
            var side = SideOf(name, lex) ?? sides.GetValueOrDefault(name)
                ?? Organisation(words[Math.Max(0, capitals[k].Index - 60)..capitals[k].Index], lex)?.Side;
            if (side is not null) sides[name] = side;
            last = new Said(name, side, new Span(capitals[k].Index, capitals[k + 1].Index + capitals[k + 1].Length), true);
        }
        return last;
    }

    // The person named before whose surname this is, in any case: by the endings we know, else by one stem with a case ending
    // on each ("Рудского" is Рудской, "Залужного" Залужний; not "Петров" for Петренко, "Мельникова" for Мельник).
    static string? NamedBefore(List<string> people, string surname, string nominative) =>
        people.FirstOrDefault(p => p.EndsWith(" " + surname, StringComparison.Ordinal) || p.EndsWith(" " + nominative, StringComparison.Ordinal))
        ?? people.FirstOrDefault(p => p.LastIndexOf(' ') is var space and > 0 && Inflects(p[(space + 1)..], surname));

    // The case endings of Ukrainian and Russian nouns and adjectives; none of them a suffix that makes another surname ("-ов", "-ева", "-ін").
    static readonly string[] CaseEndings =
    [
        "", "а", "я", "у", "ю", "і", "ї", "и", "ы", "е", "є", "о", "ом", "ем", "ём", "єм", "ою", "ею", "ей", "ій", "ий", "ый", "ой", "ого", "его", "ому", "ему",
        "им", "ым", "ім", "ая", "яя", "ую", "юю", "ої", "ові", "еві", "єві", "ое", "ее", "ие", "ия", "ые", "ні", "ам", "ям", "ами", "ями", "ах", "ях", "их", "ых",
    ];
    static readonly HashSet<string> HisEndings = ["ий", "ый", "ого", "его", "ому", "ему", "им", "ым"];
    static readonly HashSet<string> HerEndings = ["а", "я", "ая", "яя", "ую", "юю", "ої", "ою", "ею", "ей"];

    // Two forms of one word ("штаб"/"штабу", "Рудской"/"Рудского"): a stem of at least three letters and a case ending on each,
    // not a man's adjectival ending against a woman's ("Зеленський"/"Зеленська" are two people).
    internal static bool Inflects(string a, string b)
    {
        foreach (var ea in CaseEndings)
        {
            if (a.Length - ea.Length < 3 || !a.EndsWith(ea, StringComparison.OrdinalIgnoreCase)) continue;
            var stem = a.Length - ea.Length;
            if (b.Length < stem || string.Compare(a, 0, b, 0, stem, StringComparison.OrdinalIgnoreCase) != 0) continue;
            var eb = b[stem..].ToLowerInvariant();
            var ownA = ea.ToLowerInvariant();
            if (Array.IndexOf(CaseEndings, eb) < 0) continue;
            if (HisEndings.Contains(ownA) && HerEndings.Contains(eb) || HerEndings.Contains(ownA) && HisEndings.Contains(eb)) continue;
            return true;
        }
        return false;
    }

    static Said? Subject(string words, Lexicon lex, List<string> people, Dictionary<string, string> sides)
    {
        if (lex.Pattern(@"^\W*(?<last>\p{Lu}\p{Ll}[\p{Ll}'’ʼ]+)\s+\p{Ll}", caseSensitive: true).Match(words) is not { Success: true } m) return null;
        var surname = m.Groups["last"].Value;
        var nominative = Surname(surname, lex);
        var full = NamedBefore(people, surname, nominative);
        return full is null ? null : new Said(full, SideOf(full, lex) ?? sides.GetValueOrDefault(full), new Span(m.Groups["last"].Index, m.Groups["last"].Index + surname.Length), true) { Known = true };
    }

    // Relative clauses (", який …,", ", в котором …,"): what they name describes, it neither speaks nor owns.
    static List<Span> RelativeClauses(string words, Lexicon lex) =>
        [.. lex.Pattern(@",\s*(?:(?:в|у|на|з|із|с|со|до|по|при)\s+)?(?:як(?:ий|а|е|і|ого|ої|их|ому|ій|им|ими)|котр\w+|котор\w+)(?!\w)[^,]{0,200}(?:,|$)")
            .Matches(words).Select(m => new Span(m.Index, m.Index + m.Length))];

    static string Nominative(string first, string last, Lexicon lex)
    {
        if (!lex.FirstNames.TryGetValue(first, out var nominative)) return $"{first} {last}";
        // A woman's surname keeps its feminine ending (Москалькова, not Москальков); a man's adjectival one stays as it is (Рудской).
        if (WomansFirstName(nominative))
        {
            foreach (var (oblique, nom) in new[] { ("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ской", "ская"), ("цкой", "цкая"), ("ової", "ова"), ("євої", "єва"), ("евої", "ева"), ("іної", "іна"), ("ської", "ська"), ("цької", "цька") })
                if (last.EndsWith(oblique, StringComparison.Ordinal)) return $"{nominative} {last[..^oblique.Length]}{nom}";
            return $"{nominative} {last}";
        }
        if (last.EndsWith("ской", StringComparison.Ordinal) || last.EndsWith("цкой", StringComparison.Ordinal)) return $"{nominative} {last}";
        return $"{nominative} {Surname(last, lex)}";
    }

    static string Surname(string last, Lexicon lex)
    {
        // A woman's adjectival surname is already nominative ("Зеленська", "Залужна", "Рудская"): its "-а" is no genitive ending.
        if (lex.Pattern(@"(?:[сцз]ька|[сцз]кая|[бвгґджзклмнпрстфхцчшщ]на)$", caseSensitive: true).IsMatch(last)) return last;
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

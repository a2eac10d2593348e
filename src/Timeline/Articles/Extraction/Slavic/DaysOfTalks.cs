// Days of talks in Ukrainian and Russian text: a sentence that names negotiations and a city
// they were held in is a day there (one per city and day number, not one per mention); the
// verdicts participants gave inside quotation marks ("«конструктивними»", „Ми задоволені …")
// are the assessments of the day last named before them, each by the person the sentence
// names as speaking. Talks only planned, refused or to come are no day held.
using System.Text.RegularExpressions;
using Timeline.Statements;

namespace Timeline.Articles.Extraction.Slavic;

static class DaysOfTalks
{
    // A day is judged in a few words by a few people: a text of thousands of verdicts keeps the first ones.
    const int MaxAssessments = 12;

    sealed record Day(string Venue, int? Number, Sentence Sentence, List<Assessment> Assessments, List<string> Parties)
    {
        // The weekday the sentence naming the day gives it ("У суботу … завершився другий день"), if any.
        public int? Weekday { get; set; }
    }

    // A weekday (the lexicon's pattern, apostrophes and all) in any of its forms ("суботу", "суботи", "суботні"; "пятницу", "пятницы"), not "серед", "среди", "четвертий".
    static string WeekdayForms(string weekday) =>
        weekday[^1] is 'у' or 'ю' or 'е' ? $@"(?<!\w)(?!среди(?!\w)){weekday[..^1]}(?:[уюаяіыиеь]|н\w{{1,3}})(?!\w)"
        : weekday.EndsWith("ок", StringComparison.Ordinal) ? $@"(?<!\w){weekday[..^2]}(?:ок|ка|ку|ком)(?!\w)"
        : $@"(?<!\w){weekday}(?:|а|у|ом|г|га|гу)(?!\w)";

    static int? WeekdayIn(string words, Lexicon lex)
    {
        for (var d = 0; d < lex.Weekdays.Length; d++)
            if (lex.Pattern(WeekdayForms(lex.Weekdays[d])).IsMatch(words)) return d;
        return null;
    }

    // The days of talks a text reports. speakers holds each sentence's own speaker (a
    // person's name, or null), as the figures' rules found them.
    public static IEnumerable<(NegotiationDay Day, Span Quote, string? By)> In(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<string?> speakers,
        Lexicon lex, Budget budget)
    {
        var days = new List<Day>();
        var talks = lex.Pattern($@"(?<!\w)(?:{lex.TalksWords})");
        var held = lex.Pattern($@"(?<!\w)(?:{lex.TalksHeld})");
        var notHeld = lex.Pattern($@"(?<!\w)(?:{lex.TalksNotHeld})");
        var verdicts = lex.Pattern($@"(?<!\w)(?:{lex.Verdicts})");
        var quoted = lex.Pattern(@"«[^«»]{1,400}»|„[^„“”]{1,400}[“”]|“[^“”]{1,400}”|""[^""]{1,400}""");
        var insideQuote = false;
        Day? current = null;
        foreach (var sentence in sentences)
        {
            budget.Check();
            var words = sentence.Text(text);
            if (talks.Match(words) is { Success: true } said && !notHeld.IsMatch(words)
                && held.IsMatch(words[Math.Max(0, said.Index - 40)..Math.Min(words.Length, said.Index + said.Length + 40)]))
                foreach (var (pattern, name) in lex.Venues)
                {
                    if (!lex.Pattern($@"(?<![\w-])(?:{pattern})(?![\w-])", caseSensitive: true).IsMatch(words)) continue;
                    var number = Array.FindIndex(lex.DayOrdinals, o => lex.Pattern($@"(?<!\w){o}").IsMatch(words)) is var k and >= 0 ? k + 1 : (int?)null;
                    // The headline names the day; the body says which weekday it was.
                    if (days.Find(d => d.Venue == name && d.Number == number) is { } known) { known.Weekday ??= WeekdayIn(words, lex); continue; }
                    if (number is not null && days.FindIndex(d => d.Venue == name && d.Number is null) is var unnumbered and >= 0) days.RemoveAt(unnumbered);
                    var parties = new List<string>();
                    if (lex.Pattern($@"(?<!\w)(?:{lex.Ukraine})").IsMatch(words)) parties.Add("ukraine");
                    if (lex.Pattern($@"(?<!\w)(?:{lex.Russia})").IsMatch(words)) parties.Add("russia");
                    days.Add(new Day(name, number, sentence, [], parties) { Weekday = WeekdayIn(words, lex) });
                }

            // A verdict counts inside quotation marks, in a sentence whose speaker is a person: a quotation may run over sentences.
            var spans = quoted.Matches(words).Select(m => new Span(m.Index, m.Index + m.Length)).ToList();
            var open = words.Count(c => c is '«' or '„' or '“') - words.Count(c => c is '»' or '”');
            var straightOdd = words.Count(c => c == '"') % 2 == 1;
            if (insideQuote) spans.Add(new Span(0, words.Length));
            else if (open > 0 || straightOdd) spans.Add(new Span(words.IndexOfAny(['«', '„', '“', '"']), words.Length));
            insideQuote = insideQuote ? open >= 0 && !straightOdd : open > 0 || straightOdd;
            // "Після першого дня …", "Второй день длился …": a day named by its number, of the venue last named, is the one judged next.
            if (days.Count > 0 && Array.FindIndex(lex.DayOrdinals, o => lex.Pattern($@"(?<!\w){o}").IsMatch(words)) is var named and >= 0
                && days.LastOrDefault(d => d.Sentence.Index <= sentence.Index) is { } lastDay)
            {
                var numbered = days.Find(d => d.Venue == lastDay.Venue && d.Number == named + 1);
                if (numbered is null)
                {
                    numbered = new Day(lastDay.Venue, named + 1, sentence, [], lastDay.Parties);
                    if (lastDay.Number is null && lastDay.Assessments.Count == 0) days.Remove(lastDay);
                    days.Add(numbered);
                }
                current = numbered;
            }
            else if (days.Count > 0 && days[^1].Sentence.Index == sentence.Index) current = days[^1];
            // "Підсумок суботи", "субботние консультации": the day held on the weekday the text gave it.
            else if (days.Count > 1 && WeekdayIn(words, lex) is { } weekday && days.Find(d => d.Weekday == weekday) is { } onThatDay) current = onThatDay;
            if (speakers[sentence.Index] is not { } by || days.Count == 0) continue;
            var day = current ?? days.LastOrDefault(d => d.Sentence.Index <= sentence.Index) ?? days[0];
            foreach (Match v in verdicts.Matches(words))
                if (day.Assessments.Count < MaxAssessments && spans.Any(s => s.Start <= v.Index && v.Index < s.End) && !day.Assessments.Any(a => a.By == by && a.Said == v.Value))
                    day.Assessments.Add(new Assessment(by, v.Value));
        }
        foreach (var d in days)
        {
            var span = d.Sentence.Span.Length <= Text.MaxQuote ? d.Sentence.Span : new Span(d.Sentence.Span.Start, d.Sentence.Span.Start + Text.MaxQuote);
            var talksName = $"{d.Venue} talks";
            yield return (new NegotiationDay(talksName, d.Venue, null, d.Number, d.Parties, [], d.Assessments, []), span, d.Assessments.FirstOrDefault()?.By);
        }
    }
}

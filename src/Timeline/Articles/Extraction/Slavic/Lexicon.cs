// What the Ukrainian and Russian rules need to know of a language, as the words and stems that
// mark each thing. Inflection is met by stems: a pattern names a word's stem and lets any ending
// follow (`поранен\w*` is поранено, поранені, поранених), so one entry covers every case. Each
// language fills one of these, in one file (Ukrainian.cs, Russian.cs); the rules (Reader.cs) are
// the same for both. Every pattern is compiled with the extractor's match timeout.
using Timeline.Http;
using System.Text.RegularExpressions;
using Timeline.Statements;

namespace Timeline.Articles.Extraction.Slavic;

public sealed class Lexicon
{
    public required string Language { get; init; }

    // Numbers ------------------------------------------------------------------------------------
    // Number words and their values ("дві" 2, "троє" 3); apostrophes written as '.
    public required Dictionary<string, long> Units { get; init; }
    // Scale words by their start ("тис" 1,000, "млн" 1,000,000), longest first.
    public required (string Stem, long Factor)[] Scales { get; init; }
    // Half a million in one word or two ("півмільйона").
    public required string HalfMillion { get; init; }
    // Amounts given only in words, with the English words the corpus and the page use for them.
    public required (string Pattern, string Words)[] Qualitative { get; init; }
    // "від … до …", "от … до …": the word before a range's low end.
    public required string RangeFrom { get; init; }
    // Month names in the genitive ("3 березня"), by their stems, January first.
    public required string[] Months { get; init; }
    // Month names in the locative ("у березні", "в марте"), January first.
    public required string[] MonthsIn { get; init; }
    // Words after a number that make it no count of people: units of time, distance, money, equipment.
    public required string NotACountAfter { get; init; }
    // Words before a number that make it no count: an age, an ordinal's "№".
    public required string NotACountBefore { get; init; }

    // Fields -------------------------------------------------------------------------------------
    // The measures by their stems, tried in order: "убитими та пораненими" before "убит".
    public required (string Pattern, Measure Measure)[] Measures { get; init; }
    // Words for a count that is none of ours (an exchange, a rate) around the number.
    public required string NotAFigure { get; init; }
    public required string Military { get; init; }
    // The nations' people among Military's words ("українців", "россиян"): soldiers when a side counts its losses, not when a text counts its prisoners.
    public required string Nationals { get; init; }
    public required string Civilian { get; init; }
    public required string People { get; init; }
    public required string Russia { get; init; }
    public required string Ukraine { get; init; }
    public required string NorthKorea { get; init; }
    // "противник", "ворог": the other side from the speaker's.
    public required string Enemy { get; init; }
    // Places whose dead are that side's civilians.
    public required string RussianPlaces { get; init; }
    public required string AtLeast { get; init; }
    public required string AtMost { get; init; }
    public required string Approximately { get; init; }

    // Periods ------------------------------------------------------------------------------------
    public required string Day { get; init; }
    public required string SinceInvasion { get; init; }
    public required string ThisYear { get; init; }
    // "у 2024 році", "в 2024 году", "за 2024 рік": the year in a group named year.
    public required string Year { get; init; }
    public required string SinceMonth { get; init; }
    public required string LastMonth { get; init; }
    // Named beginnings that are facts of the war, not words of a date ("с начала боевых действий на курском направлении").
    public required (string Pattern, DateOnly From)[] Since { get; init; }
    // Words in a text's first lines that make it a day's summary: its counts are that day's unless they say otherwise.
    public required string DailySummary { get; init; }
    // Words that make a count in a day's summary a total: "всего", "з початку".
    public required string Total { get; init; }
    // "к концу 2024 года": from the invasion to that year's end.
    public required string UntilEndOf { get; init; }
    // "С 10 по 16 мая": a week's summary, those days.
    public required string DayRange { get; init; }
    // Month names in the nominative ("за травень", "за май"), January first.
    public required string[] MonthsNamed { get; init; }
    // Words before a day that make it a beginning: "з", "с", "начавшегося".
    public required string From { get; init; }
    // "имена 106 745 погибших": dead counted by name are deaths.
    public required string ByName { get; init; }
    // "із них", "в том числе": a part of the count before, in its period.
    public required string PartOf { get; init; }
    // "ще", "еще": a sentence that goes on from the figure before.
    public required string Further { get; init; }
    // "виріс до", "выросло до": the number reached, not a ceiling.
    public required string RoseTo { get; init; }
    // Pronouns and roles that name the last person named ("він", "глава держави", "министр").
    public required string Reference { get; init; }
    // The first person plural of an organisation speaking of itself ("нам удалось", "за нашими даними").
    public required string We { get; init; }
    // "Про це заявив", "Об этом сообщил": the speaker of the sentence before.
    public required string AboutThis { get; init; }
    // Words for what kills civilians: a strike, a shelling.
    public required string Strike { get; init; }

    // Speakers -----------------------------------------------------------------------------------
    // Verbs of saying, in the forms a speaker's sentence takes.
    public required string Saying { get; init; }
    // "за даними", "за словами", "як повідомляє": words after which the source is named (genitive or nominative).
    public required string According { get; init; }
    // Organisations by a pattern over their inflected forms, with the name in the nominative and the side they speak for.
    public required (string Pattern, string Name, string? Side)[] Organisations { get; init; }
    // First names in an oblique case and their nominative ("Володимира" → "Володимир").
    public required Dictionary<string, string> FirstNames { get; init; }
    // Surname endings in an oblique case and their nominative ("-ського" → "-ський"), longest first.
    public required (string Oblique, string Nominative)[] SurnameEndings { get; init; }
    // People we know the side of, by surname stem.
    public required (string Stem, string Side)[] KnownPeople { get; init; }
    // Unnamed officials as the article groups them, with the nominative plural the corpus writes.
    public required (string Pattern, string Name, string? Side)[] Groups { get; init; }

    // The General Staff's report and the ministry's claim -------------------------------------------
    // The header of the General Staff's list: "Загальні бойові втрати противника …".
    public required string ReportHeader { get; init; }
    // Who issues the list when a text gives it bare, with no one named ("Загальні бойові втрати противника … орієнтовно склали"); null where no one issues it in that language.
    public string? ReportAuthor { get; init; }
    // The report's personnel line: "особового складу".
    public required string Personnel { get; init; }

    // Round 2: a number's own words, periods said once and meant again, the aggressor named as a place, days of talks ------------
    // Short words that end a number's own words ("з", "у", "і", "внаслідок"): what follows them is no longer the thing counted.
    public required string Function { get; init; }
    // Nouns for people that say no group or side ("заручників", "студентов"): after a number, it counts people.
    public required string Persons { get; init; }
    // Verbs of recording a count ("зафіксувала", "насчитала"): a month before them is the count's, not when something was said.
    public required string Recorded { get; init; }
    // "відтоді", "с тех пор": from the beginning named before.
    public required string SinceThen { get; init; }
    // "за місяць", "за этот месяц": the month named before.
    public required string ThatMonth { get; init; }
    // Words right before a country that make it the one who struck, not where the dead were ("вторгнення Росії", "удару Росії").
    public required string Aggression { get; init; }
    // Words right before a date that make it the day a count stood at, not the day of an event ("станом на", "к").
    public required string AsOf { get; init; }
    // Words for negotiations; with a venue in one sentence, a day of talks.
    public required string TalksWords { get; init; }
    // Talks only planned, refused or to come: no day held.
    public required string TalksNotHeld { get; init; }
    // Verbs of talks held, begun, going on or ended ("завершилися", "провели"):
    // near the word for talks, a day held, not one recalled.
    public required string TalksHeld { get; init; }
    // A rate or an average ("щодня", "в среднем", "средний возраст"): anywhere in the clause, its numbers are no count.
    public required string Rate { get; init; }
    // Cities talks are held in, by a pattern over their forms (and their adjective), with the name in the nominative.
    public required (string Pattern, string Name)[] Venues { get; init; }
    // "перший день", "второй день": the day's number within a round, first to third.
    public required string[] DayOrdinals { get; init; }
    // The words a participant judges a day of talks by ("конструктивні", "продуктивными"), read inside quotation marks.
    public required string Verdicts { get; init; }

    // Round 3: last year, weekdays, a speaker named again by a common noun, a local official's side, "own" losses, lists of the dead ------------
    // "минулого року", "в прошлом году": the year before the text's.
    public required string LastYear { get; init; }
    // Weekdays in the accusative after "у"/"в" ("у п'ятницю", "в среду"), Monday first: the latest such day up to the text's.
    public required string[] Weekdays { get; init; }
    // A common noun naming the organisation last named ("місія", "ведомство") beside a verb of saying.
    public required string OrgReference { get; init; }
    // A local office in a speaker's title ("міського голови", "мэр"): with no other side, the side whose language the text is in.
    public required string LocalOffice { get; init; }
    public required string Home { get; init; }
    // "своїх", "собственных": the speaker's own side.
    public required string Own { get; init; }
    // "список", "реєстр": with no measure in the clause, the count of the list whose measure the paragraph named.
    public required string List { get; init; }
    // Words that hand prisoners over in an exchange ("взамен переданы", "натомість передали"): no figure.
    public required string HandedOver { get; init; }
    // "поіменний", "имена": a text that counts its dead by name, whose lists are of the dead.
    public required string NamedList { get; init; }
    // Sides named by their capital or as "the other side", read only right after "за даними", "по утверждению": the side is the speaker.
    public required (string Pattern, string Name, string Side)[] Sides { get; init; }
    // "з початку", "с начала": a month a few words after is when something began.
    public required string SinceStartOf { get; init; }

    // Round 6: the forces that struck ("удара ВСУ", "обстрел, который ВСУ предприняли"), named as the agent: not whose the victims are.
    public required string StrikeAgent { get; init; }

    // Round 9: the fighting in the Kursk region, named as a place ("на Курщині", "на курском направлении"), and the words that
    // mean that front again ("на цьому напрямку", "за время операции"): a count there with no time of its own runs from the incursion.
    public required string KurskFront { get; init; }
    public required string ThisFront { get; init; }
    // A side named as who struck or invaded ("вторгнення Росії", "російського авіаудару"): not whose the dead are.
    public required string Invasion { get; init; }

    // Round 10: the head nouns of an institution's name by their stems ("служба", "управління", "комитет"): a capitalised name
    // that ends on one, with a genitive after it, is an organisation ("Національна розвідувальна служба Південної Кореї повідомила"),
    // not a person named by two capitalised words.
    public required string Institutions { get; init; }
    // "за його словами", "по ее словам": the words of the last person named.
    public required string HisWords { get; init; }

    readonly Dictionary<string, Regex> compiled = new(StringComparer.Ordinal);
    readonly Lock gate = new();
    Regex? organisationNames;

    // Every organisation's name in one pattern: a sentence's names are blanked in one pass, not one pass a name
    // (a 150,000-character sentence took 0.65 s in 42 passes).
    public Regex OrganisationNames
    {
        get
        {
            lock (gate)
                return organisationNames ??= Patterns.Build($@"(?<!\w)(?:{string.Join('|', Organisations.Select(o => $"(?:{o.Pattern})"))})(?!\w)",
                    RegexOptions.IgnoreCase);
        }
    }

    string? spoken;
    static readonly Regex Deeds = Patterns.Build(@"^(?:объяв|установ|признал|признает|зафиксир|оголос|оголош|встанов|визна|зафікс)");

    // The verbs of Saying that tell only of words: "объявили мобилизацию", "встановили контроль", "визнали" also tell of deeds.
    public string Spoken
    {
        get
        {
            lock (gate)
                return spoken ??= string.Join('|', Saying.Split('|').Where(v => !Deeds.IsMatch(v)));
        }
    }

    // A pattern of this lexicon, compiled once (case-insensitive unless asked, with the extractor's timeout).
    public Regex Pattern(string pattern, bool caseSensitive = false)
    {
        var key = caseSensitive ? "\u0001" + pattern : pattern;
        lock (gate)
        {
            if (!compiled.TryGetValue(key, out var regex))
                compiled[key] = regex = Patterns.Build(pattern, caseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase);
            return regex;
        }
    }

    // First names in the nominative with their genitive and dative made by the rules of both languages (Олег
    // → Олега, Олегу; Сергій → Сергія; Дмитро → Дмитра; Ірина → Ірини; Марія → Марії; Наталья → Натальи).
    public static Dictionary<string, string> Named(Dictionary<string, string> known, bool ukrainian, params string[] nominatives)
    {
        foreach (var n in nominatives)
        {
            known.TryAdd(n, n);
            foreach (var form in Oblique(n, ukrainian)) known.TryAdd(form, n);
        }
        return known;
    }

    static IEnumerable<string> Oblique(string n, bool ukrainian)
    {
        if (n.EndsWith("ій", StringComparison.Ordinal) || n.EndsWith("ей", StringComparison.Ordinal) || n.EndsWith("ий", StringComparison.Ordinal))
            return [n[..^1] + "я", n[..^1] + "ю"];
        if (n.EndsWith('о')) return [n[..^1] + "а", n[..^1] + "у"];
        if (n.EndsWith("ія", StringComparison.Ordinal) || n.EndsWith("ия", StringComparison.Ordinal)) return [n[..^1] + (ukrainian ? "ї" : "и")];
        if (n.EndsWith("ья", StringComparison.Ordinal)) return [n[..^1] + "и"];
        if (n.EndsWith('а')) return [n[..^1] + (ukrainian ? "и" : "ы"), n[..^1] + "і", n[..^1] + "е"];
        if (n.EndsWith('ь')) return [n[..^1] + "я", n[..^1] + "ю"];
        return [n + "а", n + "у"];
    }

    public static Lexicon For(string language) => language == Languages.Russian ? Slavic.Russian.Words : Slavic.Ukrainian.Words;
}

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
    /// <summary>Number words and their values ("дві" 2, "троє" 3); apostrophes written as '.</summary>
    public required Dictionary<string, long> Units { get; init; }
    /// <summary>Scale words by their start ("тис" 1,000, "млн" 1,000,000), longest first.</summary>
    public required (string Stem, long Factor)[] Scales { get; init; }
    /// <summary>Half a million in one word or two ("півмільйона").</summary>
    public required string HalfMillion { get; init; }
    /// <summary>Amounts given only in words, with the English words the corpus and the page use for them.</summary>
    public required (string Pattern, string Words)[] Qualitative { get; init; }
    /// <summary>"від … до …", "от … до …": the word before a range's low end.</summary>
    public required string RangeFrom { get; init; }
    /// <summary>Month names in the genitive ("3 березня"), by their stems, January first.</summary>
    public required string[] Months { get; init; }
    /// <summary>Month names in the locative ("у березні", "в марте"), January first.</summary>
    public required string[] MonthsIn { get; init; }
    /// <summary>Words after a number that make it no count of people: units of time, distance, money, equipment.</summary>
    public required string NotACountAfter { get; init; }
    /// <summary>Words before a number that make it no count: an age, an ordinal's "№".</summary>
    public required string NotACountBefore { get; init; }

    // Fields -------------------------------------------------------------------------------------
    /// <summary>The measures by their stems, tried in order: "убитими та пораненими" before "убит".</summary>
    public required (string Pattern, Measure Measure)[] Measures { get; init; }
    /// <summary>Words for a count that is none of ours (an exchange, a rate) around the number.</summary>
    public required string NotAFigure { get; init; }
    public required string Military { get; init; }
    public required string Civilian { get; init; }
    public required string People { get; init; }
    public required string Russia { get; init; }
    public required string Ukraine { get; init; }
    public required string NorthKorea { get; init; }
    /// <summary>"противник", "ворог": the other side from the speaker's.</summary>
    public required string Enemy { get; init; }
    /// <summary>Places whose dead are that side's civilians.</summary>
    public required string RussianPlaces { get; init; }
    public required string AtLeast { get; init; }
    public required string AtMost { get; init; }
    public required string Approximately { get; init; }

    // Periods ------------------------------------------------------------------------------------
    public required string Day { get; init; }
    public required string SinceInvasion { get; init; }
    public required string ThisYear { get; init; }
    /// <summary>"у 2024 році", "в 2024 году", "за 2024 рік": the year in a group named year.</summary>
    public required string Year { get; init; }
    public required string SinceMonth { get; init; }
    public required string LastMonth { get; init; }
    /// <summary>Named beginnings that are facts of the war, not words of a date ("с начала боевых действий на курском направлении").</summary>
    public required (string Pattern, DateOnly From)[] Since { get; init; }
    /// <summary>Words in a text's first lines that make it a day's summary: its counts are that day's unless they say otherwise.</summary>
    public required string DailySummary { get; init; }
    /// <summary>Words that make a count in a day's summary a total: "всего", "з початку".</summary>
    public required string Total { get; init; }
    /// <summary>"к концу 2024 года": from the invasion to that year's end.</summary>
    public required string UntilEndOf { get; init; }
    /// <summary>"С 10 по 16 мая": a week's summary, those days.</summary>
    public required string DayRange { get; init; }
    /// <summary>Month names in the nominative ("за травень", "за май"), January first.</summary>
    public required string[] MonthsNamed { get; init; }
    /// <summary>Words before a day that make it a beginning: "з", "с", "начавшегося".</summary>
    public required string From { get; init; }
    /// <summary>"имена 106 745 погибших": dead counted by name are deaths.</summary>
    public required string ByName { get; init; }
    /// <summary>"із них", "в том числе": a part of the count before, in its period.</summary>
    public required string PartOf { get; init; }
    /// <summary>"ще", "еще": a sentence that goes on from the figure before.</summary>
    public required string Further { get; init; }
    /// <summary>"виріс до", "выросло до": the number reached, not a ceiling.</summary>
    public required string RoseTo { get; init; }
    /// <summary>Pronouns and roles that name the last person named ("він", "глава держави", "министр").</summary>
    public required string Reference { get; init; }
    /// <summary>The first person plural of an organisation speaking of itself ("нам удалось", "за нашими даними").</summary>
    public required string We { get; init; }
    /// <summary>"Про це заявив", "Об этом сообщил": the speaker of the sentence before.</summary>
    public required string AboutThis { get; init; }
    /// <summary>Words for what kills civilians: a strike, a shelling.</summary>
    public required string Strike { get; init; }

    // Speakers -----------------------------------------------------------------------------------
    /// <summary>Verbs of saying, in the forms a speaker's sentence takes.</summary>
    public required string Saying { get; init; }
    /// <summary>"за даними", "за словами", "як повідомляє": words after which the source is named (genitive or nominative).</summary>
    public required string According { get; init; }
    /// <summary>Organisations by a pattern over their inflected forms, with the name in the nominative and the side they speak for.</summary>
    public required (string Pattern, string Name, string? Side)[] Organisations { get; init; }
    /// <summary>First names in an oblique case and their nominative ("Володимира" → "Володимир").</summary>
    public required Dictionary<string, string> FirstNames { get; init; }
    /// <summary>Surname endings in an oblique case and their nominative ("-ського" → "-ський"), longest first.</summary>
    public required (string Oblique, string Nominative)[] SurnameEndings { get; init; }
    /// <summary>People we know the side of, by surname stem.</summary>
    public required (string Stem, string Side)[] KnownPeople { get; init; }
    /// <summary>Unnamed officials as the article groups them, with the nominative plural the corpus writes.</summary>
    public required (string Pattern, string Name, string? Side)[] Groups { get; init; }

    // The General Staff's report and the ministry's claim -------------------------------------------
    /// <summary>The header of the General Staff's list: "Загальні бойові втрати противника …".</summary>
    public required string ReportHeader { get; init; }
    /// <summary>The report's personnel line: "особового складу".</summary>
    public required string Personnel { get; init; }

    // Round 2: a number's own words, periods said once and meant again, the aggressor named as a place, days of talks ------------
    /// <summary>Short words that end a number's own words ("з", "у", "і", "внаслідок"): what follows them is no longer the thing counted.</summary>
    public required string Function { get; init; }
    /// <summary>Nouns for people that say no group or side ("заручників", "студентов"): after a number, it counts people.</summary>
    public required string Persons { get; init; }
    /// <summary>Verbs of recording a count ("зафіксувала", "насчитала"): a month before them is the count's, not when something was said.</summary>
    public required string Recorded { get; init; }
    /// <summary>"відтоді", "с тех пор": from the beginning named before.</summary>
    public required string SinceThen { get; init; }
    /// <summary>"за місяць", "за этот месяц": the month named before.</summary>
    public required string ThatMonth { get; init; }
    /// <summary>Words right before a country that make it the one who struck, not where the dead were ("вторгнення Росії", "удару Росії").</summary>
    public required string Aggression { get; init; }
    /// <summary>Words right before a date that make it the day a count stood at, not the day of an event ("станом на", "к").</summary>
    public required string AsOf { get; init; }
    /// <summary>Words for negotiations; with a venue in one sentence, a day of talks.</summary>
    public required string TalksWords { get; init; }
    /// <summary>Talks only planned, refused or to come: no day held.</summary>
    public required string TalksNotHeld { get; init; }
    /// <summary>Verbs of talks held, begun, going on or ended ("завершилися", "провели"): near the word for talks, a day held, not one recalled.</summary>
    public required string TalksHeld { get; init; }
    /// <summary>A rate or an average ("щодня", "в среднем", "средний возраст"): anywhere in the clause, its numbers are no count.</summary>
    public required string Rate { get; init; }
    /// <summary>Cities talks are held in, by a pattern over their forms (and their adjective), with the name in the nominative.</summary>
    public required (string Pattern, string Name)[] Venues { get; init; }
    /// <summary>"перший день", "второй день": the day's number within a round, first to third.</summary>
    public required string[] DayOrdinals { get; init; }
    /// <summary>The words a participant judges a day of talks by ("конструктивні", "продуктивными"), read inside quotation marks.</summary>
    public required string Verdicts { get; init; }

    readonly Dictionary<string, Regex> compiled = new(StringComparer.Ordinal);
    readonly Lock gate = new();

    /// <summary>A pattern of this lexicon, compiled once (case-insensitive unless asked, with the extractor's timeout).</summary>
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

    /// <summary>
    /// First names in the nominative with their genitive and dative made by the rules of both languages
    /// (Олег → Олега, Олегу; Сергій → Сергія; Дмитро → Дмитра; Ірина → Ірини; Марія → Марії; Наталья → Натальи).
    /// </summary>
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

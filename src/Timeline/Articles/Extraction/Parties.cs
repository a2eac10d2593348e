// Whose losses a number counts ("Ukrainian soldiers", "Russia's losses", "on both sides"), and which
// side a speaker stands on ("Ukrainian President …", "Kremlin spokesperson …", "Russia's defence
// ministry"), from the same small table of names.
using System.Text.RegularExpressions;

namespace Timeline.Articles.Extraction;

public static partial class Parties
{
    static readonly (Regex Pattern, string Party)[] Names =
    [
        (BothSides(), "both"),
        (NorthKorea(), "north-korea"),
        (Ukraine(), "ukraine"),
        (Russia(), "russia"),
    ];

    // People whose side the text may not spell out next to their name.
    static readonly Dictionary<string, string> KnownPeople = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Volodymyr Zelenskyy"] = "ukraine", ["Zelenskyy"] = "ukraine", ["Zelensky"] = "ukraine", ["Oleksandr Syrskyi"] = "ukraine",
        ["Rustem Umerov"] = "ukraine", ["Kyrylo Budanov"] = "ukraine", ["Andriy Yermak"] = "ukraine", ["Dmytro Lubinets"] = "ukraine",
        ["Vladimir Putin"] = "russia", ["Putin"] = "russia", ["Dmitry Peskov"] = "russia", ["Peskov"] = "russia", ["Sergei Shoigu"] = "russia",
        ["Vladimir Medinsky"] = "russia", ["Sergei Lavrov"] = "russia", ["Andrei Belousov"] = "russia", ["Maria Zakharova"] = "russia",
        ["Yevgeny Prigozhin"] = "russia", ["Valery Gerasimov"] = "russia", ["Igor Konashenkov"] = "russia", ["Sergei Rudskoy"] = "russia",
        ["Ramzan Kadyrov"] = "russia", ["Yuri Ushakov"] = "russia", ["Kirill Dmitriev"] = "russia", ["Igor Kostyukov"] = "russia",
        ["Vyacheslav Gladkov"] = "russia", ["Alexei Smirnov"] = "russia", ["Grigory Karasin"] = "russia", ["Sergei Beseda"] = "russia",
        ["Valerii Zaluzhnyi"] = "ukraine", ["Oleksandr Tarnavskyi"] = "ukraine", ["Mykhailo Podolyak"] = "ukraine", ["Dmytro Kuleba"] = "ukraine",
        ["Andrii Sybiha"] = "ukraine", ["Andrii Hnatov"] = "ukraine", ["Oleksii Reznikov"] = "ukraine", ["Denys Shmyhal"] = "ukraine",
        ["Yulia Svyrydenko"] = "ukraine", ["David Arakhamia"] = "ukraine", ["Vitali Klitschko"] = "ukraine", ["Artur Dobroserdov"] = "ukraine",
        ["Petro Yatsenko"] = "ukraine", ["Iryna Vereshchuk"] = "ukraine", ["Oleh Kiper"] = "ukraine", ["Oleksandr Prokudin"] = "ukraine",
        ["Oleh Syniehubov"] = "ukraine", ["Ivan Fedorov"] = "ukraine", ["Vadym Filashkin"] = "ukraine", ["Vadym Boychenko"] = "ukraine",
    };

    // Who holds the prisoners a clause speaks of: "in Russian captivity", "held by Ukraine", "in Russian custody", "Russia holds".
    public static string? Captor(string words) => CaptorNamed().Match(words) is { Success: true } m ? In(m.Groups["captor"].Value) : null;

    [GeneratedRegex(@"\b(?:in|from)\s+(?<captor>Russian|Ukrainian)\s+(?:captivity|custody|prisons?|detention)\b|\bheld\s+(?:captive\s+)?(?:by|in)\s+(?<captor>Russia|Ukraine|Moscow|Kyiv)\b|\b(?<captor>Russia|Ukraine|Moscow|Kyiv)\s+(?:(?:still|now)\s+)?holds\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex CaptorNamed();

    // The party a stretch of text names first, or null.
    public static string? In(string words)
    {
        var best = (At: int.MaxValue, Party: (string?)null);
        foreach (var (pattern, party) in Names)
        {
            var m = pattern.Match(words);
            if (m.Success && m.Index < best.At) best = (m.Index, party);
        }
        return best.Party;
    }

    // The party named closest to the end of a stretch of text (the longer name on a tie: "Ukrainian and Russian"), or null.
    public static string? Last(string words)
    {
        var best = (End: -1, Length: 0, Party: (string?)null);
        foreach (var (pattern, party) in Names)
            foreach (Match m in pattern.Matches(words))
                if (m.Index + m.Length > best.End || (m.Index + m.Length == best.End && m.Length > best.Length)) best = (m.Index + m.Length, m.Length, party);
        return best.Party;
    }

    // The party whose losses a noun names, the last such noun before the number: "Russia's combat losses",
    // "North Korean casualties", "Ukrainian and Russian troops" (both), "the AFU losses".
    public static string? Owner(string words)
    {
        string? owner = null;
        foreach (Match m in Owned().Matches(words)) owner = In(m.Groups["who"].Value) ?? owner;
        return owner;
    }

    // Whether a side named here is the one doing the harm ("Russian strikes killed …"), not the one harmed.
    public static string? Agent(string words) =>
        Acting().Match(words) is { Success: true } m ? In(m.Groups["who"].Value) : null;

    public static string? Opposite(string? party) => party switch { "ukraine" => "russia", "russia" or "north-korea" => "ukraine", _ => null };

    // The side a place belongs to ("Kursk region", "Mariupol's mayor"), for people counting their own.
    public static string? OfPlace(string words) =>
        RussianPlace().IsMatch(words) ? "russia" : UkrainianPlace().IsMatch(words) ? "ukraine" : null;

    const string Side = @"Ukrainian|Ukraine['’]s|Ukraine|Russian|Russia['’]s|Russia|North Korean|Kyiv['’]s|Moscow['’]s|AFU|ZSU|Wagner|Pyongyang['’]s";

    // "Russian military casualties", "Ukrainian and Russian troops", "the AFU losses", "Russia's and Ukraine's armies".
    [GeneratedRegex(@"(?<who>\b(?:" + Side + @")(?:\s+and\s+(?:" + Side + @"))?)\s+(?:[\w-]+\s+){0,2}?(?:losses|casualties|deaths|dead|death toll|wounded|troops|soldiers|servicemen|forces|military|army|armies|civilians|combatants|personnel|fighters|side|sides)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Owned();

    // "Russian strikes", "Russia's missile and drone attacks", "Russian shelling": the side causing the harm.
    [GeneratedRegex(@"(?<who>\b(?:" + Side + @"))\s+(?:[\w-]+\s+(?:and\s+[\w-]+\s+)?){0,2}?(?:attacks?|strikes?|shelling|missiles?|drones?|bombs?|bombing|bombardment|barrage|offensive|fire|aggression|occupation|invasion|assaults?|rockets?)\b"
        // "Eighteen lives were taken by Russia", "killed by Ukrainian shelling": the side after "by" does the harm.
        + @"|\b(?:taken|killed|wounded|injured|murdered|caused)\s+by\s+(?<who>Russia|Ukraine|Russian|Ukrainian)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Acting();

    [GeneratedRegex(@"\b(?:Kursk|Belgorod|Bryansk|Moscow|Rostov|Voronezh|Krasnodar|Tula|Oryol|Kaluga|Lipetsk|Tambov|Kremlin)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex RussianPlace();

    // Ukrainian cities and regions that name the side of whoever runs or counts there.
    [GeneratedRegex(@"\b(?:Kyiv|Kharkiv|Odesa|Odessa|Mariupol|Zaporizhzhia|Dnipro|Kherson|Lviv|Sumy|Chernihiv|Mykolaiv|Poltava|Vinnytsia|Kramatorsk|Sloviansk|Bakhmut|Avdiivka|Pokrovsk|Izium|Bucha|Irpin|Ternopil|Khmelnytskyi|Zhytomyr|Uman|Kryvyi Rih|Dnipropetrovsk|Cherkasy|Rivne|Lutsk|Uzhhorod|Chernivtsi|Ivano-Frankivsk|Kropyvnytskyi)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex UkrainianPlace();

    // The side a speaker stands on: their title or name, then people we know.
    // A title's "Mission in Ukraine" or "ambassador to Russia" is where the office works, as in a name.
    public static string? OfSpeaker(string speaker, string title) =>
        In(NotIn().Replace(speaker, "")) is { } p and not "both" ? p
        : Last(NotIn().Replace(title, "")) is { } t and not "both" ? t
        : KnownPeople.TryGetValue(speaker, out var known) ? known
        : KnownPeople.FirstOrDefault(k => speaker.EndsWith(k.Key, StringComparison.OrdinalIgnoreCase)).Value
        // By the surname's spelling only when the surname is all that is given: "Andriy Smyrnov" is not "Alexei Smirnov".
        ?? (speaker.Contains(' ') ? KnownByFullSpelling.GetValueOrDefault(Spelling(speaker)) : KnownBySpelling.GetValueOrDefault(Spelling(speaker)))
        ?? OfPlace(title);

    static string Surname(string name) => name[(name.LastIndexOf(' ') + 1)..];

    // Ukrainian and Russian names come into English spelt several ways ("Zelenskyy", "Zelenskiy", "Zelensky";
    // "Syniehubov", "Synehubov"; "Valerii", "Valery"): the people we know, by their surname so spelt that the variants meet.
    static readonly Dictionary<string, string> KnownBySpelling = KnownPeople
        .GroupBy(k => Spelling(Surname(k.Key))).Where(g => g.Select(k => k.Value).Distinct().Count() == 1)
        .ToDictionary(g => g.Key, g => g.First().Value);

    // "Volodymyr Zelenskiy" as "Volodymyr Zelenskyy": the whole name so spelt.
    static readonly Dictionary<string, string> KnownByFullSpelling = KnownPeople.Where(k => k.Key.Contains(' '))
        .GroupBy(k => Spelling(k.Key)).Where(g => g.Select(k => k.Value).Distinct().Count() == 1)
        .ToDictionary(g => g.Key, g => g.First().Value);

    // "Zelenskiy" and "Zelenskyy" → "zelenski"; "Syniehubov" and "Synehubov" → "sinehubov": i, y and j as one letter,
    // a doubled letter once, and the soft "i" before a vowel dropped.
    public static string Spelling(string word)
    {
        var folded = new System.Text.StringBuilder(word.Length);
        foreach (var raw in word.ToLowerInvariant())
        {
            var c = raw is 'y' or 'j' ? 'i' : raw;
            if (folded.Length > 0 && folded[^1] == c) continue;
            if (folded.Length > 1 && folded[^1] == 'i' && c is 'a' or 'e' or 'o' or 'u') folded.Length--;
            folded.Append(c);
        }
        return folded.ToString();
    }

    // "Mission in Ukraine": a place where it works, not the side it stands on.
    [GeneratedRegex(@"\b(?:in|to|on|for|about)\s+(?:the\s+)?(?:Ukraine|Russia|Russian Federation)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex NotIn();

    // The two sides together: "both sides", "the two armies", "Ukrainian and Russian". Round 13: not one side's "combined killed and
    // wounded" ("Russia's combined losses",
    // a second reader: "Russian combined", "the Russians' combined"), which adds up the kinds of loss, not the sides.
    [GeneratedRegex(@"\b(?:both sides|on both sides|the two sides|both armies|both countries|the two armies|the two countries|each side|either side|(?<!\b(?:Russia|Ukraine|Moscow|Kyiv|Russians?|Ukrainians?)(?:['’]s?)?\s|\b(?:its|their)\s)combined|in total on both|Ukrainian and Russian|Russian and Ukrainian|Russia and Ukraine|Ukraine and Russia|Russia['’]s and Ukraine['’]s|Ukraine['’]s and Russia['’]s)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex BothSides();

    [GeneratedRegex(@"\bNorth Korean?'?s?\b|\bPyongyang's\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex NorthKorea();

    [GeneratedRegex(@"\b(?:Ukrainians?|Ukraine'?s?|Ukraine’s|Kyiv'?s?|Kyiv’s|Kiev|AFU|ZSU|VSU)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Ukraine();

    // Russia by its names, its capital, its forces' names and what Ukrainians call them.
    [GeneratedRegex(@"\b(?:Russians?|Russia'?s?|Russia’s|Moscow'?s?|Moscow’s|Kremlin|Wagner|invaders|occupiers|occupying forces)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Russia();
}

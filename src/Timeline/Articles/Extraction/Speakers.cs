// Who said it, from attribution phrases: "according to X", "X said", "said X", "X estimated",
// "X told", "X's figure", and "…, he said" (the last person named before). The words before a
// name ("Ukrainian President", "Kremlin spokesperson") are kept as the title: they tell the side.
using System.Text.RegularExpressions;

namespace Timeline.Articles.Extraction;

public sealed record Speaker(string Name, string Title, Span At, bool IsPerson);

public static partial class Speakers
{
    static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "president", "prime", "minister", "foreign", "defence", "defense", "kremlin", "ukrainian", "russian", "british", "american", "us",
        "u.s.", "general", "gen.", "colonel", "commander", "commander-in-chief", "chief", "secretary", "deputy", "head", "spokesperson",
        "spokesman", "spokeswoman", "ambassador", "senator", "chancellor", "mayor", "governor", "lieutenant", "lead", "negotiator",
        "chief negotiator", "aide", "adviser", "advisor", "envoy", "ombudsman", "intelligence", "military", "presidential", "former",
        "the", "a", "an", "of", "and", "to", "top", "senior", "special", "human", "rights", "commissioner", "french", "german", "polish", "north", "korean",
        "south", "dr", "dr.", "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "ukraine's", "russia's", "moscow's", "kyiv's",
    };

    const string Verbs = @"said|says|told|estimated|estimates|reported|reports|revealed|reveals|announced|claimed|claims|stated|states|wrote|writes|put|puts|assessed|assesses|counted|confirmed|warned|warns|suggested|suggest|suggests|insisted|insists|acknowledged|admitted|disclosed|calculated|recorded|verified|believe|believes|believed|noted|added|described|describing|spoke|speaking";

    /// <summary>
    /// The speaker a sentence names, if any; <paramref name="lastPerson"/> answers "he said",
    /// <paramref name="last"/> answers "the ministry said" and "according to the officials".
    /// </summary>
    public static Speaker? In(string text, Span sentence, Speaker? lastPerson, Speaker? last)
    {
        var s = sentence.Of(text);
        Speaker? At(int index, int length, string title)
        {
            var name = Trim(text.Substring(sentence.Start + index, length));
            if (name.Length < 2) return null;
            var isPerson = !IsOrganisation(name);
            var stripped = "";
            if (isPerson) name = StripTitles(name, out stripped);
            return name.Length < 2 ? null : new Speaker(name, (title + " " + stripped).Trim(), new Span(sentence.Start + index, sentence.Start + index + length), isPerson);
        }

        if (According().Match(s) is { Success: true } a)
        {
            if (BackReference().IsMatch(a.Groups["who"].Value)) return last;
            if (At(a.Groups["who"].Index, a.Groups["who"].Length, "") is { } according) return according;
        }
        if (Pronoun().IsMatch(s) && lastPerson is not null) return lastPerson;
        if (ReferredTo().IsMatch(s) && last is not null) return last;
        if (Inverted().Match(s) is { Success: true } inv && !NotAName().IsMatch(inv.Groups["who"].Value)
            && At(inv.Groups["who"].Index, inv.Groups["who"].Length, inv.Groups["title"].Value) is { } said) return said;
        if (Possessive().Match(s) is { Success: true } pos && At(pos.Groups["who"].Index, pos.Groups["who"].Length, "") is { } figure) return figure;
        if (Subject().Match(s) is { Success: true } sub && At(sub.Groups["who"].Index, sub.Groups["who"].Length, "") is { } subject) return subject;
        return null;
    }

    /// <summary>Whether any word of the name is one that only organisations carry.</summary>
    public static bool IsOrganisation(string name)
    {
        foreach (var word in name.Split([' ', '-', ',', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
            if (Words.Organisation.Contains(word.TrimEnd('.', '\'', '’'))) return true;
        return false;
    }

    static string Trim(string phrase)
    {
        phrase = Lead().Replace(phrase.Trim(), "");
        phrase = phrase.TrimEnd('.', ',', ';', ':', ' ', '"', '\'', '”');
        if (phrase.EndsWith("'s", StringComparison.Ordinal) || phrase.EndsWith("’s", StringComparison.Ordinal)) phrase = phrase[..^2];
        return phrase;
    }

    /// <summary>"Ukrainian President Volodymyr Zelenskyy" → "Volodymyr Zelenskyy", title "Ukrainian President".</summary>
    static string StripTitles(string name, out string title)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var cut = 0;
        while (cut < words.Count - 1 && (Titles.Contains(words[cut]) || !char.IsUpper(words[cut][0]))) cut++;
        title = string.Join(' ', words.Take(cut));
        return string.Join(' ', words.Skip(cut));
    }

    // "according to (estimates from) the Center for Strategic and International Studies"
    [GeneratedRegex(@"\baccording to\s+(?:(?:the\s+)?(?:latest\s+|new\s+|recent\s+|official\s+)?(?:estimates?|figures?|data|numbers|counts?|tallies|tally|a report|reports?|an assessment|assessments?|an estimate|calculations?)\s+(?:from|by|of|published by|compiled by)\s+)?(?<who>[^,;.()]+?(?:\.[A-Z][^,;.()]*?)*)\s*(?:[,;.()]|$|\s+(?:which|who|that|published|released|issued|said|says|on)\b)", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex According();

    // "…, he said" / "she told reporters"
    [GeneratedRegex(@"\b(?:he|she|the president|the minister)\s+(?:said|added|told|estimated|noted|wrote|claimed|warned)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Pronoun();

    // "the mission", "the same officials", "the Washington think tank": someone already named.
    [GeneratedRegex(@"^(?:the|The)\s+(?:same\s+)?(?:[A-Z]\w+\s+)?(?:mission|ministry|agency|report|institute|outlet|officials|think tank|update|service|intelligence service|project|General Staff|general staff|monitors|authors)$", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex BackReference();

    [GeneratedRegex(@"(?:^|[,;]\s+|\b)(?:the|The)\s+(?:same\s+)?(?:[A-Z]\w+\s+)?(?:mission|ministry|agency|report|institute|outlet|officials|think tank|update|service|intelligence service|project|General Staff|general staff|monitors|authors)(?:['’]s\s+(?:\w+\s+){0,2}(?:update|report|figures?|estimates?|count))?\s+(?:has\s+|have\s+|also\s+)?(?:" + Verbs + @")\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex ReferredTo();

    [GeneratedRegex(@"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex NotAName();

    // "…, said Kremlin spokesperson Dmitry Peskov"
    [GeneratedRegex(@"\b(?:said|says|told|wrote|warned)\s+(?<title>(?:(?!on\b|in\b|at\b|by\b|for\b|that\b)[A-Za-z-]+\s+){0,3}?)(?<who>(?:[A-Z][\w'’.-]+\s+){0,5}[A-Z][\w'’.-]+)\s*(?:[,.;]|$)", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Inverted();

    // "Mediazona's count", "the ministry's figure"
    [GeneratedRegex(@"(?<who>(?:[A-Z][\w.-]+\s+){0,4}[A-Z][\w.-]+)['’]s\s+(?:latest\s+|own\s+|new\s+)?(?:figure|figures|estimate|estimates|count|tally|assessment|data)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Possessive();

    // "Ukrainian President Volodymyr Zelenskyy has revealed", "Ukraine's General Staff said", "Analysts suggest"
    [GeneratedRegex(@"(?<who>(?:(?:[A-Z][\w'’.-]*|of|for|and|the|in|defence|defense|ministry|intelligence|spokesperson|spokesman|officials|analysts|staff|monitors|lead|chief|negotiator)\s+){0,8}(?:[A-Z][\w'’.-]*|ministry|intelligence|officials|analysts|staff|monitors))\s+(?:has\s+|have\s+|had\s+|also\s+|now\s+|earlier\s+|previously\s+|separately\s+|on\s+\w+day\s+)*(?:" + Verbs + @")\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Subject();

    [GeneratedRegex(@"^(?:the|a|an)\s+", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Lead();
}

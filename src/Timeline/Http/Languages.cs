// Which language an article is written in: English, Ukrainian, Russian, or undetermined. The
// script decides between English and the other two; within Cyrillic, the letters only one of the
// two alphabets has (і ї є ґ; ы э ъ ё) and the commonest words of each tell them apart. A short
// or mixed text goes by what most of it is written in; too little to tell is "und". It lives with
// the other closed vocabularies because statements carry it too, not only the extractor.
namespace Timeline.Http;

public static class Languages
{
    public const string English = "en", Ukrainian = "uk", Russian = "ru", Undetermined = "und";

    public static readonly string[] All = [English, Ukrainian, Russian, Undetermined];

    // At most this much of a text is read: the first 20,000 characters say what the rest is written in.
    const int Read = 20_000;

    // Words common in one language and absent (as words) from the other.
    static readonly HashSet<string> UkrainianWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "і", "й", "та", "що", "це", "як", "від", "він", "вона", "вони", "був", "була", "були", "було", "його", "її", "їх", "після",
        "також", "який", "яка", "які", "якого", "ще", "вже", "щодо", "між", "під", "понад", "близько", "осіб", "року", "році",
    };

    static readonly HashSet<string> RussianWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "и", "что", "это", "как", "от", "он", "она", "они", "был", "была", "были", "было", "его", "ее", "их", "после", "также",
        "который", "которая", "которые", "еще", "уже", "между", "под", "более", "около", "человек", "года", "году", "сообщил", "заявил",
        // Function words Ukrainian spells otherwise (з, до, із, але, або, коли, де, тільки, якщо) and the army's Russian initials.
        "с", "со", "к", "ко", "из", "но", "или", "когда", "где", "только", "если", "чтобы", "всего", "ВСУ",
    };

    static readonly HashSet<string> EnglishWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "of", "to", "in", "a", "is", "was", "were", "said", "that", "for", "on", "with", "by", "has", "have", "killed", "people",
    };

    static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> UkrainianLookup = UkrainianWords.GetAlternateLookup<ReadOnlySpan<char>>(),
        RussianLookup = RussianWords.GetAlternateLookup<ReadOnlySpan<char>>(), EnglishLookup = EnglishWords.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool Known(string? language) => language is not null && Array.IndexOf(All, language) >= 0;

    // Spellings Ukrainian does not have: и before a vowel inside a word (операции, пропавшие, России: Ukrainian writes і, ї, є
    // there, but for a few prefixes and roots before я) and the adjective and pronoun endings -ая, -ое, -его (Ukrainian -а, -е, -ого/-його). A sentence with none of
    // ы, э, ъ, ё is told by these.
    static bool RussianOnly(ReadOnlySpan<char> word)
    {
        if (word.Length < 3) return false;
        for (var i = 0; i + 1 < word.Length; i++)
            if (char.ToLowerInvariant(word[i]) == 'и' && char.ToLowerInvariant(word[i + 1]) is 'а' or 'е' or 'о' or 'у' or 'ю' or 'я' or 'и'
                // Except the prefixes ви-, при- and the root кия- before я, which Ukrainian writes so (виявили, приятель, кияни).
                && !(char.ToLowerInvariant(word[i + 1]) == 'я' && (i == 1 && char.ToLowerInvariant(word[0]) is 'в' or 'к'
                    || i == 2 && word.StartsWith("пр", StringComparison.OrdinalIgnoreCase))))
                return true;
        return word.EndsWith("ая", StringComparison.OrdinalIgnoreCase) || word.EndsWith("ое", StringComparison.OrdinalIgnoreCase)
            || word.EndsWith("его", StringComparison.OrdinalIgnoreCase);
    }

    public static string Detect(string text)
    {
        var span = text.AsSpan(0, Math.Min(text.Length, Read));
        int latin = 0, cyrillic = 0, ukrainianLetters = 0, russianLetters = 0;
        foreach (var c in span)
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z') latin++;
            else if (c is >= '\u0400' and <= '\u04FF')
            {
                cyrillic++;
                switch (char.ToLowerInvariant(c))
                {
                    case 'і' or 'ї' or 'є' or 'ґ': ukrainianLetters++; break;
                    case 'ы' or 'э' or 'ъ' or 'ё': russianLetters++; break;
                }
            }
        }
        if (latin + cyrillic < 3) return Undetermined;

        int ukrainianWords = 0, russianWords = 0, englishWords = 0, words = 0;
        foreach (var range in span.SplitAny(" \n\t\u00a0,.;:!?()«»\"'’“”–—-"))
        {
            var word = span[range];
            if (word.IsEmpty) continue;
            words++;
            if (UkrainianLookup.Contains(word)) ukrainianWords++;
            if (RussianLookup.Contains(word) || RussianOnly(word)) russianWords++;
            if (EnglishLookup.Contains(word)) englishWords++;
        }

        if (latin > cyrillic)
            // A few Latin words ("Kyiv", "ISW") are English enough; a longer text needs English's own small words.
            return englishWords > 0 || words <= 3 ? English : Undetermined;
        // A letter of its own weighs more than a shared-looking word: "и" is also a Ukrainian letter, "і" never a Russian one.
        var uk = ukrainianLetters * 2 + ukrainianWords;
        var ru = russianLetters * 2 + russianWords;
        return uk > ru ? Ukrainian : ru > uk ? Russian : Undetermined;
    }
}

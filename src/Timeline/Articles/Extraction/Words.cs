// The words the rules share, each list defined once: months and weekdays, the nouns for soldiers
// and for civilians, the words that make a name an organisation's, and the verbs of saying.
namespace Timeline.Articles.Extraction;

static class Words
{
    public const string Months = "January|February|March|April|May|June|July|August|September|October|November|December";

    public const string Weekdays = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";

    static readonly string[] MonthNames = Months.Split('|');

    // "… February", "… Feb." (a day's date follows).
    public static bool EndsInMonth(ReadOnlySpan<char> words)
    {
        foreach (var m in MonthNames) if (words.EndsWith(m, StringComparison.Ordinal)) return true;
        return words.EndsWith(".") && words.LastIndexOf(' ') is var space && words[(space + 1)..^1] is var abbreviation
            && abbreviation.Length is 3 or 4 && char.IsUpper(abbreviation[0]) && ShortMonth.Contains(abbreviation);
    }

    public static bool StartsWithMonth(ReadOnlySpan<char> words)
    {
        foreach (var m in MonthNames) if (words.StartsWith(m, StringComparison.Ordinal)) return true;
        return false;
    }

    // Months cut short ("Feb.", "Sept."), without their full stop: the one list the date patterns and the sentence splitter share.
    public const string ShortMonths = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";

    public static readonly HashSet<string> MonthAbbreviations = new(ShortMonths.Split('|'), StringComparer.OrdinalIgnoreCase);
    static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ShortMonth = MonthAbbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    // Nouns for people under arms.
    public const string Soldiers =
        @"soldiers?|troops|servicemen|servicewomen|servicemembers|service\s*members|service\s*personnel|military\s+personnel|fighters|personnel|"
        + @"combatants|mercenaries|conscripts|mobilised|mobilized|recruits|paratroopers|marines|officers|prisoners of war|POWs|army|military|forces|"
        + @"defenders|invaders|occupiers";

    // Nouns for people not under arms.
    public const string Civilians = @"civilians?|children|non-combatants|residents|inhabitants|women and children";

    // Words that make a name an organisation's rather than a person's.
    public static readonly HashSet<string> Organisation = new(StringComparer.OrdinalIgnoreCase)
    {
        "ministry", "staff", "mission", "office", "agency", "service", "intelligence", "institute", "center", "centre", "council",
        "command", "department", "mediazona", "bbc", "monitors", "officials", "analysts", "study", "studies", "government", "administration",
        "nations", "un", "ohchr", "hrmmu", "army", "forces", "school", "university", "project", "group", "committee", "commission", "observers",
        "headquarters", "nato", "isw", "iiss", "csis", "rusi", "mod", "report", "authors", "researchers", "volunteers",
        "outlet", "newspaper", "register", "bureau", "tracker", "journalists", "foundation", "ombudsman's", "secretariat", "alliance", "watch",
        // "Ukraine's air force says", "Amnesty International said": a service or a body, not a person.
        "force", "navy", "international", "police",
    };

    public const string Saying =
        "said|says|told|tells|estimated|estimates|estimate|reported|reports|revealed|reveals|announced|announces|claimed|claims|claim|stated|states|wrote|writes|"
        + "put|puts|assessed|assesses|assess|counted|counts|confirmed|confirms|warned|warns|suggested|suggest|suggests|insisted|insists|acknowledged|"
        + "acknowledges|admitted|admits|disclosed|calculated|calculates|recorded|records|verified|believe|believes|believed|noted|notes|added|adds|"
        + "described|describing|spoke|speaking|reckons|reckoned|found|finds|concluded|concludes|documented|documents|tallied|identified|"
        + "recorded|registered|informs|informed|raised\\s+(?:the|its)\\s+(?:death\\s+)?toll|revised\\s+(?:the|its)\\s+(?:death\\s+)?toll|put the number|put the figure|said in a statement|told reporters|posted|published|publishes|updated|cited|"
        + "called|calls|described|describes|termed|"
        // Round 12: the plural and bare forms ("police say", "officials note", "the authors write") and the perfect "has spoken of":
        // news gives a group's words in them as often as a body's in "says". Not "report", a noun as often ("Its report found").
        // Bare "tell" and "find" say nothing without a "that" or an "of" after them ("Kyiv and Moscow tell very different stories").
        + "say|tell(?=\\s+(?:(?:[A-Z][\\w.'’-]*|the|reporters|us|me)\\s+){0,3}(?:that|of)\\b)|confirm|note|write|warn|add|announce|reveal|insist|acknowledge|admit|reckon|conclude|"
        + "find(?=\\s+(?:that|it)\\b)|spoken\\s+of|"
        // Round 13: a tracker's or a register's count ("UALosses lists upwards of 87,000 named soldiers").
        // A second reader: only before a count ("Casualty lists include …" is a noun); "has listed" too.
        + "(?:lists|listed)(?=\\s+(?:about|some|more|over|upwards|at\\s+least|nearly|almost|around|roughly|close|\\d))|"
        + "gave\\s+(?:his|her|its|their|an?|the)\\s+(?:own\\s+|latest\\s+|new\\s+)?(?:estimate|figure|count|tally|toll|assessment|number)s?";
}

// What a number counts, from the nouns and verbs around it: the measure (killed, wounded, both,
// missing, captured, deaths) and the group (military, civilian, all). A party's "casualties" or
// "losses" with no noun for the group are military, as war reporting uses the words.
using System.Text.RegularExpressions;
using Timeline.Statements;
using Group = Timeline.Statements.Group;

namespace Timeline.Articles.Extraction;

public sealed record Counted(Measure Measure, Group Group, bool GroupStated);

public static partial class Measures
{
    // The measure and group of the number, read first in the words after it (to the clause's end),
    // then in the words before it; null when nothing there says what it counts.
    public static Counted? Of(string text, NumberMention number, Span clause, int previousEnd = -1, int nextStart = -1)
    {
        // A general staff's list: "personnel – about 1,223,790 (+1,030) persons" counts the enemy's killed and wounded.
        if (Personnel().IsMatch(text[clause.Start..number.Span.Start])) return new Counted(Measure.KilledOrWounded, Group.Military, true);
        var after = text[number.Span.End..(nextStart > number.Span.End && nextStart < clause.End ? nextStart : clause.End)];
        var before = text[(previousEnd > clause.Start && previousEnd <= number.Span.Start ? previousEnd : clause.Start)..number.Span.Start];
        // Before it, only the words since the previous number ("killed 300 and wounded 2,700": 2,700 were wounded).
        before = Numbers.AfterLast(before);
        // "killed while fighting against Russia, including 4,000 officers": only the words up to the next number count.
        var nextNumber = after.AsSpan().IndexOfAnyInRange('0', '9');
        if (nextNumber >= 0) after = after[..nextNumber];
        // "lost around 1 million soldiers, killed and wounded", "lost 100,000 troops: 61,207 killed and 49,368 wounded": both, told after it.
        var measure = (Split().IsMatch(text.AsSpan(number.Span.End, Math.Min(90, text.Length - number.Span.End))) ? Measure.KilledOrWounded : (Measure?)null)
            ?? MeasureIn(after, leading: true) ?? Closest(before);
        // "about 8,000 of our citizens, soldiers and civilians together, are being held by Russia": the predicate after an aside.
        measure ??= Held().Match(after) is { Success: true } held ? held.Groups["missing"].Success ? Measure.Missing : Measure.Captured : null;
        if (measure is null) return null;
        // Before the number, only its own noun phrase says whose: not "people familiar with …" at the sentence's start.
        // "8,000 of our citizens, soldiers and civilians together": everyone.
        var group = Both().IsMatch(after.Length > 80 ? after[..80] : after) ? Group.All : GroupIn(Lead(after)) ?? GroupIn(before.Length > 60 ? before[^60..] : before) ?? TollOf(before);
        // "the enemy lost 427,000 people killed and wounded", "the occupiers' losses amounted to 1,340 persons", "the Ukrainians lost 50,000 killed",
        // "20,000 men killed and wounded": people an army lost are its soldiers.
        // "missing in action", "killed in action": only soldiers are in action.
        if (group == Group.All && (ArmyLost().IsMatch(before.Length > 80 ? before[^80..] : before) && !Civilian().IsMatch(before)
                || measure == Measure.KilledOrWounded && MenLead().IsMatch(after) || InAction().IsMatch(after)))
            group = Group.Military;
        var clauseText = text[clause.Start..clause.End];
        // "A strike killed 13 people": people of every kind (all), unless the words say civilians or soldiers.
        var counted = new Counted(measure.Value, group ?? (measure == Measure.Deaths ? Group.All : Group.Military), group is not null);
        // A count of the dead confirmed one by one, by name: deaths, as the counters call them (of whom it counts, as it said).
        return measure == Measure.Killed && ByName().IsMatch(clauseText) ? counted with { Measure = Measure.Deaths } : counted;
    }

    // "The civilian death toll from Friday's strikes across Ukraine has risen to 39": the group the toll's own words name, however far back.
    static Group? TollOf(string before)
    {
        var toll = Toll().Match(before);
        Match? last = null;
        while (toll.Success) { last = toll; toll = toll.NextMatch(); }
        return last is null ? null : GroupIn(before[Math.Max(0, last.Index - 25)..(last.Index + last.Length)]);
    }

    // A second reader: the register's words follow the verb directly ("registered at shelters, though others are missing" is not one).
    // Round 13: a register's count ("are now listed as missing", "are registered in the register of missing persons") is of the missing.
    [GeneratedRegex(@"^[^.;]{0,80}?\b(?:are|were|remain|remained|is|was)\s+(?:still\s+)?(?:(?:now|still|officially)\s+)?(?:(?:being\s+)?held\b|in\s+(?:Russian\s+)?captivity\b|(?<missing>missing)\b|(?:listed|registered|recorded)\s+(?:as\s+|in\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:register|list|database|registry)\s+of\s+(?:the\s+)?)(?<missing>(?i:missing))\b)", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Held();

    // Whose losses are an army's: "the enemy", "the occupiers", "the Armed Forces of Ukraine", a side's or an army's "losses", what it "lost"
    // (not a city's: "Mariupol lost 25,000 people" is everyone).
    [GeneratedRegex(@"\b(?:enemy|occupiers|invaders|Armed\s+Forces|AFU|ZSU)\b|\b(?:Russia|Ukraine|Moscow|Kyiv|Russians|Ukrainians|Russian|Ukrainian|army|armies|forces|troops|military)(?:['’]s?)?\s+(?:\w+\s+){0,2}?(?:losses|lost)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex ArmyLost();

    [GeneratedRegex(@"^\s*men\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex MenLead();

    [GeneratedRegex(@"^[^.;]{0,60}?\b(?:missing|killed|wounded)\s+in\s+action\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex InAction();

    // "compiles the names of fallen servicemen … has confirmed 64,000 deaths": a count by name of soldiers, wherever the sentence says so.
    // Only words of a list of names: "police have identified all of them" is no count by name.
    public static bool SoldiersByName(string sentence) => ListOfNames().IsMatch(sentence) && Military().IsMatch(sentence) && !Civilian().IsMatch(sentence);

    [GeneratedRegex(@"\b(?:by name|names of|obituaries)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex ListOfNames();

    [GeneratedRegex(@"\b(?:soldiers|servicemen|troops|military)\s+and\s+civilians\b|\bcivilians\s+and\s+(?:soldiers|servicemen|troops|military)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Both();

    [GeneratedRegex(@"\b(?:death\s+)?toll\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    public static partial Regex Toll();

    [GeneratedRegex(@"^\s*(?:[\w-]+(?:\s+[\w-]+){0,2})?\s*[,:—–]\s*(?:(?:both\s+)?(?:killed|dead)\s+and\s+(?:wounded|injured)|[\d,. ]+\s+(?:killed|dead)\s+and\s+[\d,. ]+\s+(?:wounded|injured))\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Split();

    // The noun phrase right after a number: "Ukrainian soldiers", "civilians".
    public static string Lead(string after)
    {
        var m = LeadPhrase().Match(after);
        return m.Success ? m.Value : "";
    }

    static Measure? MeasureIn(string words, bool leading)
    {
        // After a number only its own phrase counts ("55,000 soldiers have been killed in action while ..."): the words up to a break.
        if (leading)
        {
            var cut = Break().Match(words);
            if (cut.Success) words = words[..cut.Index];
        }
        if (KilledOrWounded().IsMatch(words)) return Measure.KilledOrWounded;
        if (DeathToll().IsMatch(words)) return Measure.Deaths;
        if (Killed().IsMatch(words)) return Measure.Killed;
        if (Wounded().IsMatch(words)) return Measure.Wounded;
        if (Missing().IsMatch(words)) return Measure.Missing;
        if (Captured().IsMatch(words)) return Measure.Captured;
        return null;
    }

    // Of the words before a number, the measure named nearest to it ("killed two civilians and injured seven": injured).
    static Measure? Closest(string words)
    {
        var best = (At: -1, Measure: (Measure?)null);
        foreach (var (pattern, measure) in Kinds)
        {
            var m = pattern.Match(words);
            var last = -1;
            while (m.Success) { last = m.Index + m.Length; m = m.NextMatch(); }
            if (last > best.At) best = (last, measure);
        }
        return best.Measure;
    }

    // In the order a tie is settled: "killed or wounded" before "killed".
    static readonly (Regex Pattern, Measure Measure)[] Kinds =
    [
        (KilledOrWounded(), Measure.KilledOrWounded), (DeathToll(), Measure.Deaths), (Killed(), Measure.Killed),
        (Wounded(), Measure.Wounded), (Missing(), Measure.Missing), (Captured(), Measure.Captured),
    ];

    static Group? GroupIn(string words)
    {
        if (Civilian().IsMatch(words)) return Group.Civilian;
        if (Military().IsMatch(words)) return Group.Military;
        if (People().IsMatch(words)) return Group.All;
        return null;
    }

    // The noun phrase a number leads: "Ukrainian soldiers", "of its troops", "civilians", "of those Russian soldiers".
    [GeneratedRegex(@"^\s*(?:[""”]\s*)?(?:(?:of|the|its|their|our|his|her|those|these)\s+)*(?:[A-Z][\w'’-]*\s+|(?:enemy|foreign|young|allied|civilian|wounded|injured|dead|fallen|captured)\s+){0,3}(?:soldiers?|troops|servicem[ae]n|servicemembers|service\s*members|service\s*personnel|fighters|personnel|military|forces|combatants|mercenaries|occupiers|invaders|civilians?|people|persons?|child|children|m[ae]n|wom[ae]n|residents?|Ukrainians|Russians|North\s+Koreans|Koreans|prisoners of war|POWs|casualties|losses|deaths|dead)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex LeadPhrase();

    // Where a number's own phrase ends: punctuation, a new verb after "and", a subordinate clause; round 13: a new participle
    // ("killing 14 people and wounding 61": the 14 were killed).
    [GeneratedRegex(@"[,;:]|\band\s+(?=(?:its|their|his|her|the|some|about|nearly|almost|at\s+least)\b)|(?<!\b(?:killed|wounded|injured|dead|died|missing|captured),?\s)\band\s+(?=(?:killed|wounded|injured|captured|died|lost|destroyed|killing|wounding|injuring)\b)|\b(?:while|since|(?<!\b(?:listed|registered|recorded|classified|reported|considered|counted|confirmed)\s)as|because|after|before|when|but|although|which|who(?!\s+(?:are|were|remain|have been|had been|went)\b)|including|that)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Break();

    // Both together: "killed or wounded", "casualties", "losses".
    [GeneratedRegex(@"\b(?:killed (?:or|and) wounded|[""“](?:wounded|injured|killed|dead) (?:or|and) (?:wounded|injured|killed|dead)[""”]|killed (?:or|and) injured|dead (?:or|and) wounded|dead (?:or|and) injured|(?:wounded|injured) (?:or|and) (?:killed|dead)|casualties|losses|casualty|killed,? wounded|neutrali[sz](?:ed|ing))\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex KilledOrWounded();

    [GeneratedRegex(@"\b(?:death toll|deaths|fatalities|lives lost)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex DeathToll();

    // The dead, as war reporting says it: "killed", "fallen", "lost N soldiers", "killed in action".
    [GeneratedRegex(@"\b(?:killed|killing|died|dead|fallen|lost their lives|perished|were slain|lost|losing|killed in action|KIA|cost(?:s|ing)?)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Killed();

    [GeneratedRegex(@"\b(?:wounded|injured|hurt|injuries|wounds|wounding|injuring)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Wounded();

    [GeneratedRegex(@"\b(?:missing|unaccounted for)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Missing();

    [GeneratedRegex(@"\b(?:by name|named|names of|identified|obituaries|confirmed the deaths)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex ByName();

    [GeneratedRegex(@"\b(?:strikes?|struck|attacks?|shelling|shelled|bombardment|missiles?|drones?|bombs?|barrage|explosions?|rockets?)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    public static partial Regex Strike();

    // Prisoners: "captured", "taken prisoner", "held by Russia", "in our custody", "surrendered".
    [GeneratedRegex(@"\b(?:captured|prisoners of war|POWs|prisoners|taken prisoner|captivity|held captive|being held|held by|in (?:our|Russian|Ukrainian) custody|in custody|surrendered|detained|(?:Russia|Moscow|Ukraine|Kyiv|it|they)\s+(?:(?:still|now|also|was|is|were|are)\s+){0,2}(?:holds|holding))\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Captured();

    [GeneratedRegex(@"^\s*(?:personnel|manpower)\s*[‒–—:-]+\s*(?:about|approximately|around|some)?\s*(?:[\d,\s]+\(\+)?$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Personnel();

    [GeneratedRegex(@"\b(?:" + Words.Civilians + @")\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Civilian();

    // Nouns that make a count military.
    [GeneratedRegex(@"\b(?:" + Words.Soldiers + @")\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Military();

    // "One person was killed", "killed one man": a single victim is someone, not a soldier, unless the text says so.
    [GeneratedRegex(@"\b(?:people|persons?|man|woman|lives|Ukrainians|Russians)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex People();
}

// Numbers that are not casualty counts, whatever words are near them: years and dates, money,
// percentages, distances, equipment, ages, and prisoners exchanged in one swap.
using System.Text.RegularExpressions;

namespace Timeline.Articles.Extraction;

public static partial class Exclusions
{
    // The comma-separated stretch of the clause that holds the number.
    static string Segment(string text, Span clause, NumberMention number)
    {
        var from = number.Span.Start > clause.Start ? text.LastIndexOf(", ", number.Span.Start - 1, number.Span.Start - clause.Start, StringComparison.Ordinal) : -1;
        var to = text.IndexOf(", ", number.Span.End, clause.End - number.Span.End, StringComparison.Ordinal);
        return text[(from < 0 ? clause.Start : from + 2)..(to < 0 ? clause.End : to)];
    }

    // A year ("2022") or a day of a month ("February 24", "6 August"): part of a date.
    public static bool IsDate(string text, NumberMention number)
    {
        if (number.Value is >= 1900 and <= 2100 && !text.AsSpan(number.Span.Start, number.Span.Length).Contains(',')) return true;
        if (number.Value is not (>= 1 and <= 31)) return false;
        var before = text[Math.Max(0, number.Span.Start - 12)..number.Span.Start];
        var after = text[number.Span.End..Math.Min(text.Length, number.Span.End + 12)];
        return Dates().IsMatch(after) || DatesBefore().IsMatch(before);
    }

    public static bool NotACount(string text, NumberMention number, Span clause)
    {
        var before = text[Math.Max(clause.Start, number.Span.Start - 40)..number.Span.Start];
        var after = text[number.Span.End..Math.Min(clause.End, number.Span.End + 40)];
        if (number.Value is >= 1900 and <= 2100 && !text[number.Span.Start..number.Span.End].Contains(',')) return true;
        if (Money().IsMatch(before) || MoneyAfter().IsMatch(after)) return true;
        if (Percent().IsMatch(after)) return true;
        if (Units().IsMatch(after)) return true;
        if (Dates().IsMatch(after) || DatesBefore().IsMatch(before)) return true;
        if (Age().IsMatch(before) || AgeAfter().IsMatch(after)) return true;
        if (Rate().IsMatch(after) || RateBefore().IsMatch(before) || Population().IsMatch(before)) return true;
        if (Label().IsMatch(before) || OrdinalSuffix().IsMatch(after) || Ratio().IsMatch(after) || RatioBefore().IsMatch(before)) return true;
        if (OtherWar().IsMatch(Segment(text, clause, number))) return true;
        if (Recruited().IsMatch(before) && Inmates().IsMatch(after)) return true;
        return Swap().IsMatch(text[clause.Start..clause.End]);
    }

    // Round 13: inmates signed up to fight ("Wagner recruited some 50,000 prisoners", "took on 50,000 convicts"): recruits, not prisoners of war.
    [GeneratedRegex(@"\b(?:recruit(?:ed|ing|s)?|signed\s+up|sign\s+up|enlist(?:ed|ing|s)?|took\s+on|take\s+on|pardon(?:ed|ing|s)?|drafted|hired|mobili[sz]ed|recruitment\s+of)\s+(?:(?:some|about|around|roughly|nearly|almost|approximately|more\s+than|over|well\s+over|upwards\s+of|close\s+to|up\s+to|as\s+many\s+as|at\s+least|an\s+estimated)\s+)?$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Recruited();

    [GeneratedRegex(@"^\s*(?:[\w-]+\s+){0,2}?(?:prisoners|inmates|convicts)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Inmates();

    [GeneratedRegex(@"(?:[$€£]|US\$|\bUSD|\bEUR)\s*$", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Money();

    [GeneratedRegex(@"^\s*(?:million\s+|billion\s+)?(?:dollars|euros|pounds|hryvnias?|roubles|rubles|USD|EUR)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex MoneyAfter();

    [GeneratedRegex(@"^\s*(?:%|per\s*cent|percent|percentage points)", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Percent();

    // Things counted that are not people: distances, areas, weights, time, and weapons however described ("2 motor vehicles", "14,000 pieces of heavy weaponry").
    [GeneratedRegex(@"^\s*(?:-\s*)?(?:[\w-]+\s+){0,2}?(?:km|kilomet(?:re|er)s?|miles?|metres|meters|square|sq|tanks?|drones?|missiles?|shells?|artillery|armou?red|vehicles?|aircraft|jets?|helicopters?|rounds|tonnes|tons|km²|hectares|villages|settlements|towns|sorties|strikes|attacks|days?|hours?|weeks?|months?|years?|kilograms?|kg|pieces|units|items|weapons|weaponry|equipment|systems|guns|IFVs|APCs|howitzers?|mortars?|launchers?|trucks?|pickups?|boats?|ships?|depots?|warehouses?|stations?|positions|bombs|projectiles|engagements|clashes|combat\s+engagements|households|homes|buildings|apartments?|blocks|facilities)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Units();

    [GeneratedRegex(@"^\s*(?:January|February|March|April|May|June|July|August|September|October|November|December)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Dates();

    // "February 24", "Feb. 24", "Sept. 21": a day's date, the month written out or abbreviated.
    [GeneratedRegex(@"\b(?:(?:" + Words.Months + @")|(?:" + Words.ShortMonths + @")\.)\s*$", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex DatesBefore();

    // "1,500 casualties a day", "53 casualties for every square kilometre": a rate, not a count.
    [GeneratedRegex(@"^\s*(?:[\w-]+\s+){0,2}(?:for\s+every|for\s+each|per)\s+(?:[\w-]+\s+)?(?:square|kilometre|kilometer|mile|metre|meter|km)|^\s*(?:[\w-]+\s+){0,2}(?:a|per|each|every)\s+(?:day|week|month|year)\b|^\s*(?:[\w-]+\s+){0,2}(?:daily|weekly|monthly)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Rate();

    // "every single day, well over a thousand … are killed", "on average, 1,200 a day", "a daily average of 1,523": a rate told before the number.
    [GeneratedRegex(@"\b(?:every\s+(?:single\s+)?(?:day|week|month)|each\s+day|on\s+(?:an\s+)?average|per\s+day|(?:daily|weekly|monthly)\s+(?:average|rate)(?:\s+of)?|averaged|averaging|an\s+average\s+of)\b,?\s+(?:[\w-]+\s+){0,3}$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex RateBefore();

    // "a city of 70,000 people"
    [GeneratedRegex(@"\b(?:city|town|village|country|region|population|home)\s+of\s+(?:about\s+|some\s+|around\s+|nearly\s+|more than\s+)?$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Population();

    // "sector 5", "the 47th Brigade", "Resolution 2202": a name or a place in a list, not a count.
    [GeneratedRegex(@"\b(?:sector|brigade|division|regiment|battalion|corps|No\.|number|district|zone|page|article|resolution|item|line|route|highway|flight|unit|point|paragraph|chapter|section|day|week|round|group|hour)\s*$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Label();

    [GeneratedRegex(@"^(?:st|nd|rd|th)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex OrdinalSuffix();

    [GeneratedRegex(@"^\s*(?::\s*\d|to\s+1\b)", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Ratio();

    [GeneratedRegex(@"\bratio\s+of\s+(?:roughly\s+|about\s+|around\s+|some\s+)?$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex RatioBefore();

    // Another war's dead ("the Soviet Union lost roughly 15,000 soldiers in Afghanistan"): not this one's.
    [GeneratedRegex(@"\b(?:Soviet|Afghanistan|Chechnya|Chechen|Syria|Vietnam|Iraq|World War|Second World War|First World War|Somme|Verdun|Stalingrad)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex OtherWar();

    [GeneratedRegex(@"\b(?:aged|ages?|age of)\s*$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Age();

    [GeneratedRegex(@"^\s*-?\s*(?:year-old|years old|years of age)", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex AgeAfter();

    [GeneratedRegex(@"\b(?:exchange[ds]?|swap(?:ped|s)?|-for-|freed|returned home|released|handed over|repatriated)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Swap();
}

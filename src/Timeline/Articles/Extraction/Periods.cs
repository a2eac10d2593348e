// The span a figure covers: cumulative since the full-scale invasion unless the words say
// otherwise — "in 2025 alone" is that year, "last month" the month before publication, "since
// January" from that January on.
using System.Globalization;
using System.Text.RegularExpressions;
using Timeline.Statements;

namespace Timeline.Articles.Extraction;

public static partial class Periods
{
    /// <summary>The period a clause gives its figure, relative to the day the article was published.</summary>
    public static Period Of(string clause, DateOnly published)
    {
        if (Year().Match(clause) is { Success: true } y && int.Parse(y.Groups["year"].Value, CultureInfo.InvariantCulture) is var year and >= 2022 and <= 2100)
            return year == 2022 ? new Period(Period.WarStart, new DateOnly(2022, 12, 31)) : new Period(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        if (ThisYear().IsMatch(clause)) return new Period(new DateOnly(published.Year, 1, 1), null);
        if (LastYear().IsMatch(clause)) return new Period(new DateOnly(published.Year - 1, 1, 1), new DateOnly(published.Year - 1, 12, 31));
        if (LastMonth().IsMatch(clause))
        {
            var first = new DateOnly(published.Year, published.Month, 1).AddMonths(-1);
            return new Period(first, first.AddMonths(1).AddDays(-1));
        }
        if (SinceMonth().Match(clause) is { Success: true } s
            && DateTime.TryParseExact(s.Groups["month"].Value, "MMMM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            var from = new DateOnly(published.Year, month.Month, 1);
            if (from > published) from = from.AddYears(-1);
            return new Period(from, null);
        }
        return new Period(Period.WarStart, null);
    }

    [GeneratedRegex(@"\b(?:in|during|throughout|over|for)\s+(?:the\s+(?:whole\s+|calendar\s+)?(?:year\s+)?)?(?<year>20\d\d)\b(?!\s*(?:,|and)\s*20\d\d)", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Year();

    [GeneratedRegex(@"\b(?:this year|so far this year|since the start of the year|since the beginning of the year)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex ThisYear();

    [GeneratedRegex(@"\b(?:last year|the past year|the previous year)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex LastYear();

    [GeneratedRegex(@"\b(?:last month|the past month|the previous month)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex LastMonth();

    /// <summary>"over the same period": the period of the figure before it.</summary>
    public static bool SamePeriod(string clause) => Same().IsMatch(clause);

    [GeneratedRegex(@"\b(?:over|in|during|for)\s+the\s+same\s+(?:period|time)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Same();

    [GeneratedRegex(@"\b(?:since|began in|begun in|started in|launched in)\s+(?:the\s+(?:start|beginning)\s+of\s+)?(?<month>January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s+\d{4})(?!\s+20\d\d)", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex SinceMonth();
}

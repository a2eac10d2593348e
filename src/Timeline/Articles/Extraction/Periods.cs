// The span a figure covers: cumulative since the full-scale invasion unless the words say
// otherwise — "in the past 24 hours" is the day it was said, "in 2025 alone" that year, "in June"
// that month, "in the first six months of 2025" that half, "last month" the month before
// publication, "since August 6" from that day on. Words that date the war's start ("since the
// invasion began in February last year") mean the whole war, whatever year they name.
using System.Globalization;
using System.Text.RegularExpressions;
using Timeline.Statements;

namespace Timeline.Articles.Extraction;

public static partial class Periods
{
    // A time that dates the saying, or the war's start, not the count: "said in February that …", "In 2023, Shoigu claimed …", "the invasion in February last year".
    // A time right after "that" opens what was said, so it is the count's ("noted that in October, losses amounted to …").
    const string NotSaid = @"(?:(?<=\bthat\s+)|(?<!\b(?:said|says|told|announced|reported|estimated|claimed|gave|put|published|wrote|released|stated|noted|added|updated|launched|began|started|spoke|speaking|warned|interview|invasion|war|offensive|operation|aggression)\s+(?:[A-Za-z'’-]+\s+){0,2}))";
    const string NotSaying = @"(?!,?\s+(?:[\w'’-]+\s+){0,4}(?:said|says|told|announced|wrote|estimated|claimed|put|gave|reported|published)\b)";

    static readonly Period Cumulative = new(Period.WarStart, null);

    // The period a clause gives its figure, relative to the day the article was published.
    public static Period Of(string clause, DateOnly published, bool dailyReport = false, int at = -1) =>
        Find(clause, published, at) ?? (dailyReport && !Total().IsMatch(clause) ? new Period(published, published) : Cumulative);

    // The period the words name, or null when they name none; of several, the one named nearest the number at
    // at ("losses in 2025 amounted to 418,670, the highest since the start of the invasion": 2025).
    public static Period? Find(string clause, DateOnly published, int at = -1)
    {
        var found = new List<(int Distance, Period Period)>();
        void Add(Match m, Period? p, bool span = false)
        {
            if (!m.Success || p is null) return;
            // "In September 2022, when Shoigu said 5,937 …", "In January, General Kristoffersen went further: he put …": a time
            // named before the saying that precedes the number dates the saying, not the count. A span ("since June") still counts.
            if (!span && at > m.Index + m.Length && Saying().IsMatch(clause.AsSpan(m.Index + m.Length, at - m.Index - m.Length))
                // "In December alone, the office said, 139 civilians …": a saying set off by commas leaves the time to the count.
                && !Aside().IsMatch(clause.AsSpan(m.Index + m.Length, at - m.Index - m.Length))) return;
            // "has not updated its toll since September 2022, when Shoigu said 5,937 …": the time dates the saying, span or not;
            // so does a time right before "that" ("told reporters in March that …", "claimed this month that …").
            if (at > m.Index + m.Length && (SaidWhen().IsMatch(clause.AsSpan(m.Index + m.Length, at - m.Index - m.Length))
                || ThatFollows().IsMatch(clause.AsSpan(m.Index + m.Length, at - m.Index - m.Length)))) return;
            var distance = at < 0 ? 0 : at < m.Index ? m.Index - at : at > m.Index + m.Length ? at - (m.Index + m.Length) : 0;
            found.Add((distance, p));
        }
        // "in an interview posted overnight": when the words came out, not what they count.
        if (Daily().Match(clause) is { Success: true } daily && !PostedBefore().IsMatch(Text.Before(clause, daily.Index, 30)))
            Add(daily, new Period(published, published));
        // "41,980, the highest monthly total since the start of the invasion": a comparison, not the count's span.
        if (WarLong().Match(clause) is { Success: true } war && !Compared(clause, war)) Add(war, Cumulative, span: true);
        // "…, bringing its tally of Russian losses to about 354,820": the running total, whatever day the clause named.
        Add(Bringing().Match(clause), Cumulative, span: true);
        var sinceDay = SinceDay().Match(clause);
        if (sinceDay is { Success: true } day) Add(day, DateOf(day, published) is { } from ? from <= Period.WarStart ? Cumulative : new Period(from, null) : null, span: true);
        if (SinceMonth().Match(clause) is { Success: true } s && MonthOf(s.Groups["month"].Value) is { } sinceMonth)
        {
            var from2 = s.Groups["year"].Success
                ? new DateOnly(int.Parse(s.Groups["year"].Value, CultureInfo.InvariantCulture), sinceMonth, 1)
                : new DateOnly(published.Year, sinceMonth, 1);
            if (!s.Groups["year"].Success && from2 > published) from2 = from2.AddYears(-1);
            Add(s, from2 <= new DateOnly(2022, 2, 28) ? Cumulative : new Period(from2, null), span: true);
        }
        // "since the beginning of hostilities in the Kursk direction in August 2024", "since they entered combat … in December": from that month on.
        if (SinceIn().Match(clause) is { Success: true } si && MonthOf(si.Groups["month"].Value) is { } sinceInMonth)
        {
            var from3 = new DateOnly(si.Groups["year"].Success ? int.Parse(si.Groups["year"].Value, CultureInfo.InvariantCulture)
                : si.Groups["last"].Success ? published.Year - 1 : published.Year, sinceInMonth, 1);
            if (!si.Groups["year"].Success && !si.Groups["last"].Success && from3 > published) from3 = from3.AddYears(-1);
            Add(si, from3 <= new DateOnly(2022, 2, 28) ? Cumulative : new Period(from3, null), span: true);
        }
        if (FirstPart().Match(clause) is { Success: true } part && YearOf(part.Groups["year"].Value, published) is { } partYear)
        {
            var months = part.Groups["part"].Value.ToLowerInvariant() switch
            {
                "half" or "six months" => 6, "quarter" or "three months" => 3, "nine months" => 9, _ => 6,
            };
            var start = new DateOnly(partYear, 1, 1);
            Add(part, new Period(Max(start), start.AddMonths(months).AddDays(-1)));
        }
        // "a rise compared with the same period in 2024": the year measured against, not the one counted (but "higher than in
        // 2024, when the mission recorded 2,088" dates the number after it).
        if (Year().Match(clause) is { Success: true } y && !(at >= 0 && at < y.Index && ComparedWith(clause, y)) && int.Parse(y.Groups["year"].Value, CultureInfo.InvariantCulture) is var year and >= 2022 and <= 2100)
            Add(y, Period.CalendarYear(year));
        if (Months().Match(clause) is { Success: true } span && MonthOf(span.Groups["from"].Value) is { } first1 && MonthOf(span.Groups["to"].Value) is { } last1)
        {
            var y1 = span.Groups["year"].Success ? int.Parse(span.Groups["year"].Value, CultureInfo.InvariantCulture) : published.Year;
            // "between November and February": the months run over the turn of the year.
            // "between July 2024 and April 2025": the first month's own year when it is given.
            var start = new DateOnly(span.Groups["fromYear"].Success ? int.Parse(span.Groups["fromYear"].Value, CultureInfo.InvariantCulture) : first1 > last1 ? y1 - 1 : y1, first1, 1);
            var end = new DateOnly(y1, last1, 1).AddMonths(1).AddDays(-1);
            if (!span.Groups["year"].Success && end > published)
            {
                if (!span.Groups["fromYear"].Success) start = start.AddYears(-1);
                end = end.AddYears(-1);
            }
            Add(span, new Period(Max(start), end));
        }
        // "in September, October and November": the months named, from the first to the last.
        if (MonthsListed().Match(clause) is { Success: true } listed && MonthOf(listed.Groups["from"].Value) is { } lf && MonthOf(listed.Groups["to"].Value) is { } lt && lf < lt)
        {
            var ly = listed.Groups["year"].Success ? int.Parse(listed.Groups["year"].Value, CultureInfo.InvariantCulture) : published.Year;
            var start = new DateOnly(ly, lf, 1);
            var end = new DateOnly(ly, lt, 1).AddMonths(1).AddDays(-1);
            if (!listed.Groups["year"].Success && end > published) { start = start.AddYears(-1); end = end.AddYears(-1); }
            Add(listed, new Period(Max(start), end));
        }
        if (InMonth().Match(clause) is { Success: true } m && MonthOf(m.Groups["month"].Value) is { } month && !Within(SinceIn().Match(clause), m))
        {
            var year2 = m.Groups["year"].Success ? int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture) : published.Year;
            var first = new DateOnly(year2, month, 1);
            if (!m.Groups["year"].Success && first > published) first = first.AddYears(-1);
            Add(m, new Period(Max(first), first.AddMonths(1).AddDays(-1)));
        }
        // "November alone accounted for 45,680": that month.
        if (MonthAlone().Match(clause) is { Success: true } ma && MonthOf(ma.Groups["month"].Value) is { } aloneMonth)
        {
            var firstDay = new DateOnly(published.Year, aloneMonth, 1);
            if (firstDay > published) firstDay = firstDay.AddYears(-1);
            Add(ma, new Period(Max(firstDay), firstDay.AddMonths(1).AddDays(-1)));
        }
        // "killed by the end of 2024": the war up to that year's end.
        if (ByEnd().Match(clause) is { Success: true } be && int.Parse(be.Groups["year"].Value, CultureInfo.InvariantCulture) is var byYear and >= 2022 and <= 2100)
            Add(be, new Period(Period.WarStart, new DateOnly(byYear, 12, 31)), span: true);
        // "since the start of hostilities in the Kursk direction on 6 August": the day opens the span, it is not the span.
        if (OnDay().Match(clause) is { Success: true } on && !Within(sinceDay, on) && DateOf(on, published) is { } onDay) Add(on, new Period(onDay, onDay));
        // "between February 24 and December 4": those days.
        if (DaysBetween().Match(clause) is { Success: true } db && DaysBetweenOf(db, published) is { } between) Add(db, between, span: true);
        // "a study published this month", "an estimate produced earlier this year": when it was said, not what it counts.
        // "since the start of 2025": that year on.
        if (SinceYear().Match(clause) is { Success: true } sy && int.Parse(sy.Groups["year"].Value, CultureInfo.InvariantCulture) is var sinceYear and > 2022 and <= 2100)
            Add(sy, new Period(new DateOnly(sinceYear, 1, 1), null), span: true);
        // "losses in this direction today amounted to 171": the day it was said ("as of today", "said today", and the standing
        // total of "our losses today amount to" are not).
        if (Today().Match(clause) is { Success: true } today && !WhenSaid(clause, today)) Add(today, new Period(published, published));
        if (ThisYear().Match(clause) is { Success: true } ty && !WhenSaid(clause, ty)) Add(ty, new Period(new DateOnly(published.Year, 1, 1), null), span: true);
        if (ThisMonth().Match(clause) is { Success: true } tm && !WhenSaid(clause, tm)) Add(tm, new Period(new DateOnly(published.Year, published.Month, 1), null), span: true);
        Add(LastYear().Match(clause), new Period(new DateOnly(published.Year - 1, 1, 1), new DateOnly(published.Year - 1, 12, 31)));
        var lastMonth = new DateOnly(published.Year, published.Month, 1).AddMonths(-1);
        Add(LastMonth().Match(clause), new Period(lastMonth, lastMonth.AddMonths(1).AddDays(-1)));
        // The nearest wins; on a tie, the order above (a day before the war's span, a span before a year). A span over before
        // the full-scale invasion began is none of this war's.
        found.RemoveAll(f => f.Period.To is { } to && (to < Period.WarStart || to < f.Period.From));
        if (found.Count == 0) return null;
        var nearest = found.MinBy(f => f.Distance).Period;
        // "where forces crossed in August, … 40,000 since that month": the month named opens the span.
        return SinceThatMonth().IsMatch(clause) && nearest.To is { } last && nearest.From.Day == 1 && last == nearest.From.AddMonths(1).AddDays(-1)
            ? nearest with { To = null } : nearest;
    }

    [GeneratedRegex(@"\b(?:bringing|taking|raising|pushing|lifting)\s+(?:its|the|their|his|her|Russia['’]s|Ukraine['’]s|Moscow['’]s|Kyiv['’]s)\s+(?:[\w-]+\s+){0,2}?(?:total|tally|toll|count|losses)\b(?:\s+(?:of\s+)?(?:[\w-]+\s+){0,3}?)?(?:to|past|above|over)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Bringing();

    [GeneratedRegex(@"^,?\s+that\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex ThatFollows();

    [GeneratedRegex(@"^,?\s+when\s+(?:[\w'’.-]+\s+){0,6}?(?:said|says|put|claimed|announced|gave|reported|estimated|published|acknowledged|admitted|quoted|cited)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex SaidWhen();

    [GeneratedRegex(@"^(?:\s+alone)?,\s+(?:[\w'’-]+\s+){1,6}?(?:said|says|reported|added|noted|estimated),", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Aside();

    [GeneratedRegex(@"\b(?<month>" + Words.Months + @")(?:\s+alone\b|['’]s\s+(?:[\w-]+\s+)?(?:total|toll|tally|losses|casualties|figure|count)\b)", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex MonthAlone();

    [GeneratedRegex(@"\b(?:by|up\s+to|until|through)\s+the\s+end\s+of\s+(?<year>20[0-9]{2})\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex ByEnd();

    static bool Within(Match outer, Match inner) => outer.Success && inner.Index >= outer.Index && inner.Index + inner.Length <= outer.Index + outer.Length;

    static bool WhenSaid(string clause, Match time) =>
        PublishedBefore().IsMatch(Text.Before(clause, time.Index, 30));

    // The verb of publishing or "earlier" just before a time: "published this month", "produced earlier this year".
    [GeneratedRegex(@"\b(?:published|produced|released|issued|compiled|updated|said|claimed|estimated|told|reported|announced|stated|wrote|earlier|later)\s+(?:\w+\s+)?$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex PublishedBefore();

    // "since … in August 2024": a span opened by an event dated by its month, a few words on.
    [GeneratedRegex(@"\b[Ss]ince\s+(?:[\w'’-]+\s+){1,10}?in\s+(?<month>" + Words.Months + @")(?:\s+(?<year>20[0-9]{2})|\s+(?<last>last\s+year))?\b(?!\s+\d)", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex SinceIn();

    // A report of one day's events whose figures are that day's unless they say
    // otherwise ("Summary of the Ministry of Defence…").
    public static bool IsDailyReport(string firstLine) => DailyReport().IsMatch(firstLine);

    // "lost roughly 45,680 that month", "over the month": the month the text named last before, within a few sentences.
    public static Period? ThatMonth(string clause, string text, int sentenceStart, DateOnly published)
    {
        if (!MonthReferred().IsMatch(clause)) return null;
        var from = Math.Max(0, sentenceStart - 600);
        Match? last = null;
        foreach (Match m in MonthNamed().Matches(text.Substring(from, sentenceStart - from))) last = m;
        if (last is null || MonthOf(last.Groups["month"].Value) is not { } month) return null;
        var year = last.Groups["year"].Success ? int.Parse(last.Groups["year"].Value, CultureInfo.InvariantCulture) : published.Year;
        var first = new DateOnly(year, month, 1);
        if (!last.Groups["year"].Success && first > published) first = first.AddYears(-1);
        // "upwards of 40,000 since that month": from that month on.
        return SinceThatMonth().IsMatch(clause) ? new Period(Max(first), null) : new Period(Max(first), first.AddMonths(1).AddDays(-1));
    }

    // ("up 50 percent from the same month last year" compares; it opens no span.)
    [GeneratedRegex(@"\b(?:since|from)\s+(?:that|the\s+same)\s+month\b(?!\s+(?:last|a|the|of|in|previous|before)\b)", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex SinceThatMonth();

    [GeneratedRegex(@"\b(?:that|the|the\s+same)\s+month\b(?!\s+(?:of|before|after|earlier|later)\b)", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex MonthReferred();

    // A month named as a time, not a day's date ("November 9") nor a day after a month.
    [GeneratedRegex(@"\b(?<month>" + Words.Months + @")(?:\s+(?<year>20[0-9]{2}))?\b(?!\s+\d{1,2}\b)", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex MonthNamed();

    static DateOnly Max(DateOnly d) => d < Period.WarStart ? Period.WarStart : d;

    static int? MonthOf(string name) =>
        DateTime.TryParseExact(name, "MMMM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) ? m.Month : null;

    static int? YearOf(string year, DateOnly published) =>
        year.Length == 0 ? published.Year : int.TryParse(year, CultureInfo.InvariantCulture, out var y) ? y : null;

    static DateOnly? DateOf(Match m, DateOnly published)
    {
        if (MonthOf(m.Groups["month"].Value) is not { } month || !int.TryParse(m.Groups["day"].Value, CultureInfo.InvariantCulture, out var day)) return null;
        var year = m.Groups["year"].Success ? int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture)
            : m.Groups["last"].Success ? published.Year - 1 : published.Year;
        if (day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
        var date = new DateOnly(year, month, day);
        return !m.Groups["year"].Success && !m.Groups["last"].Success && date > published ? date.AddYears(-1) : date;
    }

    static Period? DaysBetweenOf(Match m, DateOnly published)
    {
        if (MonthOf(m.Groups["m1"].Value) is not { } m1 || MonthOf(m.Groups["m2"].Value) is not { } m2) return null;
        int d1 = int.Parse(m.Groups["d1"].Value, CultureInfo.InvariantCulture), d2 = int.Parse(m.Groups["d2"].Value, CultureInfo.InvariantCulture);
        var y2 = m.Groups["y2"].Success ? int.Parse(m.Groups["y2"].Value, CultureInfo.InvariantCulture) : published.Year;
        if (!m.Groups["y2"].Success && (m2 > published.Month || m2 == published.Month && d2 > published.Day)) y2--;
        var y1 = m.Groups["y1"].Success ? int.Parse(m.Groups["y1"].Value, CultureInfo.InvariantCulture) : m1 > m2 || m1 == m2 && d1 > d2 ? y2 - 1 : y2;
        if (d1 < 1 || d2 < 1 || d1 > DateTime.DaysInMonth(y1, m1) || d2 > DateTime.DaysInMonth(y2, m2)) return null;
        DateOnly from = new(y1, m1, d1), to = new(y2, m2, d2);
        return to < from ? null : new Period(Max(from), to);
    }

    // "between February 24 and December 4", "between 1 January and 30 June 2025".
    [GeneratedRegex(@"\bbetween\s+(?:(?<m1>" + Words.Months + @")\s+(?<d1>[0-9]{1,2})|(?<d1>[0-9]{1,2})\s+(?<m1>" + Words.Months + @"))(?:,?\s+(?<y1>20[0-9]{2}))?,?\s+and\s+(?:(?<m2>" + Words.Months + @")\s+(?<d2>[0-9]{1,2})|(?<d2>[0-9]{1,2})\s+(?<m2>" + Words.Months + @"))(?:,?\s+(?<y2>20[0-9]{2}))?\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex DaysBetween();

    // A verb of putting words out just before a time: "an interview posted overnight".
    [GeneratedRegex(@"\b(?:posted|published|released|aired|broadcast|uploaded)\s+(?:\w+\s+)?$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex PostedBefore();

    // One attack, not a campaign: "a rocket strike hit", "Sunday's missile attack", "fired two Iskander missiles at".
    public static bool OneAttack(string clause) => OneAttackWords().IsMatch(clause);

    [GeneratedRegex(@"\b(?:(?:[Aa]n?|[Tt]he|[Oo]ne|[Ss]ingle|[A-Z][a-z]+day['’]s)\s+[""“]?(?:[\w-]+[""”]?\s+){0,3}?(?:strike|attack|barrage|bombardment)\b(?!\s+(?:on|against)\s+(?:the\s+)?(?:war|front|campaign))|\bfired\s+(?:[\w-]+\s+){0,3}?(?:missiles?|rockets?)\s+at\b)", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex OneAttackWords();

    // "over the same period": the period of the figure before it.
    public static bool SamePeriod(string clause) => Same().IsMatch(clause);

    [GeneratedRegex(@"\b(?:over|in|during|for)\s+the\s+same\s+(?:period|time)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Same();

    // One day's figure: "over the past 24 hours", "in the previous day", "during the day", "overnight", "yesterday", a report's "(+1,030)".
    [GeneratedRegex(@"\b(?:(?:over|in|during|within|for)\s+the\s+(?:past|previous|last|preceding)\s+(?:day|24\s+hours|twenty-four\s+hours)|(?:during|over)\s+the\s+day|in\s+one\s+day|this\s+morning|tonight|last\s+night|in\s+a\s+(?:single\s+)?day|overnight|yesterday|on\s+the\s+day|(?:the\s+)?past\s+day['’]s|day['’]s\s+(?:toll|losses|count))\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Daily();

    // The whole war, whichever date names its start: "since the start of the full-scale invasion", "since Moscow launched its invasion in February last year".
    [GeneratedRegex(@"\b(?:since|from)\s+(?:the\s+(?:start|beginning|outset)\s+of\s+(?:the\s+|Russia['’]s\s+|Moscow['’]s\s+|its\s+|what\s+(?:\w+\s+){1,3}calls?\s+(?:its\s+|the\s+|a\s+)?)?(?:full-scale\s+|all-out\s+)?(?:war|invasion|special\s+military\s+operation|conflict|aggression|hostilities)|the\s+(?:full-scale\s+)?(?:invasion|war)\b|(?:Russia|Moscow|the\s+Kremlin|it)\s+(?:launched|began|started)\b(?!\s+in\s+(?:January|March|April|May|June|July|August|September|October|November|December)\b)|February\s+24(?:,\s+2022)?\b|24\s+February(?:\s+2022)?\b|24\.02\.2022|February\s+2022\b)|\b(?:so\s+far\s+in\s+the\s+war|in\s+the\s+war\s+so\s+far|over\s+the\s+(?:course\s+of\s+the\s+)?(?:whole\s+)?war|throughout\s+the\s+war)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex WarLong();

    // "since August 6", "since 6 August 2024": from that day.
    [GeneratedRegex(@"\b[Ss]ince\s+(?:[\w'’-]+\s+){0,12}?(?:on\s+)?(?:(?<month>" + Words.Months + @")\s+(?<day>\d{1,2})(?:st|nd|rd|th)?|(?<day>\d{1,2})(?:st|nd|rd|th)?\s+(?<month>" + Words.Months + @"))(?:,?\s+(?<year>20[0-9]{2})|\s+(?<last>last\s+year))?\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex SinceDay();

    // "in September, October and November", "in May and June": the months named, as one span.
    [GeneratedRegex(@"\bin\s+(?<from>" + Words.Months + @")(?:,\s+(?:" + Words.Months + @"))?,?\s+(?:and|through)\s+(?<to>" + Words.Months + @")(?:\s+(?<year>20[0-9]{2}))?\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex MonthsListed();

    // "between September and November", "from June to August 2024", "between July 2024 and April 2025": those months.
    [GeneratedRegex(@"\b(?:between|from)\s+(?<from>" + Words.Months + @")(?:\s+(?<fromYear>20[0-9]{2}))?\s+(?:and|to|through)\s+(?<to>" + Words.Months + @")(?:\s+(?<year>20[0-9]{2}))?\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Months();

    // "On July 8, a barrage killed 43": that day (not a day the figure was said on).
    // "the last official count, given by the minister on September 21, was 5,937": the day of the count's giving, not its span.
    [GeneratedRegex(NotSaid + @"(?<!\b(?:given|issued|offered|made|provided|released)\s+by\s+(?:[\w'’.-]+\s+){1,5})\b[Oo]n\s+(?:(?<month>" + Words.Months + @")\s+(?<day>\d{1,2})|(?<day>\d{1,2})\s+(?<month>" + Words.Months + @"))(?:,?\s+(?<year>20[0-9]{2}))?\b" + NotSaying, RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex OnDay();

    // "in the first six months of 2025", "in the first half of the year".
    [GeneratedRegex(@"\b(?:in|during|over|for)\s+the\s+first\s+(?<part>half|quarter|six months|three months|nine months)\s+of\s+(?:(?<year>20[0-9]{2})|the\s+year|this\s+year)", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex FirstPart();

    // A calendar year the count covers: "in 2024", "throughout the year 2023" (not a year of saying or of the war's start).
    [GeneratedRegex(NotSaid + @"\b(?:in|during|throughout|over|for)\s+(?:the\s+(?:whole\s+|calendar\s+)?(?:year\s+|course\s+of\s+)?)?(?<year>20[0-9]{2})\b(?!\s*(?:,|and)\s*20[0-9]{2})" + NotSaying, RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Year();

    // "in June", "during July 2024", "across Ukraine in June".
    [GeneratedRegex(NotSaid + @"\b(?:[Ii]n|[Dd]uring|[Tt]hroughout|[Ff]or|[Oo]ver)\s+(?:the\s+month\s+of\s+)?(?<month>" + Words.Months + @")(?:\s+(?<year>20[0-9]{2}))?\b(?!\s+\d{1,2}\b)" + NotSaying, RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex InMonth();

    [GeneratedRegex(@"\b(?:since|from)\s+the\s+(?:start|beginning)\s+of\s+(?<year>20[0-9]{2})\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex SinceYear();

    // (Not an outlet's name, "Russia Today", "USA Today"; not a running total, "today amounts to".)
    [GeneratedRegex(@"(?<!\bas\s+of\s+)(?<!\b(?:Russia|USA|Ukraine)\s+)\btoday\b(?!['’]s\s+(?:total|tally|count)\b|\s+(?:amount|stand|total|number|are|is|reach)(?:s|es)?\b)", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Today();

    static bool ComparedWith(string clause, Match m) =>
        ComparisonBase().IsMatch(Text.Before(clause, m.Index, 40));

    [GeneratedRegex(@"\b(?:compared\s+(?:with|to)|same\s+(?:period|time|months?)|than|versus|up\s+from|down\s+from)\b(?:\s+[\w-]+){0,3}\s+$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex ComparisonBase();

    static bool Compared(string clause, Match m) =>
        Superlative().IsMatch(Text.Before(clause, m.Index, 40));

    // "the highest monthly total since", "the deadliest day since": a record measured against the span, not the span counted.
    [GeneratedRegex(@"\b(?:highest|lowest|largest|biggest|deadliest|worst|heaviest|smallest|fewest|(?<=\bthe\s+)most)\b(?:\s+[\w-]+){0,3}\s+$", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Superlative();

    // The year so far.
    [GeneratedRegex(@"\b(?:this year|so far this year|since the start of the year|since the beginning of the year|since January 1)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex ThisYear();

    [GeneratedRegex(@"\b(?:this month|so far this month|since the start of the month)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex ThisMonth();

    [GeneratedRegex(NotSaid + @"\b(?:last year|the past year|the previous year)\b(?<!same period last year)", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex LastYear();

    [GeneratedRegex(NotSaid + @"\b(?:last month|the past month|the previous month)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex LastMonth();

    [GeneratedRegex(@"\b(?:said|says|told|announced|reported|estimated|claimed|put|gave|wrote|stated|published|went\s+further)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Saying();

    // "since June", "since the start of March 2023": from that month on.
    [GeneratedRegex(@"\b(?:[Ss]ince|began in|begun in|started in|launched in)\s+(?:the\s+(?:start|beginning)\s+of\s+)?(?<month>" + Words.Months + @")\b(?:\s+(?<year>20[0-9]{2}))?(?!\s+\d)", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex SinceMonth();

    [GeneratedRegex(@"\b(?:in total|overall|since|cumulative|running total|altogether)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex Total();

    // A report of one day: "Summary of the …", "daily briefing", "progress of the special military operation".
    [GeneratedRegex(@"^(?:Summary\s+of\s+the|Daily\s+(?:summary|briefing|update|report)\b)|\b(?:daily\s+(?:summary|briefing))\b|\bprogress\s+of\s+the\s+special\s+military\s+operation\b|\b(?:ministry|staff)\b.{0,120}\bover\s+the\s+past\s+(?:day|24\s+hours)\b", RegexOptions.IgnoreCase, Patterns.TimeoutMs)]
    private static partial Regex DailyReport();
}

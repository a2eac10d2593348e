// A series is what one kind of figure counts: whose losses (party), which group, which
// measure, over which period. Cumulative figures since the full-scale invasion form one series;
// figures for a bounded period (a calendar year, say) form their own. The id is stable and
// URL-safe, derived from those four alone, so it never changes when figures are added.
using System.Globalization;
using Timeline.Statements;
using Timeline.Http;

namespace Timeline.Estimates;

public sealed record SeriesPeriod(DateOnly From, DateOnly? To);

public sealed record Series(string Id, string Label, string Party, Group Group, Measure Measure, SeriesPeriod Period)
{
    public static Series Of(Figure f) => Of(f.Party, f.Group, f.Measure, f.Period.From, f.Period.To);

    public static Series Of(string party, Group group, Measure measure, DateOnly from, DateOnly? to)
    {
        var measureName = Vocabulary.Name(measure);
        var (idPeriod, labelPeriod) = PeriodNames(from, to);
        var id = $"{party}-{Vocabulary.Name(group)}-{measureName}{idPeriod}";
        var label = $"{Title(party)} · {Vocabulary.Name(group)} · {measureName.Replace('-', ' ')} ({labelPeriod})";
        return new Series(id, label, party, group, measure, new SeriesPeriod(from, to));
    }

    static (string Id, string Label) PeriodNames(DateOnly from, DateOnly? to)
    {
        if (to is null)
            return from == Statements.Period.WarStart ? ("", "since 24 Feb 2022") : ($"-since-{Iso(from)}", $"since {Day(from)}");
        if (from.Month == 1 && from.Day == 1 && to.Value == new DateOnly(from.Year, 12, 31))
            return ($"-{from.Year}", from.Year.ToString(CultureInfo.InvariantCulture));
        return ($"-{Iso(from)}-to-{Iso(to.Value)}", $"{Day(from)} – {Day(to.Value)}");
    }

    static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    static string Day(DateOnly d) => d.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
    static string Title(string party) => party.Length == 0 ? party : char.ToUpperInvariant(party[0]) + party[1..];
}

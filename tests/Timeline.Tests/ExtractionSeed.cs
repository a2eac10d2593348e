// The seed article through the extractor: every one of its statements, once, with the values,
// qualifiers, periods and speakers a careful reader would record.
using Timeline.Articles.Extraction;
using Timeline.Statements;

namespace Timeline.Tests;

public sealed class ExtractionSeed(ITestOutputHelper output)
{
    static readonly string Article = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seed", "article.txt"));
    static readonly DateOnly Published = new(2026, 2, 23);

    IReadOnlyList<Candidate> Candidates()
    {
        var found = Extractor.Extract(Article, Published, "unattributed");
        foreach (var c in found) output.WriteLine($"{c.Kind} {c.StatedBy} [{c.Start}..{c.End}] {c.Figure} {c.Position} {c.Negotiation?.Talks} {c.Negotiation?.Day} {string.Join(" | ", c.Negotiation?.OpenIssues ?? [])}");
        return found;
    }

    [Fact]
    public void the_seed_article_yields_its_five_figures_once_each_with_the_right_values()
    {
        var figures = Candidates().Where(c => c.Kind == StatementKind.Figure)
            .Select(c => (c.StatedBy, c.Figure!.Party, c.Figure.Group, c.Figure.Measure, c.Figure.Value, c.Figure.Qualifier, c.Figure.Qualitative, c.Figure.Period, c.Figure.Attribution))
            .ToList();
        var cumulative = new Period(Period.WarStart, null);
        Assert.Equal(
        [
            ("Volodymyr Zelenskyy", "ukraine", Group.Military, Measure.Killed, (long?)55_000, (Qualifier?)Qualifier.Approximately, (string?)null, cumulative, Attribution.OwnSide),
            ("Volodymyr Zelenskyy", "ukraine", Group.Military, Measure.Missing, null, null, "a large number", cumulative, Attribution.OwnSide),
            ("Center for Strategic and International Studies", "both", Group.All, Measure.Deaths, 400_000, Qualifier.AtLeast, null, cumulative, Attribution.ThirdParty),
            ("British defense intelligence", "russia", Group.Military, Measure.KilledOrWounded, 420_000, Qualifier.Approximately, null,
                new Period(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), Attribution.ThirdParty),
            ("British defense intelligence", "russia", Group.Military, Measure.KilledOrWounded, 1_100_000, Qualifier.AtLeast, null, cumulative, Attribution.ThirdParty),
        ], figures);
    }

    [Fact]
    public void the_seed_article_yields_the_abu_dhabi_day_and_two_positions_once_each()
    {
        var candidates = Candidates();
        var day = Assert.Single(candidates, c => c.Kind == StatementKind.NegotiationDay);
        Assert.Equal("Rustem Umerov", day.StatedBy);
        Assert.Equal("Abu Dhabi ceasefire talks", day.Negotiation!.Talks);
        Assert.Equal("Abu Dhabi", day.Negotiation.Venue);
        Assert.Equal(1, day.Negotiation.Day);
        Assert.Equal(["ukraine", "russia"], day.Negotiation.Parties);
        Assert.Equal(new Negotiator("Rustem Umerov", "ukraine", "lead negotiator"), Assert.Single(day.Negotiation.Delegates));
        Assert.Equal(new Assessment("Rustem Umerov", "productive"), Assert.Single(day.Negotiation.Assessments));
        Assert.Equal(["Moscow's demands for Kyiv to give up land it still controls", "the fate of the Zaporizhzhia nuclear power plant"], day.Negotiation.OpenIssues);

        var positions = candidates.Where(c => c.Kind == StatementKind.Position).ToList();
        Assert.Equal(2, positions.Count);
        Assert.Equal(("Dmitry Peskov", "russia"), (positions[0].StatedBy, positions[0].Position!.Party));
        Assert.StartsWith("Russia will continue fighting until Kyiv", positions[0].Position!.Summary);
        Assert.Equal(("Analysts", "other"), (positions[1].StatedBy, positions[1].Position!.Party));
    }

    [Fact]
    public void every_quote_is_the_archived_text_between_its_offsets()
    {
        var candidates = Candidates();
        Assert.Equal(8, candidates.Count);
        Assert.All(candidates, c => Assert.Equal(c.Quote, Article[c.Start..c.End]));
    }
}

// Each extraction rule on real sentences of the kind war reporting prints.
using Timeline.Articles.Extraction;
using Timeline.Statements;

namespace Timeline.Tests;

public sealed class ExtractionRules
{
    static Figure Only(string sentence, string published = "2026-02-23") =>
        Assert.Single(Extractor.Extract(sentence, DateOnly.Parse(published), "unattributed"), c => c.Kind == StatementKind.Figure).Figure!;

    [Theory]
    [InlineData("Officials said 55,000 soldiers were killed.", 55_000L, null, null)]
    [InlineData("Officials said 1.1 million soldiers were killed.", 1_100_000L, null, null)]
    [InlineData("Officials said half a million soldiers were killed.", 500_000L, null, null)]
    [InlineData("Officials said between 2,500 and 3,000 soldiers were killed.", null, 2_500L, 3_000L)]
    [InlineData("Officials said 60,000 to 100,000 soldiers were killed.", null, 60_000L, 100_000L)]
    [InlineData("Officials said 60,000–100,000 soldiers were killed.", null, 60_000L, 100_000L)]
    public void numbers_in_digits_words_and_ranges(string sentence, long? value, long? low, long? high)
    {
        var f = Only(sentence);
        Assert.Equal((value, low, high), (f.Value, f.Low, f.High));
    }

    [Theory]
    [InlineData("Officials said tens of thousands of soldiers were killed.", "tens of thousands")]
    [InlineData("Officials said a \"large number\" of soldiers were missing.", "a large number")]
    public void amounts_in_words_are_qualitative(string sentence, string words) => Assert.Equal(words, Only(sentence).Qualitative);

    [Theory]
    [InlineData("over", Qualifier.AtLeast)]
    [InlineData("more than", Qualifier.AtLeast)]
    [InlineData("at least", Qualifier.AtLeast)]
    [InlineData("upwards of", Qualifier.AtLeast)]
    [InlineData("about", Qualifier.Approximately)]
    [InlineData("some", Qualifier.Approximately)]
    [InlineData("roughly", Qualifier.Approximately)]
    [InlineData("close to", Qualifier.Approximately)]
    [InlineData("nearly", Qualifier.Approximately)]
    [InlineData("an estimated", Qualifier.Approximately)]
    [InlineData("up to", Qualifier.AtMost)]
    [InlineData("as many as", Qualifier.AtMost)]
    [InlineData("no more than", Qualifier.AtMost)]
    public void qualifiers_come_from_the_words_before_the_number(string words, Qualifier qualifier) =>
        Assert.Equal(qualifier, Only($"Officials said {words} 40,000 Russian soldiers had been killed.").Qualifier);

    [Fact]
    public void a_bare_number_is_exact() => Assert.Equal(Qualifier.Exact, Only("Officials said 40,000 Russian soldiers had been killed.").Qualifier);

    [Theory]
    [InlineData("40,000 Russian soldiers had been killed", Measure.Killed, Group.Military)]
    [InlineData("40,000 Russian troops had died", Measure.Killed, Group.Military)]
    [InlineData("40,000 Russian servicemen had been wounded", Measure.Wounded, Group.Military)]
    [InlineData("40,000 Russian soldiers had been killed or wounded", Measure.KilledOrWounded, Group.Military)]
    [InlineData("Russia's losses stood at 40,000", Measure.KilledOrWounded, Group.Military)]
    [InlineData("40,000 Russian civilians had been injured", Measure.Wounded, Group.Civilian)]
    [InlineData("40,000 Russian soldiers were missing", Measure.Missing, Group.Military)]
    [InlineData("40,000 Russian soldiers had been captured", Measure.Captured, Group.Military)]
    [InlineData("the Russian death toll had reached 40,000", Measure.Deaths, Group.All)]
    public void measure_and_group_come_from_the_nouns_and_verbs(string clause, Measure measure, Group group)
    {
        var f = Only($"Officials said {clause}.");
        Assert.Equal((measure, group, "russia"), (f.Measure, f.Group, f.Party));
    }

    [Theory]
    [InlineData("in 2025 alone", "2025-01-01", "2025-12-31")]
    [InlineData("last month", "2026-01-01", "2026-01-31")]
    [InlineData("since January", "2026-01-01", null)]
    [InlineData("since the war began", "2022-02-24", null)]
    public void the_period_is_cumulative_unless_the_words_say_otherwise(string words, string from, string? to)
    {
        var f = Only($"Officials said 40,000 Russian soldiers had been killed {words}.");
        Assert.Equal(new Period(DateOnly.Parse(from), to is null ? null : DateOnly.Parse(to)), f.Period);
    }

    [Theory]
    [InlineData("The ministry lost 40,000 Russian soldiers killed, according to the Institute for the Study of War.", "Institute for the Study of War")]
    [InlineData("General Oleksandr Syrskyi said 40,000 Russian soldiers had been killed.", "Oleksandr Syrskyi")]
    [InlineData("Some 40,000 Russian soldiers have been killed, said Kremlin critic Boris Nadezhdin.", "Boris Nadezhdin")]
    [InlineData("Volodymyr Zelenskyy spoke in Kyiv. 40,000 Russian soldiers had been killed, he said.", "Volodymyr Zelenskyy")]
    public void the_speaker_comes_from_the_attribution(string text, string speaker) =>
        Assert.Equal(speaker, Assert.Single(Extractor.Extract(text, new DateOnly(2026, 2, 23), "unattributed"), c => c.Kind == StatementKind.Figure).StatedBy);

    [Theory]
    [InlineData("Officials said the war had cost $120 billion and 2025 had been hard.")]
    [InlineData("Officials said 17 percent of the dead were volunteers.")]
    [InlineData("Officials said Russia lost 3,600 armoured vehicles and 1,400 tanks.")]
    [InlineData("Officials said 95 prisoners were exchanged and 95 returned home.")]
    [InlineData("Officials said the front ran for 1,000 km and soldiers were killed daily.")]
    [InlineData("Officials said soldiers aged 25 had been killed on 24 February.")]
    [InlineData("Officials said 1,500 casualties a day were being suffered.")]
    public void numbers_that_are_not_casualty_counts_yield_no_figure(string sentence) =>
        Assert.DoesNotContain(Extractor.Extract(sentence, new DateOnly(2026, 2, 23), "unattributed"), c => c.Kind == StatementKind.Figure);
}

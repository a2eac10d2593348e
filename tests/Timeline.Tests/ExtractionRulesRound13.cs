// Round 13's rules, each on sentences written for the test in the way news prints them: rules kept only because
// text they were not written beside (the validation articles) read no worse with them.
using Timeline.Articles.Extraction;
using Timeline.Statements;

namespace Timeline.Tests;

public sealed class ExtractionRulesRound13
{
    static Candidate Only(string text, string published = "2026-02-23") =>
        Assert.Single(Extractor.Extract(text, DateOnly.Parse(published), "unattributed"), c => c.Kind == StatementKind.Figure);

    [Theory]
    [InlineData("Olena Marchuk, the governor of the Sumy region, told Yulia Svyrydenko on Monday that 9 civilians had been killed in the border villages.", "Olena Marchuk")]
    [InlineData("Pavel Orlov, acting head of the Belgorod region, told Vladimir Putin in a video call that 31 residents had been wounded since the weekend.", "Pavel Orlov")]
    [InlineData("Dmytro Kovalenko told reporters that 9 civilians had been killed in the border villages.", "Dmytro Kovalenko")]
    public void the_one_who_tells_states_the_figure_not_the_one_told_even_after_a_role(string sentence, string speaker) =>
        Assert.Equal(speaker, Only(sentence).StatedBy);

    [Theory]
    [InlineData("More than 48,000 people are now listed as missing, the commissioner Taras Hnatiuk said.")]
    [InlineData("Some 48,000 people, soldiers and civilians alike, are registered in the national register of missing persons, Taras Hnatiuk said.")]
    [InlineData("About 48,000 Ukrainians were recorded as missing by the end of the year, Taras Hnatiuk said.")]
    public void people_listed_in_a_register_of_the_missing_are_missing(string sentence) =>
        Assert.Equal(Measure.Missing, Only(sentence).Figure!.Measure);
}

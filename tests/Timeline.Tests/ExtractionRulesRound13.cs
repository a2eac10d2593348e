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
    [InlineData("More than 48,000 people, most of them soldiers, are now listed as missing, the commissioner Taras Hnatiuk said.")]
    [InlineData("Some 48,000 people, soldiers and civilians alike, are registered in the national register of missing persons, Taras Hnatiuk said.")]
    [InlineData("About 48,000 Ukrainians, among them 2,000 children, were recorded in a state database of missing persons by the end of the year, Taras Hnatiuk said.")]
    public void people_listed_in_a_register_of_the_missing_are_missing(string sentence) =>
        Assert.Equal(Measure.Missing, Only(sentence).Figure!.Measure);

    [Fact]
    public void an_organisation_opening_a_sentence_before_a_comma_is_what_the_project_later_means()
    {
        const string text = "The interior ministry in Minsk has said nothing since 2023.\n\n"
            + "Lost Names Project, an independent newsroom in Vilnius, has kept a list of the dead since 2022. "
            + "By the end of April, the project had confirmed by name the deaths of 4,215 Belarusian volunteers.";
        Assert.Equal("Lost Names Project", Only(text).StatedBy);
    }

    [Theory]
    [InlineData("The last official word was General Marko Lysenko's remark in June that nearly 7,000 soldiers had been killed.", "Marko Lysenko")]
    [InlineData("Adviser Oksana Tkachenko's statement in March that 12,000 soldiers had died was never repeated.", "Oksana Tkachenko")]
    public void a_persons_remark_or_statement_that_gives_a_number_is_theirs(string sentence, string speaker) =>
        Assert.Equal(speaker, Only(sentence).StatedBy);

    [Theory]
    [InlineData("The think tank put Russia's combined killed and wounded at about 640,000.", "russia")]
    [InlineData("Russia lost more troops in March than in any month of the war, and its killed and wounded now exceed 410,000, the Pentagon said.", "russia")]
    [InlineData("The think tank estimated that as many as 97,000 of those Russian soldiers had been killed.", "russia")]
    [InlineData("Analysts said the two armies' combined losses passed 900,000.", "both")]
    public void one_sides_combined_losses_its_losses_and_those_soldiers_are_that_sides(string sentence, string party) =>
        Assert.Equal(party, Only(sentence).Figure!.Party);

    [Theory]
    [InlineData("The group's founder said it had recruited some 40,000 prisoners in all.")]
    [InlineData("Officials said the company took on 40,000 prisoners from penal colonies last year.")]
    public void inmates_signed_up_to_fight_are_not_prisoners_of_war(string sentence) =>
        Assert.DoesNotContain(Extractor.Extract(sentence, new DateOnly(2026, 2, 23), "unattributed"), c => c.Kind == StatementKind.Figure);

    [Fact]
    public void killing_some_and_wounding_others_counts_the_first_as_killed()
    {
        var figures = Extractor.Extract("A Russian missile hit a clinic in Sumy on Saturday, killing 14 people and wounding 61, the regional governor said.",
            new DateOnly(2026, 2, 23), "unattributed").Where(c => c.Kind == StatementKind.Figure).Select(c => c.Figure!).ToList();
        Assert.Equal([(14L, Measure.Killed), (61L, Measure.Wounded)], figures.Select(f => (f.Value!.Value, f.Measure)));
    }

    [Fact]
    public void soldiers_killed_by_one_strike_told_after_a_comma_are_that_days()
    {
        var f = Only("Russia's defence ministry said it had carried out a \"high-precision strike\" on a base where Ukrainian officers were meeting, killing up to 70 servicemen.").Figure!;
        Assert.Equal(new Period(new DateOnly(2026, 2, 23), new DateOnly(2026, 2, 23)), f.Period);
    }

    [Fact]
    public void a_tracker_that_lists_a_count_states_it() =>
        Assert.Equal("Fallen Register", Only("Fallen Register, a volunteer project that reads obituaries, lists upwards of 23,000 named soldiers dead.").StatedBy);

    [Theory]
    [InlineData("Two US officials, who spoke on condition of anonymity, said about 9,000 Russian soldiers had been killed in the offensive.")]
    [InlineData("Several US officials said about 9,000 Russian soldiers had been killed in the offensive.")]
    public void how_many_officials_spoke_is_no_part_of_their_name(string sentence) => Assert.Equal("US officials", Only(sentence).StatedBy);
}

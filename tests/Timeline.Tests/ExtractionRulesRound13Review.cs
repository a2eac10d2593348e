// A second reader's findings on round 13's rules, each on a sentence written for the test: what the rules misread before they were mended.
using Timeline.Articles.Extraction;
using Timeline.Statements;

namespace Timeline.Tests;

public sealed class ExtractionRulesRound13Review
{
    static readonly DateOnly Published = new(2026, 2, 23);

    static List<Candidate> Figures(string text) =>
        Extractor.Extract(text, Published, "unattributed").Where(c => c.Kind == StatementKind.Figure).ToList();

    static Candidate Only(string text) => Assert.Single(Figures(text));

    // Finding 1: "their troops killed" names who did the killing, not whose losses these are.
    [Fact]
    public void civilians_killed_by_their_troops_are_not_the_troops_side() =>
        Assert.Equal("ukraine", Only("Russian forces pushed into the Kharkiv region in spring, and their troops killed at least 35 civilians in the border villages.").Figure!.Party);

    // Finding 2: the person whose remarks someone answers is not the one who gives the number.
    [Fact]
    public void a_speaker_answering_someones_remarks_states_the_figure() =>
        Assert.Equal("Dmitry Peskov", Only("Dmitry Peskov, asked about Zelenskyy's comments, told reporters that 7,500 Ukrainian soldiers had died in the Kursk region.").StatedBy);

    // Finding 3: "registered" at a shelter is not "registered as missing", whatever word comes later.
    [Fact]
    public void people_registered_for_something_else_are_not_missing_because_missing_comes_later() =>
        Assert.DoesNotContain(Figures("Around 1,500 residents, many of them children, were registered at temporary shelters, though others are still missing."),
            c => c.Figure!.Measure == Measure.Missing);

    // Finding 4: "their combined" after two sides is both; "Russian combined" is Russia's.
    [Theory]
    [InlineData("Russia and Ukraine have fought over the town since June, and their combined killed and wounded now exceed 45,000, analysts said.", "both")]
    [InlineData("The Pentagon puts Russian combined killed and wounded at more than 650,000.", "russia")]
    [InlineData("British intelligence puts the Russians' combined killed and wounded at more than 650,000.", "russia")]
    public void combined_is_one_sides_only_after_that_side(string sentence, string party) =>
        Assert.Equal(party, Only(sentence).Figure!.Party);

    // Finding 5: the strike told in an earlier clause, the dead after ", killing"; a quote closing before "strike".
    [Theory]
    [InlineData("A Russian ballistic missile strike hit a firing range near Zaporizhzhia, as a brigade gathered for a ceremony, killing 19 soldiers.")]
    [InlineData("The ministry said a \"high-precision\" strike on a depot where troops had gathered killed 40 servicemen.")]
    public void soldiers_killed_by_one_strike_are_that_days(string sentence) =>
        Assert.Equal(new Period(Published, Published), Only(sentence).Figure!.Period);

    // Finding 6: "Casualty lists" is a noun phrase, not a speaker saying a count.
    [Theory]
    [InlineData("Casualty lists compiled by Russian regional authorities contain 7,400 names.")]
    [InlineData("Ukraine's POW lists include 1,200 captured Russian soldiers.")]
    public void a_noun_before_lists_is_no_speaker(string sentence) =>
        Assert.Equal("unattributed", Only(sentence).StatedBy);

    [Fact]
    public void a_tracker_that_has_listed_a_count_states_it() =>
        Assert.Equal("Fallen Register", Only("Fallen Register has listed more than 23,000 soldiers killed since the invasion.").StatedBy);

    // Finding 7: a lowercase word between the count and the officials.
    [Fact]
    public void how_many_senior_officials_spoke_is_no_part_of_their_name() =>
        Assert.Equal("senior US officials", Only("Three senior US officials said roughly 6,000 Russian soldiers had been killed in the assault.").StatedBy);

    // Finding 11: other approximators, and the noun "recruitment of".
    [Theory]
    [InlineData("The group recruited approximately 30,000 prisoners from penal colonies.")]
    [InlineData("The group recruited upwards of 30,000 prisoners from penal colonies.")]
    [InlineData("Its founder boasted of the recruitment of some 30,000 prisoners from penal colonies.")]
    public void inmates_recruited_however_approximately_are_not_prisoners_of_war(string sentence) =>
        Assert.Empty(Figures(sentence));
}

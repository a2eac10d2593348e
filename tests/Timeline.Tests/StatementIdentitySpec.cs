// The decisions behind deduplication, as pure functions.
using Timeline.Statements;

namespace Timeline.Tests;

public sealed class StatementIdentitySpec
{
    static readonly Source Outlet = new("Outlet", "https://example.org/a", "Example", new DateOnly(2026, 2, 23));

    static NewStatement Figure(string statedBy = "Volodymyr Zelenskyy", long value = 55000, Source? source = null, string quote = "55,000 killed")
    {
        var figure = new Figure("ukraine", Group.Military, Measure.Killed, value, null, null, Qualifier.Approximately,
            new Period(Period.WarStart, null), Attribution.OwnSide, null);
        var s = new NewStatement(Guid.Empty, StatementKind.Figure, statedBy, new DateOnly(2026, 2, 23), quote, source ?? Outlet, figure, null, null);
        return s with { Id = StatementIdentity.Of(s) };
    }

    [Fact]
    public void the_id_is_a_version_5_uuid_and_stable()
    {
        var id = Figure().Id;
        Assert.Equal(5, id.Version);
        Assert.Equal(id, Figure().Id);
    }

    [Fact]
    public void letter_case_spacing_and_typographic_quotes_in_names_do_not_change_the_id() =>
        Assert.Equal(Figure().Id, Figure(statedBy: "  VOLODYMYR   zelenskyy ").Id);

    [Fact]
    public void the_source_and_a_figure_quote_do_not_change_the_id() =>
        Assert.Equal(Figure().Id, Figure(source: new Source("Elsewhere", null, null, null), quote: "some 55,000 killed").Id);

    [Fact]
    public void another_value_is_another_statement() => Assert.NotEqual(Figure().Id, Figure(value: 55001).Id);

    [Fact]
    public void a_new_statement_starts_a_stream()
    {
        var plan = RecordingPlan.Decide([Figure()], new Dictionary<Guid, Statement>());
        Assert.IsType<FigureReported>(Assert.Single(plan.NewStreams[Figure().Id]));
        Assert.False(plan.Outcomes[0].Duplicate);
    }

    [Fact]
    public void a_repeat_within_one_batch_is_a_duplicate_and_a_new_outlet_is_an_appearance()
    {
        var elsewhere = new Source("Elsewhere", "https://example.net/b", null, null);
        var plan = RecordingPlan.Decide([Figure(), Figure(), Figure(source: elsewhere)], new Dictionary<Guid, Statement>());

        Assert.Equal([false, true, true], plan.Outcomes.Select(o => o.Duplicate));
        Assert.Equal([false, false, true], plan.Outcomes.Select(o => o.SourceAdded));
        Assert.Collection(plan.NewStreams[Figure().Id], e => Assert.IsType<FigureReported>(e), e => Assert.IsType<StatementRepublished>(e));
    }

    [Fact]
    public void a_known_statement_from_a_known_outlet_appends_nothing()
    {
        var known = new Statement { Id = Figure().Id, Appearances = [Outlet], Version = 1 };
        var plan = RecordingPlan.Decide([Figure()], new Dictionary<Guid, Statement> { [known.Id] = known });

        Assert.Empty(plan.NewStreams);
        Assert.Empty(plan.Appends);
        Assert.True(plan.Outcomes[0].Duplicate);
    }
}

// The revision and webhook-delivery rules, as pure functions: called directly, no database.
using Timeline.Statements;
using Timeline.Webhooks;

namespace Timeline.Tests;

public sealed class RevisionDecisions
{
    static readonly Source Outlet = new("Outlet", "https://example.org/a", null, new DateOnly(2025, 6, 1));
    static readonly Figure Thousand = new("ukraine", Group.Military, Measure.Killed, 1000, null, null, Qualifier.Approximately,
        new Period(Period.WarStart, null), Attribution.OwnSide, null);

    static Statement Standing(StatementKind kind = StatementKind.Figure) =>
        new StatementProjection().Evolve(null, Guid.NewGuid(), Event(kind))!;

    static JasperFx.Events.IEvent Event(StatementKind kind)
    {
        var id = Guid.NewGuid();
        object data = kind == StatementKind.Figure
            ? new FigureReported(id, "A source", new DateOnly(2025, 6, 1), "about 1,000", Outlet, Thousand)
            : new PositionStated(id, "A source", new DateOnly(2025, 6, 1), "we will go on", Outlet, new Position("russia", "goes on"));
        return new JasperFx.Events.Event<object>(data) { StreamId = id, Sequence = 7, Version = 1, Timestamp = DateTimeOffset.UnixEpoch };
    }

    static Statement With(Statement s, object revision, long version) =>
        new StatementProjection().Evolve(s, s.Id, new JasperFx.Events.Event<object>(revision) { StreamId = s.Id, Sequence = 10 + version, Version = version, Timestamp = DateTimeOffset.UnixEpoch })!;

    [Fact]
    public void a_correction_of_a_standing_figure_appends_a_correction()
    {
        var s = Standing();
        var decision = RevisionDecision.Decide(s, new Correction(s.Id, new DateOnly(2025, 7, 1), Thousand with { Value = 1200 }, "recount", null, null));
        var corrected = Assert.IsType<StatementCorrected>(Assert.IsType<RevisionDecision.Append>(decision).Event);
        Assert.Equal(1200, corrected.Figure.Value);
    }

    [Fact]
    public void the_same_correction_again_is_the_one_already_recorded()
    {
        var s = Standing();
        var correction = new Correction(s.Id, new DateOnly(2025, 7, 1), Thousand with { Value = 1200 }, "recount", null, null);
        var revised = With(s, ((RevisionDecision.Append)RevisionDecision.Decide(s, correction)).Event, 2);
        Assert.IsType<RevisionDecision.AlreadyRecorded>(RevisionDecision.Decide(revised, correction));
    }

    [Fact]
    public void the_same_retraction_again_is_the_one_already_recorded_and_another_is_refused()
    {
        var s = Standing();
        var retraction = new Retraction(s.Id, new DateOnly(2025, 7, 1), "withdrawn", null, null);
        var retracted = With(s, ((RevisionDecision.Append)RevisionDecision.Decide(s, retraction)).Event, 2);
        Assert.IsType<RevisionDecision.AlreadyRecorded>(RevisionDecision.Decide(retracted, retraction));
        var other = RevisionDecision.Decide(retracted, retraction with { StatedOn = new DateOnly(2025, 8, 1) });
        Assert.Equal(RevisionRefusal.AlreadyRetracted, Assert.IsType<RevisionDecision.Refused>(other).Why);
    }

    [Fact]
    public void revising_nothing_before_the_statement_or_a_position_is_refused()
    {
        var s = Standing();
        Assert.Equal(RevisionRefusal.UnknownStatement,
            Assert.IsType<RevisionDecision.Refused>(RevisionDecision.Decide(null, new Retraction(s.Id, new DateOnly(2025, 7, 1), "x", null, null))).Why);
        Assert.Equal(RevisionRefusal.BeforeTheStatement,
            Assert.IsType<RevisionDecision.Refused>(RevisionDecision.Decide(s, new Retraction(s.Id, new DateOnly(2025, 5, 31), "x", null, null))).Why);
        var position = Standing(StatementKind.Position);
        Assert.Equal(RevisionRefusal.NotAFigure,
            Assert.IsType<RevisionDecision.Refused>(RevisionDecision.Decide(position, new Correction(position.Id, new DateOnly(2025, 7, 1), Thousand, "x", null, null))).Why);
    }
}

public sealed class DeliveryPolicySpec
{
    static readonly DateTimeOffset Now = new(2026, 2, 23, 12, 0, 0, TimeSpan.Zero);
    static readonly WebhookOptions Options = new() { RetrySchedule = [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5)], Jitter = 0.1 };

    [Fact]
    public void a_2xx_answer_is_delivered() =>
        Assert.Equal(new DeliveryVerdict(DeliveryStatus.Delivered, null, null), DeliveryPolicy.After(1, new AttemptOutcome(200, null, null), Options, Now, 0.5));

    [Theory]
    [InlineData(0.0, 4.5)]
    [InlineData(0.5, 5.0)]
    [InlineData(0.999999, 5.5)]
    public void a_failure_is_retried_on_the_schedule_spread_by_the_jitter(double draw, double seconds)
    {
        var verdict = DeliveryPolicy.After(1, new AttemptOutcome(503, "503", null), Options, Now, draw);
        Assert.Equal(DeliveryStatus.Pending, verdict.Status);
        Assert.Equal(seconds, (verdict.NextAttemptAt!.Value - Now).TotalSeconds, precision: 3);
    }

    [Fact]
    public void retry_after_may_ask_for_longer_up_to_the_bound_never_shorter()
    {
        Assert.Equal(Now + TimeSpan.FromMinutes(1), DeliveryPolicy.After(1, new AttemptOutcome(429, "429", TimeSpan.FromMinutes(1)), Options, Now, 0.5).NextAttemptAt);
        Assert.Equal(Now + TimeSpan.FromSeconds(5), DeliveryPolicy.After(1, new AttemptOutcome(429, "429", TimeSpan.FromSeconds(1)), Options, Now, 0.5).NextAttemptAt);
        Assert.Equal(Now + Options.MaxRetryAfter, DeliveryPolicy.After(1, new AttemptOutcome(429, "429", TimeSpan.FromDays(3)), Options, Now, 0.5).NextAttemptAt);
    }

    [Fact]
    public void after_the_last_scheduled_retry_the_delivery_is_dead_lettered() =>
        Assert.Equal(DeliveryStatus.Dead, DeliveryPolicy.After(3, new AttemptOutcome(null, "unreachable", null), Options, Now, 0.5).Status);

    [Fact]
    public void gone_disables_the_webhook_and_schedules_nothing()
    {
        var verdict = DeliveryPolicy.After(1, new AttemptOutcome(410, "410", null), Options, Now, 0.5);
        Assert.NotNull(verdict.DisableWebhook);
        Assert.Null(verdict.NextAttemptAt);
    }
}

public sealed class RecordingDecisions
{
    static readonly Source Outlet = new("Outlet", "https://example.org/a", null, new DateOnly(2025, 6, 1));
    static readonly Figure Thousand = new("ukraine", Group.Military, Measure.Killed, 1000, null, null, Qualifier.Approximately,
        new Period(Period.WarStart, null), Attribution.OwnSide, null);

    static NewStatement Reported(ArticleQuote? article = null)
    {
        var s = new NewStatement(Guid.Empty, StatementKind.Figure, "A source", new DateOnly(2025, 6, 1), "about 1,000", Outlet, Thousand, null, null, null, article);
        return s with { Id = StatementIdentity.Of(s) };
    }

    static Statement Recorded(NewStatement s) => new StatementProjection().Evolve(null, s.Id,
        new JasperFx.Events.Event<object>(s.ToEvent()) { StreamId = s.Id, Sequence = 7, Version = 1, Timestamp = DateTimeOffset.UnixEpoch })!;

    static ArticleQuote Quoted(Guid article) => new(article, 10, 21, "", "");

    [Fact]
    public void the_same_statement_from_the_same_outlet_is_a_duplicate_that_adds_nothing()
    {
        var s = Reported();
        var plan = RecordingPlan.Decide([s], new Dictionary<Guid, Statement> { [s.Id] = Recorded(s) });
        Assert.Empty(plan.Appends);
        Assert.Equal(new RecordedStatement(s.Id, Sequence: 0, Duplicate: true, SourceAdded: false), Assert.Single(plan.Outcomes));
    }

    [Fact]
    public void the_same_statement_quoted_from_an_archived_article_ties_it_to_the_article_once()
    {
        var typed = Reported();
        var article = Guid.NewGuid();
        var fromArticle = Reported(Quoted(article));

        var plan = RecordingPlan.Decide([fromArticle, fromArticle], new Dictionary<Guid, Statement> { [typed.Id] = Recorded(typed) });

        var republished = Assert.IsType<StatementRepublished>(Assert.Single(Assert.Single(plan.Appends).Value));
        Assert.Equal(article, republished.Article!.Id);
        Assert.Equal([true, false], plan.Outcomes.Select(o => o.SourceAdded));
        Assert.Empty(RecordingPlan.Decide([fromArticle], new Dictionary<Guid, Statement> { [typed.Id] = Recorded(fromArticle) }).Appends);
    }
}

public sealed class DateFields
{
    [Theory]
    [InlineData("2026-02-24")]
    [InlineData("1900-01-01")]
    [InlineData("2024-02-29")]
    [InlineData("2023-02-29")]
    [InlineData("2026-13-01")]
    [InlineData("2026-00-10")]
    [InlineData("2026-04-31")]
    [InlineData("0000-01-01")]
    [InlineData("2026-1-01")]
    [InlineData("2026/02/24")]
    [InlineData("2026-02-24T00:00")]
    [InlineData(" 2026-02-24")]
    [InlineData("２０２６-02-24")]
    [InlineData("20x6-02-24")]
    [InlineData("")]
    public void a_date_is_read_exactly_as_the_framework_reads_yyyy_mm_dd(string text)
    {
        var expected = DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var framework);

        Assert.Equal(expected, Timeline.Http.Fields.TryParseIsoDate(text, out var ours));
        Assert.Equal(framework, ours);
    }
}

// The Ukrainian and Russian rules of round 2, each on sentences written for the test: what is no
// count of people, periods said once and meant again, whose civilians, who speaks, and days of talks.
using Timeline.Articles.Extraction;
using Timeline.Statements;

namespace Timeline.Tests;

public sealed class ExtractionSlavicRules
{
    static readonly DateOnly Published = new(2025, 5, 10);

    static List<Candidate> Figures(string text, DateOnly? published = null) =>
        [.. Extractor.Run(text, published ?? Published, "unattributed").Candidates.Where(c => c.Kind == StatementKind.Figure)];

    static Candidate One(string text, DateOnly? published = null) => Assert.Single(Figures(text, published));

    [Theory]
    [InlineData("За добу окупанти втратили 1 100 військових, 42 бойові броньовані машини та 15 одиниць спецтехніки, повідомив Генштаб ЗСУ.", 1_100L)]
    [InlineData("За сутки противник потерял до 300 военнослужащих, 6 бронированных машин и 2 пикапа, сообщили в Минобороны России.", 300L)]
    // People named by what they do, or with a prefix on the measure, are people.
    [InlineData("Унаслідок обстрілу поранено 12 студентів, повідомила Харківська ОВА.", 12L)]
    [InlineData("В результате удара погибли 3 журналиста, сообщили местные власти.", 3L)]
    [InlineData("За добу до шпиталів доставили 90 тяжкопоранених, повідомив Генштаб ЗСУ.", 90L)]
    public void numbers_whose_own_words_name_no_people_are_no_figures(string sentence, long value) =>
        Assert.Equal(value, One(sentence).Figure!.Value);

    [Theory]
    [InlineData("До обласної адміністрації надійшло понад 3 тисячі звернень від родин зниклих безвісти.")]
    [InlineData("З полону вдалося повернути 1 358 українців, нагадав омбудсман.")]
    [InlineData("Из плена вернулись 85 военнослужащих, сообщили в Минобороны России.")]
    [InlineData("Средний возраст погибших вырос: если раньше он составлял около 30 лет, то теперь уже почти 34.")]
    [InlineData("Противник ежедневно теряет в среднем до 1 500 военнослужащих, сообщил Генштаб ВСУ.")]
    public void returns_appeals_averages_and_ages_are_no_figures(string sentence) =>
        Assert.Empty(Figures(sentence));

    [Fact]
    public void a_days_increase_in_brackets_counts_only_after_a_figure()
    {
        var figures = Figures("Втрати ворога: 11 204 бронемашини (+9), 640 300 осіб (+1 150), повідомив Генштаб ЗСУ.");
        Assert.Equal([640_300L, 1_150L], figures.Select(f => f.Figure!.Value!.Value));
    }

    [Fact]
    public void the_days_of_a_range_are_no_counts_and_the_range_is_the_period()
    {
        var figure = One("С 3 по 9 марта ВСУ потеряли свыше 9 тыс. военнослужащих, сообщили в Минобороны России.").Figure!;
        Assert.Equal((9_000L, Qualifier.AtLeast, new Period(new(2025, 3, 3), new(2025, 3, 9))), (figure.Value!.Value, figure.Qualifier!.Value, figure.Period));
    }

    [Theory]
    // "відтоді", "с тех пор": from the beginning the text named before.
    [InlineData("Наступ триває з жовтня 2024 року. Відтоді, за словами Олександра Сирського, ворог втратив 52 тисячі військових.", "2024-10-01", null)]
    [InlineData("Бои идут с августа 2024 года. С тех пор противник потерял там 40 тысяч военнослужащих, сообщил Генштаб ВСУ.", "2024-08-01", null)]
    // "за місяць": the month named before; a record "since the invasion" is no period.
    [InlineData("Березень 2025 року став найважчим для окупантів. За місяць вони втратили 41 тисячу військових, повідомив Генштаб ЗСУ.", "2025-03-01", "2025-03-31")]
    [InlineData("Листопад 2024 року став найкривавішим місяцем від початку вторгнення: окупанти втратили 45 тисяч військових, повідомив Генштаб ЗСУ.", "2024-11-01", "2024-11-30")]
    // The month something was said in is not the period of what was said; "за травень" is.
    [InlineData("В апреле министр обороны Андрей Белоусов говорил о 20 тысячах погибших военных ВСУ.", "2022-02-24", null)]
    [InlineData("За квітень ворог втратив 35 тисяч військових, повідомив Генштаб ЗСУ.", "2025-04-01", "2025-04-30")]
    // Recording a count in a month is the month's count.
    [InlineData("У квітні місія ООН зафіксувала 200 загиблих цивільних в Україні.", "2025-04-01", "2025-04-30")]
    // The day a count stood at is no day of an event.
    [InlineData("Станом на ранок 9 травня загинули 14 мешканців Харкова, повідомив Олег Синєгубов.", "2022-02-24", null)]
    // A day named before a strike's dead is that day; a day a count stood at is not.
    [InlineData("Найбільше людей загинуло 4 травня в Одесі, коли дрон влучив у будинок: тоді загинули 9 мешканців, повідомила Одеська ОВА.", "2025-05-04", "2025-05-04")]
    public void periods_named_once_and_meant_again_and_periods_that_are_not_the_counts(string text, string from, string? to)
    {
        var period = One(text).Figure!.Period;
        Assert.Equal(new Period(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), period);
    }

    [Theory]
    // The one who struck is not whose dead they are.
    [InlineData("Унаслідок удару Росії по Запоріжжю загинули 6 людей, повідомив Іван Федоров.", "ukraine")]
    // A Russian governor's count of the wounded after a shelling: his region's civilians.
    [InlineData("После обстрела ранения получили 7 человек, сообщил губернатор Вячеслав Гладков.", "russia")]
    public void civilians_are_where_they_were_else_the_counting_sides(string sentence, string party)
    {
        var figure = One(sentence).Figure!;
        Assert.Equal((Group.Civilian, party), (figure.Group, figure.Party));
    }

    [Fact]
    public void whose_losses_said_once_after_two_numbers_belongs_to_both()
    {
        var figures = Figures("Тоді президент Володимир Зеленський говорив про 30 тисяч загиблих і 300 тисяч поранених українських військових.", new(2024, 2, 1));
        Assert.Equal([("ukraine", Measure.Killed), ("ukraine", Measure.Wounded)], figures.Select(f => (f.Figure!.Party, f.Figure.Measure)));
    }

    [Fact]
    public void a_clause_that_leaves_out_what_it_shares_with_the_one_before_takes_its_measure()
    {
        var figures = Figures("Потери ВСУ на одном участке составили до 500 военнослужащих, а на другом — свыше 400, сообщили в Минобороны России.");
        Assert.Equal([(500L, Qualifier.AtMost), (400L, Qualifier.AtLeast)], figures.Select(f => (f.Figure!.Value!.Value, f.Figure.Qualifier!.Value)));
        Assert.All(figures, f => Assert.Equal(("ukraine", Measure.KilledOrWounded), (f.Figure!.Party, f.Figure.Measure)));
    }

    [Fact]
    public void a_full_stop_after_a_scales_abbreviation_before_a_dash_ends_no_sentence()
    {
        var figures = Figures("Общие потери армии России приближаются к 900 тыс. человек, из них до 200 тыс. — погибшие, подсчитали аналитики.");
        Assert.Equal([(900_000L, Measure.KilledOrWounded, Qualifier.Approximately), (200_000L, Measure.Killed, Qualifier.AtMost)],
            figures.Select(f => (f.Figure!.Value!.Value, f.Figure.Measure, f.Figure.Qualifier!.Value)));
    }

    [Theory]
    // A preposition between the qualifier and the number changes nothing; a first name we know makes a person.
    [InlineData("Директор ЦРУ Уильям Бёрнс говорил примерно о 15 тысячах погибших российских военных.", "Уильям Бёрнс")]
    // A pair of capitals in Latin letters is a title, not a person.
    [InlineData("Американские чиновники в разговоре с The New York Times оценивали число погибших украинских военных почти в 70 тысяч.", "американские чиновники")]
    // The one named "together with" the speaker is not the speaker.
    [InlineData("Би-би-си вместе с изданием «Медиазона» установила имена 50 000 российских военных, погибших на войне.", "Би-би-си")]
    // "Такі дані наводить …": the speaker of the sentence before.
    [InlineData("Ворог втратив 1 200 військових. Такі дані наводить Генеральний штаб ЗСУ.", "Генеральний штаб ЗСУ")]
    public void speakers_named_around_the_figure(string text, string speaker) =>
        Assert.Equal(speaker, One(text).StatedBy);

    [Fact]
    public void a_headline_that_opens_with_a_name_and_a_colon_is_that_persons()
    {
        var figure = One("Буданов: Росія втратила понад 600 тисяч військових\nНачальник ГУР Кирило Буданов дав інтерв'ю агентству.");
        Assert.Equal(("Кирило Буданов", "russia", Attribution.Adversary), (figure.StatedBy, figure.Figure!.Party, figure.Figure.Attribution));
    }

    [Fact]
    public void a_day_of_talks_is_its_city_its_number_and_the_verdicts_in_quotation_marks_with_who_gave_them()
    {
        var day = Assert.Single(Extractor.Run("У Женеві завершився другий день переговорів делегацій України та Росії.\n"
            + "Глава делегації Рустем Умєров назвав зустріч «конструктивною». Наступний раунд у Женеві поки не призначено.", Published, "unattributed").Candidates).Negotiation!;
        Assert.Equal(("Женева", 2), (day.Venue, day.Day));
        Assert.Equal([new Assessment("Рустем Умєров", "конструктивною")], day.Assessments);
    }

    [Fact]
    public void a_quotation_over_two_sentences_gives_its_verdict_to_the_one_named_after_it_and_talks_only_recalled_are_no_day()
    {
        var days = Extractor.Run("В Стамбуле прошел новый раунд переговоров России и Украины.\n"
            + "\"Встреча была продуктивной. Мы договорились о новом обмене\", — сказал Владимир Мединский журналистам.", Published, "unattributed")
            .Candidates.Select(c => c.Negotiation!).ToList();
        var day = Assert.Single(days);
        Assert.Equal(("Стамбул", (int?)null), (day.Venue, day.Day));
        Assert.Equal([new Assessment("Владимир Мединский", "продуктивной")], day.Assessments);

        Assert.Empty(Extractor.Run("Стороны провели обмен пленными, о котором договорились на переговорах в Стамбуле весной.", Published, "unattributed").Candidates);
        Assert.Empty(Extractor.Run("Москва ждет предложений о дате следующего раунда переговоров в Стамбуле.", Published, "unattributed").Candidates);
    }
}

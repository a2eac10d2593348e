// The Ukrainian and Russian rules of rounds 2 and 3, each on sentences written for the test: what is
// no count of people, periods said once and meant again, whose civilians, who speaks, and days of talks;
// round 3's: signatures, reports quoted in one sentence, sources said after, lists of the dead, exchanges;
// round 4's: a measure holding its number, names with a number, a subject and its insertion, a source cited by
// an outlet, a strike's people, days of talks named by their number, the headline's side and group;
// round 5's: a ministry briefing's groups, beginnings that are dated, the Kursk count, a bare list, a day's weekday;
// round 6's: the day of saying, who struck, who asked, names in full, a clause's shared period, a strike's day after, verdicts by title;
// round 7's: who struck "со стороны", the count's own words at the clause's start, a strike's people all people as the guide says;
// round 8's: said "to reporters", more first names, house numbers, the year named before;
// round 9's: who invaded or struck, sources relayed and cited, the missing of a strike, parts named after their number, the Kursk count,
// a number's own noun, a side's soldiers told as people, prisoners told as people, people returned from captivity, civilians named by the count;
// round 10's (written to generalise, by mechanism): a name's complement as the text writes it, an institution named before its genitive,
// "по его словам", a speaker heading a briefing with a colon, the Defence Forces as Ukraine's;
// round 11's (measured on texts no rule was written beside): a beginning told with the deed that began it, a source's preposition by its stem,
// an acronym speaking, titles that are only titles ("последние" is no "посол"),
// a part of a floor is a floor, a range of two dates, a headline that rounds its text's figure,
// a day's count of the day it was said, "по его данным" for the source the sentence before named.
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
    // A monthly rate is no count, even beside a word for losses.
    [InlineData("Росія щомісяця вербує близько 30 тисяч контрактників, якими латає втрати, вважає Олександр Сирський.")]
    // Prisoners handed over in an exchange are no figure.
    [InlineData("Взамен украинской стороне переданы 84 военнопленных ВСУ, сообщили в Минобороны России.")]
    [InlineData("Натомість Україна передала 84 полонених російських військових, повідомив Координаційний штаб.")]
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
        // People a strike killed or wounded are all people (the guide, from round 4), and theirs is where they were.
        var figure = One(sentence).Figure!;
        Assert.Equal((Group.All, party), (figure.Group, figure.Party));
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
    // Round 3 ------------------------------------------------------------------------------------

    [Fact]
    public void a_signature_on_its_own_line_before_a_slogan_is_the_author()
    {
        var figure = One("Втрати ворога за добу\nЗа минулу добу окупанти втратили 1 050 військових.\nГенеральний штаб ЗСУ\nСлава Україні! Разом до перемоги!");
        Assert.Equal(("Генеральний штаб ЗСУ", "russia", Attribution.Adversary), (figure.StatedBy, figure.Figure!.Party, figure.Figure.Attribution));
    }

    [Fact]
    public void a_report_quoted_in_one_sentence_yields_only_its_personnel_line_and_a_lead_repeating_it_adds_nothing()
    {
        var figures = Figures("За добу Сили оборони ліквідували 1 200 окупантів, повідомив Генштаб ЗСУ.\n"
            + "«Загальні бойові втрати противника з 24.02.22 по 10.05.25 орієнтовно склали: танків – 10 700 (+5) од, особового складу – близько 965 000 (+1 200) осіб, "
            + "артилерійських систем – 27 000 (+30) од», – ідеться в повідомленні.");
        Assert.Equal([(1_200L, (DateOnly?)Published), (965_000L, null)], figures.Select(f => (f.Figure!.Value!.Value, f.Figure.Period.To)).Order());
        Assert.All(figures, f => Assert.Equal(Qualifier.Approximately, f.Figure!.Qualifier));
    }

    [Fact]
    public void a_days_increase_may_have_a_space_after_its_plus_and_equipment_lines_stay_out()
    {
        var figures = Figures("Загальні бойові втрати ворога з 24.02.2022 по 10.05.2025 орієнтовно склали:\n▪️особовий склад — близько 965 000 (+ 950) осіб\n"
            + "▪️танки — 10 700 (+ 5)\n▪️артилерійські системи — 27 000 (+30)\nГенштаб ЗСУ");
        Assert.Equal([(965_000L, "Генштаб ЗСУ"), (950L, "Генштаб ЗСУ")], figures.Select(f => (f.Figure!.Value!.Value, f.StatedBy)));
    }

    [Fact]
    public void a_source_named_after_the_next_sentence_of_the_paragraph_is_the_source_of_both()
    {
        var figure = One("Удар по Полтаві\nУнаслідок удару по Полтаві загинули 7 людей. Серед загиблих – дитина, повідомили вранці в ДСНС.");
        Assert.Equal(("ДСНС", Group.All, Measure.Killed), (figure.StatedBy, figure.Figure!.Group, figure.Figure.Measure));
    }

    [Theory]
    // "місія підтвердила": the organisation last named, called by a common noun.
    [InlineData("Моніторингова місія ООН з прав людини в Україні оприлюднила новий звіт. Речниця Марта Гурська наголосила на ударах по містах. "
        + "Загалом місія підтвердила, що загинули щонайменше 12 000 цивільних.", "Моніторингова місія ООН з прав людини в Україні")]
    // The organisation as the article names it most fully, though the headline named it short.
    [InlineData("Минобороны: ВСУ за сутки потеряли до 1 200 военнослужащих\nЗа сутки ВСУ потеряли до 1 200 военнослужащих, сообщили в Министерстве обороны России.",
        "Министерство обороны России")]
    // One named in a relative clause is not the subject of the verb.
    [InlineData("Глава ведомства Андрей Белоусов на совещании, в котором участвовал президент Владимир Путин, заявил, что ВСУ потеряли более 400 тысяч военнослужащих.", "Андрей Белоусов")]
    // The one named inside a quotation is not who said it.
    [InlineData("«Мы потеряли 3 тысячи военных, что бы ни говорил Лавров», — заявил Денис Шмыгаль.", "Денис Шмыгаль")]
    // A woman's surname keeps its ending; a man's adjectival one is his.
    [InlineData("По словам Елены Шуваловой, в плену остаются около 300 мирных жителей.", "Елена Шувалова")]
    [InlineData("Генерал Игорь Полевской заявил, что ВСУ потеряли 500 военнослужащих.", "Игорь Полевской")]
    // One named in full without a verb of saying is whom a title means next.
    [InlineData("Омбудсман Дмитро Лубінець відвідав звільнених. «У полоні досі лишаються щонайменше 2 тисячі наших військових», – наголосив омбудсман.", "Дмитро Лубінець")]
    // A surname the text named in full, its verb a few words on.
    [InlineData("Дмитро Лубінець очолює офіс омбудсмана.\nЗа даними Генштабу ЗСУ, ворог втратив 900 військових.\n"
        + "Згодом Лубінець у телемарафоні повідомив, що в полоні перебувають 6 тисяч військових.", "Дмитро Лубінець", 1)]
    // A side named for its government after "по утверждению", "за даними": the side speaks, the other side's losses are its adversary's.
    [InlineData("Бои были ожесточенными. По утверждению Киева, армия России потеряла за сутки 1 200 военнослужащих.", "Киев")]
    [InlineData("За даними російської сторони, українські військові втратили за добу до 1 400 осіб.", "російська сторона")]
    public void speakers_named_by_reference_in_full_and_not_inside_quotations_or_relative_clauses(string text, string speaker, int index = 0) =>
        Assert.Equal(speaker, Figures(text)[index].StatedBy);

    [Theory]
    // Last year; a weekday is the last such day; the weekday something was said on is not the count's.
    [InlineData("За словами Олександра Сирського, минулого року ворог втратив понад 400 тисяч військових.", "2024-01-01", "2024-12-31")]
    [InlineData("У четвер під час штурму в полон потрапили 40 російських військових, повідомив Генштаб ЗСУ.", "2025-05-08", "2025-05-08")]
    [InlineData("«Противник потерял 12 тысяч военнослужащих», — сказал Андрей Белоусов в понедельник.", "2022-02-24", null)]
    // "за цей час": from the beginning named before.
    [InlineData("Наступ на Покровськ триває з 1 вересня 2024 року. За цей час ворог втратив там 40 тисяч військових, повідомив Олександр Сирський.", "2024-09-01", null)]
    // The time the clause goes on to tell of, and the month something was said in, are not the count's.
    [InlineData("Минобороны молчит о потерях с января 2023 года, когда министр называл 6 200 погибших военных.", "2022-02-24", null)]
    [InlineData("В марте, уже после отставки, генерал признал, что погибли 7 тысяч его военных.", "2022-02-24", null)]
    // The month a thing began in, "since the start of": counted from.
    [InlineData("З початку наступу на Куп'янськ у вересні 2024 року ворог втратив там 25 тисяч військових, повідомив Генштаб ЗСУ.", "2024-09-01", null)]
    // "упродовж 2024 року": that year.
    [InlineData("Упродовж 2024 року окупаційні війська втратили понад 427 тисяч військових, повідомив Олександр Сирський.", "2024-01-01", "2024-12-31")]
    public void last_year_weekdays_and_the_times_that_are_not_the_counts(string text, string from, string? to)
    {
        var period = One(text).Figure!.Period;
        Assert.Equal(new Period(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), period);
    }

    [Fact]
    public void a_text_that_names_its_dead_counts_deaths_in_its_lists_and_more_of_them()
    {
        var figures = Figures("Издание установило имена 40 000 погибших военных. Не менее 9 тысяч погибших из списка были мобилизованы. Еще более 5 тысяч — бывшие заключенные.");
        Assert.Equal([(40_000L, Measure.Deaths), (9_000L, Measure.Deaths), (5_000L, Measure.Deaths)], figures.Select(f => (f.Figure!.Value!.Value, f.Figure.Measure)));
        var listed = One("Медиазона ведет поименный список погибших российских военных. К 1 мая список насчитывал 95 000 человек.");
        Assert.Equal((95_000L, Measure.Deaths, Group.Military), (listed.Figure!.Value!.Value, listed.Figure.Measure, listed.Figure.Group));
        // Whose dead, said after them in the paragraph.
        Assert.Equal("russia", One("Журналисты установили имена 2 000 погибших заключенных. Большинство из них воевали в составе «Вагнера».").Figure!.Party);
    }

    [Fact]
    public void whose_and_which_people_from_a_title_the_paragraph_and_the_speakers_own()
    {
        // A mayor with no other side speaks for the side of the text's language.
        Assert.Equal(Attribution.OwnSide, One("Унаслідок обстрілу загинули 3 мешканців міста, повідомив міський голова Ігор Терехов.").Figure!.Attribution);
        // A title's side, kept when the surname comes back alone.
        var again = Figures("Представитель Генштаба Вооруженных сил России Игорь Полевской выступил на брифинге. «Противник потерял 500 военнослужащих», — сказал Полевской.");
        Assert.Equal(("Игорь Полевской", Attribution.Adversary), (again.Single().StatedBy, again.Single().Figure!.Attribution));
        // The same count again in the paragraph: the same people.
        Assert.Equal(Group.Civilian, Figures("Горсовет оценивает число погибших мирных жителей в 5 тысяч. Глава области ранее называл до 6 тысяч погибших.")[1].Figure!.Group);
        // "собственные потери": the speaker's own.
        var own = One("Потери армии\nМинобороны России впервые раскрыло собственные потери. Погибли 2 100 военнослужащих, сообщили в ведомстве.");
        Assert.Equal(("Минобороны России", "russia", Attribution.OwnSide), (own.StatedBy, own.Figure!.Party, own.Figure.Attribution));
    }

    [Fact]
    public void a_strikes_toll_in_words_that_rose_is_the_days_people_and_a_part_of_it_counts_the_same_way()
    {
        // All people, not civilians (round 7): the guide counts a strike's dead as all unless the text says they were civilians.
        var figures = Figures("Удар по Житомиру\nКількість загиблих унаслідок удару по Житомиру зросла до семи. Ще 19 людей поранені, повідомили в ДСНС.");
        Assert.Equal([(7L, Measure.Killed), (19L, Measure.Wounded)], figures.Select(f => (f.Figure!.Value!.Value, f.Figure.Measure)));
        Assert.All(figures, f => Assert.Equal((Group.All, "ukraine", new Period(Published, Published)), (f.Figure!.Group, f.Figure.Party, f.Figure.Period)));
        // "Из них около 2 тысяч — …": the part takes the measure of the whole.
        var parts = Figures("По подсчетам «Медиазоны», на войне погибли не менее 90 000 российских военных. Из них около 2 тысяч — офицеры.");
        Assert.Equal([(90_000L, Measure.Killed), (2_000L, Measure.Killed)], parts.Select(f => (f.Figure!.Value!.Value, f.Figure.Measure)));
    }

    [Fact]
    public void collective_numerals_count_people_and_the_side_that_struck_owns_no_dead()
    {
        var figures = Figures("Обстріл Херсона\nВнаслідок обстрілу Херсона загинули четверо людей, ще п'ятеро поранено, повідомив Олександр Прокудін.");
        Assert.Equal([(4L, Measure.Killed), (5L, Measure.Wounded)], figures.Select(f => (f.Figure!.Value!.Value, f.Figure.Measure)));
        var struck = Figures("Атака дрона\nГубернатор Брянской области сообщил о гибели двух мирных жителей в результате удара украинского дрона. Еще трое были ранены.");
        Assert.Equal([(2L, Measure.Deaths), (3L, Measure.Wounded)], struck.Select(f => (f.Figure!.Value!.Value, f.Figure.Measure)));
        Assert.All(struck, f => Assert.Equal(("russia", Group.Civilian, new Period(Published, Published)), (f.Figure!.Party, f.Figure.Group, f.Figure.Period)));
    }

    [Theory]
    // Killed, wounded and captured listed with commas are one loss.
    [InlineData("Втрати противника склали 3 тисячі військових убитими, пораненими та полоненими, повідомив Генштаб ЗСУ.", Measure.KilledOrWounded)]
    // Holding people unlawfully is holding them captive.
    [InlineData("Росія незаконно утримує понад 8 тисяч українських цивільних, повідомив Дмитро Лубінець.", Measure.Captured)]
    public void measures_listed_with_commas_and_people_held(string sentence, Measure measure) =>
        Assert.Equal(measure, One(sentence).Figure!.Measure);

    [Fact]
    public void a_measure_whose_words_hold_the_number_and_a_number_that_closes_a_name_in_quotation_marks()
    {
        var destroyed = One("Сводка Министерства обороны России\nПодразделения группировки «Днепр» нанесли поражение живой силе. Уничтожено до 75 военнослужащих, 9 автомобилей.", new(2024, 11, 14));
        Assert.Equal((75L, Measure.KilledOrWounded, Qualifier.AtMost, "ukraine"), (destroyed.Figure!.Value!.Value, destroyed.Figure.Measure, destroyed.Figure.Qualifier!.Value, destroyed.Figure.Party));
        // "«Россия 24»": a channel's name, not 24 people.
        Assert.Empty(Figures("Министр выступил в эфире телеканала «Россия 24», где рассказал о погибших."));
        // "разом із пораненими": the wounded included, killed and wounded together.
        Assert.Equal(Measure.KilledOrWounded, One("Загальні втрати окупантів, разом із пораненими, сягають близько 500 тисяч, сказав Володимир Зеленський.").Figure!.Measure);
        Assert.Equal(Measure.KilledOrWounded, One("Потери противника вместе с ранеными превысили 300 тысяч, заявил Сергей Шойгу.").Figure!.Measure);
    }

    [Fact]
    public void a_part_after_qualifier_words_is_a_part_and_ages_after_from_them_are_not()
    {
        // A part of equipment is equipment, whatever figure came before.
        var equipment = Figures("Противник потерял 300 военнослужащих, сообщили в Минобороны России. С начала года уничтожены свыше 14 тыс. единиц техники, из них более 5 тыс. — западного производства.");
        Assert.Equal([300L], equipment.Select(f => f.Figure!.Value!.Value));
        var parts = Figures("Журналисты установили имена 70 тысяч погибших военных. Большая часть — заключенные: из них установлены имена не менее 14 тысяч.");
        Assert.Equal([(70_000L, Measure.Deaths), (14_000L, Measure.Deaths)], parts.Select(f => (f.Figure!.Value!.Value, f.Figure.Measure)));
        var ages = Figures("Росія утримує понад 8 тисяч військових, повідомив Дмитро Лубінець. Наймолодшому з них 22 роки, найстаршому — 56.");
        Assert.Equal([8_000L], ages.Select(f => f.Figure!.Value!.Value));
    }

    [Theory]
    // The speaker's surname, after "Сергей Шойгу" was named, outranks a full name in a relative clause running to the sentence's end.
    [InlineData("Министр обороны Сергей Шойгу дал интервью. «Сегодня 5 937 наших военнослужащих погибли», — сказал Шойгу в интервью, которое вышло после обращения Владимира Путина.", "Сергей Шойгу", "russia")]
    // The subject, an insertion between commas, its verb.
    [InlineData("Засновник ПВК Євген Пригожин записав відео. Ціна для росії виявилася колосальною. Сам Пригожин, сварячись із Міноборони рф, визнав, що загинули близько 20 тисяч його бійців.", "Євген Пригожин", "russia")]
    // The one an outlet cites is the source.
    [InlineData("Про це повідомляє Укрінформ із посиланням на Генеральний штаб ЗСУ. Втрати росії орієнтовно склали 776 890 осіб.", "Генеральний штаб ЗСУ", "russia")]
    [InlineData("Об этом сообщает ТАСС со ссылкой на Минобороны России. Потери ВСУ составили до 1 280 военнослужащих.", "Минобороны России", "ukraine")]
    // "окупаційні війська" are Russia's.
    [InlineData("Упродовж 2024 року окупаційні війська втратили понад 427 тисяч військових, повідомив Олександр Сирський.", "Олександр Сирський", "russia")]
    // The missing are searched for by their own side.
    [InlineData("Уполномоченный по правам человека в России Татьяна Москалькова говорила, что ее аппарат ведет поиск более 16 тысяч военнослужащих, пропавших без вести.", "Татьяна Москалькова", "russia")]
    public void who_speaks_and_whose_losses_round_four(string text, string speaker, string party)
    {
        var figure = One(text);
        Assert.Equal((speaker, party), (figure.StatedBy, figure.Figure!.Party));
    }

    [Fact]
    public void a_qualifier_before_the_verb_of_the_amount_qualifies_it()
    {
        var figure = One("За даними Генштабу ЗСУ, загальні втрати росії орієнтовно склали 776 890 осіб.");
        Assert.Equal(Qualifier.Approximately, figure.Figure!.Qualifier);
        Assert.Equal(Qualifier.Approximately, One("По данным Минобороны, потери противника ориентировочно составили 5 000 военнослужащих.").Figure!.Qualifier);
    }

    [Fact]
    public void about_this_gives_its_source_to_each_sentence_of_the_paragraph_before_it_that_has_none()
    {
        var figures = Figures("Атака на Київ\nКількість загиблих унаслідок атаки на Київ зросла до 16 людей. Серед загиблих — двоє дітей. Про це ввечері повідомив начальник КМВА Тимур Ткаченко.", new(2025, 7, 31));
        Assert.Equal([(16L, Group.All), (2L, Group.Civilian)], figures.Select(f => (f.Figure!.Value!.Value, f.Figure.Group)));
        Assert.All(figures, f => Assert.Equal(("Тимур Ткаченко", "ukraine", new Period(new(2025, 7, 31), new(2025, 7, 31))), (f.StatedBy, f.Figure!.Party, f.Figure.Period)));
    }

    [Fact]
    public void a_strikes_people_are_all_unless_the_text_says_they_were_civilians_and_a_part_named_after_them_is_the_parts()
    {
        var all = Figures("Обстрел Белгорода\nЧисло погибших в результате обстрела Белгорода выросло до 21 человека. Ранения получили 110 человек, 17 из них — дети, сообщил Вячеслав Гладков.", new(2023, 12, 30));
        Assert.Equal([(21L, Group.All), (110L, Group.All), (17L, Group.Civilian)], all.Select(f => (f.Figure!.Value!.Value, f.Figure.Group)));
        Assert.All(all, f => Assert.Equal("russia", f.Figure!.Party));
        var said = Figures("Обстрел Белгорода\nЧисло погибших в результате обстрела Белгорода выросло до 21 человека, сообщил Вячеслав Гладков. Все пострадавшие — мирные жители.", new(2023, 12, 30));
        Assert.Equal(Group.Civilian, Assert.Single(said).Figure!.Group);
        Assert.Equal(Group.All, One("Удар по Сумах\nЗа даними ДСНС, поранено понад 150 людей, серед них є діти.").Figure!.Group);
    }

    [Fact]
    public void the_headline_says_whose_losses_and_which_people_the_body_repeats()
    {
        // A count with no side, in a paragraph of its own: the headline's side, not the opposite of the speaker's.
        var own = Figures("Шойгу назвал число погибших российских военных\nМинистр выступил по телевидению.\nВ марте в ведомстве заявили о 1 351 погибшем и 3 825 раненых.", new(2022, 9, 21));
        Assert.All(own, f => Assert.Equal("russia", f.Figure!.Party));
        var repeated = Figures("ООН: загинули щонайменше 6 884 цивільних\nМоніторингова місія ООН з прав людини в Україні зафіксувала: щонайменше 6 884 людини загинули і щонайменше 10 947 отримали поранення.", new(2022, 12, 27));
        Assert.Equal([(6_884L, Group.Civilian), (10_947L, Group.Civilian)], repeated.Select(f => (f.Figure!.Value!.Value, f.Figure.Group)));
    }

    [Fact]
    public void a_day_named_by_its_number_takes_the_verdicts_that_follow_and_a_subject_named_before_is_who_he_is()
    {
        var days = Extractor.Run("В Абу-Дабі завершився другий день переговорів делегацій України та США.\n"
            + "До делегацій увійшли Рустем Умєров і Стів Віткофф.\n"
            + "Після першого дня Умєров назвав розмову «конструктивною». Віткофф у соцмережі охарактеризував зустріч як «продуктивну».\n"
            + "Другий день тривав шість годин. Після нього Умєров визнав, що позиції різняться. Водночас він назвав день «змістовним».", new(2026, 1, 24), "unattributed")
            .Candidates.Select(c => c.Negotiation!).OrderBy(n => n.Day).ToList();
        Assert.Equal([1, 2], days.Select(d => d.Day!.Value));
        Assert.Equal(["Рустем Умєров: конструктивною", "Стів Віткофф: продуктивну"], days[0].Assessments.Select(a => $"{a.By}: {a.Said}").Order());
        Assert.Equal(["Рустем Умєров: змістовним"], days[1].Assessments.Select(a => $"{a.By}: {a.Said}"));
        var subject = Assert.Single(Extractor.Run("Переговоры в Стамбуле прошли 2 июня, делегации возглавили Владимир Мединский и Рустем Умеров.\n"
            + "Мединский назвал итоги «позитивными». Умеров был сдержаннее. Он назвал встречу «полезной».", new(2025, 6, 2), "unattributed").Candidates).Negotiation!;
        Assert.Equal(["Владимир Мединский: позитивными", "Рустем Умеров: полезной"], subject.Assessments.Select(a => $"{a.By}: {a.Said}").Order());
    }

    [Fact]
    public void an_organisations_whole_name_is_blanked_so_the_country_in_it_names_no_side()
    {
        // "України" ends the name of the agency: the count is the enemy's, as the agency's side would have it, not Ukraine's.
        var figure = One("За оцінкою ГУР Міноборони України, втрати ворога становлять 600 тисяч військових.").Figure!;
        Assert.Equal("russia", figure.Party);
    }

    [Theory]
    // "с начала вторжения … 6 августа", "з початку наступу … 1 жовтня": counted from the day the beginning is dated.
    [InlineData("Девять жителей Брянской области погибли с начала вторжения диверсантов 3 марта, сообщил губернатор Александр Богомаз.", "2025-03-03", null)]
    [InlineData("Від початку наступу окупантів 1 жовтня ворог втратив понад 9 тисяч військових, повідомив Генштаб ЗСУ.", "2024-10-01", null)]
    // "с 10 мая, когда началась операция": the clause names what began that day, so the count runs from it.
    [InlineData("Противник с 10 апреля, когда началась его операция, потерял более 12 тыс. военнослужащих, заявил Андрей Белоусов.", "2025-04-10", null)]
    // The start of a year by its number; this year in other words.
    [InlineData("С начала 2025 года противник потерял почти 300 тысяч военнослужащих, заявил Андрей Белоусов.", "2025-01-01", null)]
    [InlineData("В текущем году противник потерял почти 200 тысяч военнослужащих, заявил Андрей Белоусов.", "2025-01-01", null)]
    [InlineData("У поточному році ворог втратив близько 150 тисяч військових, повідомив Олександр Сирський.", "2025-01-01", null)]
    // The Kursk count is from the incursion, in either language; a day's count there stays the day's.
    [InlineData("Всего за время боевых действий на курском направлении противник потерял более 20 000 военнослужащих, сообщили в Минобороны России.", "2024-08-06", null)]
    [InlineData("За час бойових дій на курському напрямку ворог втратив понад 30 тисяч військових, повідомив Генштаб ЗСУ.", "2024-08-06", null)]
    [InlineData("За сутки в ходе боевых действий на курском направлении ВСУ потеряли более 200 военнослужащих, сообщили в Минобороны России.", "2025-05-10", "2025-05-10")]
    public void beginnings_that_are_dated_and_the_kursk_count(string text, string from, string? to)
    {
        var period = One(text).Figure!.Period;
        Assert.Equal(new Period(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), period);
    }

    [Fact]
    public void the_day_of_an_invasion_is_the_beginning_a_later_count_runs_from()
    {
        var figure = One("Министр рассказал о боях в Белгородской области, куда диверсанты вторглись 12 марта. По его словам, за это время противник потерял свыше 2 тысяч военнослужащих.").Figure!;
        Assert.Equal(new Period(new(2025, 3, 12), null), figure.Period);
    }

    [Fact]
    public void a_ministry_briefing_counts_each_group_s_losses_for_that_day()
    {
        var figures = Figures("Брифинг Министерства обороны Российской Федерации\n"
            + "За прошедшие сутки подразделения группировки войск «Север» отразили две атаки. Потери противника составили до 120 военнослужащих и танк.\n"
            + "Подразделения группировки войск «Юг» улучшили положение. Противник потерял свыше 90 военнослужащих и два автомобиля.");
        Assert.Equal([(120L, Qualifier.AtMost), (90L, Qualifier.AtLeast)], figures.Select(f => (f.Figure!.Value!.Value, f.Figure.Qualifier!.Value)));
        Assert.All(figures, f => Assert.Equal(new Period(Published, Published), f.Figure!.Period));
    }

    [Fact]
    public void a_general_staff_list_given_bare_is_the_general_staffs()
    {
        var figures = Figures("Загальні бойові втрати противника з 24.02.22 по 10.05.25 орієнтовно склали:\nособового складу ‒ близько 960 500 (+1 140) осіб\nтанків ‒ 10 800 (+5)");
        Assert.Equal([1_140L, 960_500L], figures.Select(f => f.Figure!.Value!.Value).Order());
        Assert.All(figures, f => Assert.Equal(("Генеральний штаб ЗСУ", "russia", Attribution.Adversary), (f.StatedBy, f.Figure!.Party, f.Figure.Attribution)));
    }

    [Fact]
    public void verdicts_on_the_weekday_a_day_was_held_are_that_days()
    {
        var days = Extractor.Run("У Женеві завершився другий день переговорів\n"
            + "У середу в Женеві завершився другий день переговорів делегацій України та США, які очолили Рустем Умєров і Стів Віткофф.\n"
            + "Після першого дня Умєров назвав розмову «корисною». Підсумок середи він оцінив як «складний».\n"
            + "Віткофф у середу назвав консультації «продуктивними».", new(2026, 3, 4), "unattributed")
            .Candidates.Where(c => c.Kind == StatementKind.NegotiationDay).Select(c => c.Negotiation!).OrderBy(n => n.Day).ToList();
        Assert.Equal([1, 2], days.Select(d => d.Day!.Value));
        Assert.Equal(["Рустем Умєров: корисною"], days[0].Assessments.Select(a => $"{a.By}: {a.Said}"));
        Assert.Equal(["Рустем Умєров: складний", "Стів Віткофф: продуктивними"], days[1].Assessments.Select(a => $"{a.By}: {a.Said}").Order());
    }

    [Fact]
    public void a_round_of_consultations_is_talks_and_a_mixed_verdict_is_one()
    {
        var day = Assert.Single(Extractor.Run("В Женеве в среду завершился третий раунд закрытых консультаций делегаций России и Украины.\n"
            + "Глава украинской делегации Рустем Умеров назвал встречу «трудной, но продуктивной». Он добавил, что тяжелораненых пленных обменяют.", new(2026, 3, 4), "unattributed")
            .Candidates, c => c.Kind == StatementKind.NegotiationDay).Negotiation!;
        Assert.Equal("Женева", day.Venue);
        Assert.Equal(["Рустем Умеров: трудной, но продуктивной"], day.Assessments.Select(a => $"{a.By}: {a.Said}"));
    }

    // Round 6 ---------------------------------------------------------------------------------------------------

    [Fact]
    public void a_weekday_a_few_words_after_the_verb_of_saying_is_when_it_was_said_not_the_counts_day()
    {
        var figure = One("«Від початку операції противник утратив понад 9 тисяч військовослужбовців убитими та пораненими», — написав Олександр Сирський у телеграмі в четвер.").Figure!;
        Assert.Equal(new Period(Period.WarStart, null), figure.Period);
    }

    [Theory]
    [InlineData("В результате обстрела Курска, который ВСУ предприняли утром, погибли 4 мирных жителя, сообщил губернатор Александр Хинштейн.")]
    [InlineData("Жертвами удара ВСУ по центру Горловки стали 4 мирных жителя, сообщил мэр города Иван Приходько.")]
    public void the_forces_that_struck_are_not_whose_dead_these_are(string sentence)
    {
        var figure = One(sentence).Figure!;
        Assert.Equal(("russia", Group.Civilian), (figure.Party, figure.Group));
    }

    [Fact]
    public void the_one_who_asks_in_an_interview_is_not_who_speaks()
    {
        var figure = One("Евгений Пригожин в интервью журналисту Максиму Орлову оценил потери своих бойцов примерно в 9 тысяч погибших.");
        Assert.Equal("Евгений Пригожин", figure.StatedBy);
    }

    [Theory]
    [InlineData("Звіт оприлюднила Моніторингова місія ООН з прав людини в Україні.\nЗагалом ООН підтвердила загибель 11 300 мирних жителів.", "Моніторингова місія ООН з прав людини в Україні")]
    [InlineData("На місці працює Державна служба з надзвичайних ситуацій.\nЗа даними ДСНС, поранено 41 людину.", "Державна служба з надзвичайних ситуацій")]
    public void an_acronym_is_the_organisation_the_text_names_in_full(string text, string speaker) =>
        Assert.Equal(speaker, One(text).StatedBy);

    [Fact]
    public void a_ministry_is_named_as_the_text_writes_it() =>
        Assert.Equal("Министерство обороны РФ", One("Потери ВСУ за сутки составили до 480 военнослужащих, сообщило Министерство обороны РФ.").StatedBy);

    [Fact]
    public void the_head_of_a_ministry_is_the_minister_last_named()
    {
        var figure = One("Министр обороны Андрей Белоусов выступил на расширенной коллегии.\n«Противник потерял свыше 30 тысяч военнослужащих», — заявил глава Минобороны.");
        Assert.Equal("Андрей Белоусов", figure.StatedBy);
    }

    [Fact]
    public void a_clause_after_a_comma_and_a_conjunction_shares_the_period_of_the_one_before()
    {
        var figures = Figures("У 2023 році загинули щонайменше 1 900 цивільних, а поранення дістали щонайменше 6 100, повідомили в ООН.");
        Assert.Equal(2, figures.Count);
        Assert.All(figures, f => Assert.Equal(new Period(new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31)), f.Figure!.Period));
    }

    [Fact]
    public void a_strikes_toll_reported_the_day_after_is_the_reports_day()
    {
        var figure = One("Внаслідок ракетного удару по Одесі 1 березня загинули 12 людей, повідомила Одеська ОВА.", new(2025, 3, 2)).Figure!;
        Assert.Equal(new Period(new DateOnly(2025, 3, 2), new DateOnly(2025, 3, 2)), figure.Period);
    }

    [Fact]
    public void a_name_in_straight_quotes_closing_on_a_number_is_no_count()
    {
        var figure = One("\"На сегодняшний день у нас погибли 5 900 человек\", - сказал Сергей Шойгу в интервью телеканалу \"Звезда 24\".");
        Assert.Equal(5_900L, figure.Figure!.Value);
    }

    [Fact]
    public void a_secretary_named_before_gives_a_verdict_by_title()
    {
        var day = Assert.Single(Extractor.Run("У Женеві завершився перший день переговорів делегацій України та США.\n"
            + "Українську делегацію очолив секретар РНБО Рустем Умєров.\nПідсумовуючи день, секретар РНБО сказав, що зустріч була «предметною».", new(2026, 3, 4), "unattributed")
            .Candidates, c => c.Kind == StatementKind.NegotiationDay).Negotiation!;
        Assert.Equal(["Рустем Умєров: предметною"], day.Assessments.Select(a => $"{a.By}: {a.Said}"));
    }

    // Round 7 ---------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("Число жертв обстрела Донецка со стороны ВСУ выросло до 9 мирных жителей, сообщил мэр Алексей Кулемзин.")]
    [InlineData("Кількість цивільних, загиблих унаслідок обстрілу Херсона з боку російських військ, зросла до 6, повідомила Херсонська ОВА.")]
    public void forces_named_as_striking_from_their_side_are_not_whose_dead_these_are(string sentence)
    {
        var figure = One(sentence).Figure!;
        Assert.Equal(Group.Civilian, figure.Group);
        Assert.NotEqual(sentence.Contains("ВСУ", StringComparison.Ordinal) ? "ukraine" : "russia", figure.Party);
    }

    [Fact]
    public void the_count_named_at_the_clauses_start_says_who_they_were()
    {
        var figure = One("Число мирных жителей, погибших в результате ночной атаки на Курск, увеличилось до 11, сообщил губернатор Александр Хинштейн.").Figure!;
        Assert.Equal((Group.Civilian, "russia", Measure.Killed), (figure.Group, figure.Party, figure.Measure));
    }

    // Round 8 ---------------------------------------------------------------------------------------------------

    [Fact]
    public void a_verdict_said_to_reporters_is_the_speakers_named_after()
    {
        var day = Assert.Single(Extractor.Run("В Женеве прошел первый день переговоров делегаций России и Украины.\n"
            + "«Мы удовлетворены итогами и готовы встречаться снова», — заявил журналистам Мединский.", new(2026, 3, 4), "unattributed")
            .Candidates, c => c.Kind == StatementKind.NegotiationDay).Negotiation!;
        Assert.Equal(["Мединский: удовлетворены"], day.Assessments.Select(a => $"{a.By}: {a.Said}"));
    }

    [Theory]
    [InlineData("Кількість загиблих зросла до 29 людей. Про це повідомив очільник Полтавської ОВА Валентин Коваль.", "Валентин Коваль")]
    [InlineData("Число погибших выросло до 7, сообщила глава администрации города Олеся Петрова.", "Олеся Петрова")]
    public void a_common_first_name_makes_the_official_after_a_long_title_a_person(string text, string speaker) =>
        Assert.Equal(speaker, One(text).StatedBy);

    [Fact]
    public void a_house_number_after_its_street_is_no_count() =>
        Assert.Equal(5L, One("Ракета влучила в будинок на вулиці Шевченка, 118 у Дніпрі; загинули 5 людей, повідомила Дніпропетровська ОВА.").Figure!.Value);

    [Fact]
    public void a_year_named_in_the_paragraph_is_what_for_the_year_means()
    {
        var figure = One("Отдельно ООН подвела итоги 2023 года. По данным миссии, за год погибли 1 900 мирных жителей.").Figure!;
        Assert.Equal(new Period(new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31)), figure.Period);
    }

    // A second reading of rounds 6–8's rules: what they must not catch.

    [Fact]
    public void the_one_interviewed_named_in_the_nominative_after_interview_speaks() =>
        Assert.Equal("Владимир Зеленский", One("«Мы потеряли 31 тысячу военных», — в интервью рассказал Владимир Зеленский.").StatedBy);

    [Fact]
    public void a_clause_saying_in_all_keeps_its_own_period()
    {
        var figures = Figures("За сутки погибли 3 человека, а всего — 120, сообщил губернатор Вячеслав Гладков.", new(2025, 5, 10));
        Assert.Equal(new Period(Period.WarStart, null), figures.Single(f => f.Figure!.Value == 120).Figure!.Period);
    }

    [Fact]
    public void a_count_after_a_street_is_still_a_count() =>
        Assert.Equal(3L, One("Удар пришелся на улицу Сумскую, 3 погибших, сообщил мэр Игорь Терехов.").Figure!.Value);

    [Fact]
    public void a_ministry_named_in_small_letters_is_named_as_one() =>
        Assert.Equal("Министерство обороны РФ", One("Потери ВСУ за сутки составили до 480 военнослужащих, сообщило Министерство обороны рф.").StatedBy);

    [Fact]
    public void forces_attacking_and_repelled_are_whose_losses_these_are() =>
        Assert.Equal("ukraine", One("В ходе отражения атак ВСУ уничтожено до 40 военнослужащих, сообщили в Минобороны России.").Figure!.Party);

    [Fact]
    public void a_year_in_digits_of_another_script_reads_on()
    {
        var run = Extractor.Run("Отдельно ООН подвела итоги 20\uFF12\uFF14 года.\nПо данным миссии, погибли 1 900 мирных жителей.", Published, "unattributed");
        Assert.False(run.Truncated);
        Assert.Equal(1_900L, Assert.Single(run.Candidates).Figure!.Value);
    }

    [Theory]
    // The side that struck or invaded is named beside the blow, not beside the dead: they are the speaker's.
    [InlineData("Унаслідок російського ракетного удару по Одесі загинули 9 людей, повідомила Одеська ОВА.")]
    [InlineData("Від початку повномасштабного вторгнення Росії загинули щонайменше 11 000 цивільних, повідомило Міністерство охорони здоров'я.")]
    [InlineData("Унаслідок удару по Білгороду-Дністровському загинули 4 людини, повідомили в ДСНС.")]
    [InlineData("В результате вторжения России погибли не менее 12 000 мирных жителей, сообщили в Офисе генпрокурора Украины.")]
    public void the_side_that_invaded_or_struck_is_not_whose_dead_these_are(string sentence) =>
        Assert.Equal("ukraine", Figures(sentence).First().Figure!.Party);

    [Fact]
    public void an_organisation_that_estimated_speaks_for_its_figure_inside_a_persons_text()
    {
        var figures = Figures("Президент Володимир Зеленський заявив, що армія тримає фронт.\nДля порівняння, Генеральний штаб ЗСУ напередодні оцінював загальні втрати противника в близько 600 тисяч осіб.");
        Assert.Equal("Генеральний штаб ЗСУ", figures.Single(f => f.Figure!.Value == 600_000).StatedBy);
    }

    [Theory]
    [InlineData("У The Washington Post з посиланням на американських посадовців ішлося про 60 тисяч загиблих російських військових.", "американські посадовці")]
    [InlineData("Газета со ссылкой на западных чиновников писала о 60 тысячах погибших российских военных.", "западные чиновники")]
    public void a_source_cited_by_an_outlet_is_who_stated_it(string sentence, string source) =>
        Assert.Equal(source, One(sentence).StatedBy);

    [Theory]
    [InlineData("Після удару по багатоповерхівці доля ще 12 людей залишається невідомою, повідомив голова Запорізької ОВА Іван Федоров.", 12L)]
    [InlineData("Після удару зв'язку досі немає з 7 людьми, їх вважають зниклими безвісти, повідомив голова ОВА Іван Федоров.", 7L)]
    public void the_unaccounted_for_after_a_strike_are_its_missing_of_that_day(string sentence, long value)
    {
        var figure = One(sentence, new(2025, 5, 10)).Figure!;
        Assert.Equal((value, Measure.Missing, "ukraine", new Period(new(2025, 5, 10), new(2025, 5, 10))), (figure.Value!.Value, figure.Measure, figure.Party, figure.Period));
    }

    [Fact]
    public void a_part_named_after_its_number_is_of_the_count_before()
    {
        var figures = Figures("С декабря российские войска потеряли более 80 тысяч военных убитыми и ранеными. Более 15 тысяч из них погибли, сообщил американский генерал.", new(2023, 5, 2));
        var part = figures.Single(f => f.Figure!.Value == 15_000).Figure!;
        Assert.Equal((Measure.Killed, "russia", new Period(new(2022, 12, 1), null)), (part.Measure, part.Party, part.Period));
    }

    [Fact]
    public void a_count_of_the_kursk_fighting_runs_from_the_incursion()
    {
        const string sentence = "На курському напрямку противник втратив понад 30 тисяч військових, повідомив Олександр Сирський.";
        Assert.Equal(new Period(new(2024, 8, 6), null), One(sentence, new(2025, 1, 10)).Figure!.Period);
        Assert.Equal(new Period(new(2024, 8, 6), null), One("Всего на курском направлении противник потерял более 20 000 военнослужащих, сообщили в Минобороны России.", new(2024, 11, 20)).Figure!.Period);
        // North Korea's soldiers fought nowhere else: their count is their war's.
        Assert.Equal(new Period(Period.WarStart, null), One("На Курщині загинули близько 1 000 північнокорейських військових, заявив Кирило Буданов.", new(2025, 1, 10)).Figure!.Period);
    }

    [Fact]
    public void the_noun_right_after_a_number_is_its_own_group() =>
        Assert.Equal(Group.Military, One("Издание вместе с командой волонтеров установило имена 70 000 российских военных, погибших на войне.").Figure!.Group);

    [Fact]
    public void a_strikes_people_stay_all_people_after_a_word_for_civilians_before_them() =>
        Assert.Equal(Group.All, One("Це вже третій удар по цивільних за місяць: тоді загинули 11 людей, серед яких діти, повідомив голова ОВА Іван Федоров.").Figure!.Group);

    [Fact]
    public void a_sides_dead_told_as_people_in_a_paragraph_about_soldiers_are_soldiers() =>
        Assert.Equal(Group.Military, Figures("Министр обороны России Сергей Шойгу рассказал о потерях военных. «У нас погибли 3 200 человек», — сказал он.").Single().Figure!.Group);

    [Theory]
    [InlineData("Росія утримує понад 9 тисяч українців, заявив омбудсман Дмитро Лубінець.", Measure.Captured)]
    [InlineData("Безвісти зниклими вважаються понад 40 тисяч людей, заявив омбудсман Дмитро Лубінець.", Measure.Missing)]
    public void prisoners_and_missing_told_as_people_are_all_people(string sentence, Measure measure)
    {
        var figure = One(sentence).Figure!;
        Assert.Equal((measure, Group.All), (figure.Measure, figure.Group));
    }

    [Theory]
    [InlineData("Україна повернула з російського полону 95 захисників, повідомив Координаційний штаб.")]
    [InlineData("Из украинского плена вернулись 95 военнослужащих, сообщили в Минобороны России.")]
    public void people_returned_from_captivity_are_no_figure(string sentence) =>
        Assert.Empty(Figures(sentence));

    [Fact]
    public void a_strike_whose_dead_were_counted_as_civilians_wounded_civilians_too()
    {
        var figures = Figures("Число мирных жителей, погибших при обстреле Белгорода, выросло до 15.\nРанены 70 человек, сообщил губернатор Вячеслав Гладков.", new(2024, 1, 2));
        Assert.Equal(Group.Civilian, figures.Single(f => f.Figure!.Value == 70).Figure!.Group);
    }

    [Fact]
    public void a_sides_dead_told_as_people_in_a_text_that_opens_on_soldiers_are_soldiers() =>
        Assert.Equal(Group.Military, Figures("Министр впервые назвал число погибших российских военных\n«У нас погибли 4 100 человек», — сказал министр обороны России Сергей Шойгу.").Single().Figure!.Group);

    [Theory]
    [InlineData("С начала года суды признали безвестно отсутствующими не менее 2 400 участников войны, подсчитали журналисты.")]
    [InlineData("Суди визнали безвісно відсутніми понад 2 400 учасників війни, підрахували журналісти.")]
    public void the_declared_absent_are_missing_participants_of_the_war_soldiers(string sentence)
    {
        var figure = One(sentence).Figure!;
        Assert.Equal((Measure.Missing, Group.Military), (figure.Measure, figure.Group));
    }

    [Fact]
    public void the_named_dead_counted_again_among_themselves_are_deaths()
    {
        var figures = Figures("«Медиазона» установила имена 90 000 российских военных, погибших на войне.\nСреди погибших, по данным «Медиазоны», около 9 000 мобилизованных.");
        Assert.Equal(Measure.Deaths, figures.Single(f => f.Figure!.Value == 9_000).Figure!.Measure);
    }

    [Fact]
    public void a_month_right_after_a_verb_of_saying_is_when_it_was_said() =>
        Assert.Equal(new Period(Period.WarStart, null), One("Востаннє президент Володимир Зеленський називав цифри в лютому: 45 тисяч загиблих українських військових.").Figure!.Period);

    [Fact]
    public void the_monitoring_mission_is_named_as_the_text_writes_it() =>
        Assert.Equal("Моніторингова місія ООН з прав людини", One("Моніторингова місія ООН з прав людини зафіксувала загибель 12 000 цивільних.").StatedBy);

    [Theory]
    [InlineData("За весь 2024 год, по данным Минобороны России, погибли 900 военнослужащих ВСУ.")]
    [InlineData("За увесь 2024 рік, за даними Генштабу ЗСУ, загинули 900 окупантів.")]
    public void the_whole_of_a_year_is_that_year(string sentence) =>
        Assert.Equal(Period.CalendarYear(2024), One(sentence).Figure!.Period);

    [Fact]
    public void a_time_said_after_a_parts_number_is_the_parts()
    {
        // (Not in the text's first lines, which would make it a day's summary.)
        var figures = Figures("Президент Володимир Зеленський виступив на форумі у Києві.\nВін подякував воїнам.\nФорум тривав два дні.\nНа ньому виступили міністри.\nГенеральний штаб ЗСУ оцінював загальні втрати противника в близько 700 000 осіб, зокрема 1 100 — за минулу добу.", new(2025, 5, 10));
        Assert.Equal(new Period(Period.WarStart, null), figures.Single(f => f.Figure!.Value == 700_000).Figure!.Period);
        Assert.Equal(new Period(new(2025, 5, 10), new(2025, 5, 10)), figures.Single(f => f.Figure!.Value == 1_100).Figure!.Period);
    }

    [Theory]
    [InlineData("У російській неволі залишаються понад 7 тисяч українських військовослужбовців, заявив омбудсман Дмитро Лубінець.")]
    [InlineData("Окупанти тримають у в'язницях понад 1 500 цивільних громадян України, заявив омбудсман Дмитро Лубінець.")]
    [InlineData("В украинской неволе остаются более 1 000 российских военнослужащих, заявила Татьяна Москалькова.")]
    public void captivity_and_prisons_count_the_captured(string sentence) =>
        Assert.Equal(Measure.Captured, One(sentence).Figure!.Measure);

    [Fact]
    public void captives_held_in_russia_are_still_the_speakers()
    {
        var figure = One("Лубінець додав, що окупанти тримають у в'язницях на території Росії щонайменше 1 600 цивільних.").Figure!;
        Assert.Equal(("ukraine", Group.Civilian), (figure.Party, figure.Group));
    }

    [Fact]
    public void the_person_named_right_after_a_title_speaks_not_the_office() =>
        Assert.Equal("Дмитро Лубінець", One("За словами Уповноваженого Верховної Ради з прав людини Дмитра Лубінця, у полоні залишаються понад 7 тисяч українських військових.").StatedBy);

    [Fact]
    public void a_part_named_after_its_number_takes_the_measure_of_the_count_before()
    {
        var figures = Figures("Росія утримує в полоні понад 9 тисяч українців, заявив Дмитро Лубінець. Щонайменше 1 700 із них — цивільні.");
        var part = figures.Single(f => f.Figure!.Value == 1_700).Figure!;
        Assert.Equal((Measure.Captured, Group.Civilian, "ukraine"), (part.Measure, part.Group, part.Party));
    }

    [Theory]
    [InlineData("Миссия сообщила, что с начала полномасштабного вторжения России в феврале 2022 года погибли не менее 11 000 мирных жителей.")]
    [InlineData("Місія повідомила, що від початку повномасштабного вторгнення Росії в лютому 2022 року загинули щонайменше 11 000 цивільних.")]
    public void the_month_of_an_invasion_named_with_its_invader_is_the_wars_beginning(string sentence) =>
        Assert.Equal(new Period(Period.WarStart, null), One(sentence).Figure!.Period);

    [Fact]
    public void twelve_months_after_a_year_named_are_that_year()
    {
        var figure = Figures("Минувший 2024 год миссия назвала тяжелым для мирного населения. За двенадцать месяцев в Украине погибли 1 900 гражданских, сообщила миссия ООН.", new(2025, 2, 20)).Single().Figure!;
        Assert.Equal(Period.CalendarYear(2024), figure.Period);
    }

    [Fact]
    public void an_interviews_answer_is_the_one_interviewed_not_the_source_the_question_named()
    {
        var figures = Figures("Головнокомандувач Олександр Сирський розповів про бої на фронті.\n"
            + "— За нашими оцінками, противник втратив за рік понад 400 тисяч військових.\n"
            + "— Міноборони Росії стверджує, що ЗСУ втратили понад 60 тисяч військових. Це так?\n"
            + "— Це пропаганда. Натомість підрозділи КНДР уже зазнали втрат близько 5 тисяч убитими й пораненими.", new(2025, 1, 10));
        Assert.Equal("Міноборони Росії", figures.Single(f => f.Figure!.Value == 60_000).StatedBy);
        Assert.Equal("Олександр Сирський", figures.Single(f => f.Figure!.Value == 5_000).StatedBy);
    }

    [Theory]
    [InlineData("Противник втратив понад 30 тисяч військових, ще понад 700 потрапили в полон, повідомив Олександр Сирський.", 700L)]
    [InlineData("Противник потерял более 30 тысяч военных, еще более 700 попали в плен, сообщил Александр Сырский.", 700L)]
    public void those_who_fell_into_captivity_are_captured(string sentence, long value) =>
        Assert.Equal(Measure.Captured, Figures(sentence).Single(f => f.Figure!.Value == value).Figure!.Measure);

    [Fact]
    public void one_speakers_thousands_told_twice_in_other_words_are_one_figure()
    {
        var figures = Figures("Министр обороны России Андрей Белоусов заявил, что ВСУ за 2024 год потеряли почти 500 тысяч военнослужащих.\n"
            + "«Потери противника в текущем году составили почти 500 тысяч человек», — сказал Белоусов.", new(2024, 12, 16));
        Assert.Equal(Period.CalendarYear(2024), Assert.Single(figures).Figure!.Period);
    }

    [Fact]
    public void of_a_figure_told_twice_the_telling_that_names_its_time_stands()
    {
        var figures = Figures("Міністр оборони Росії Сергій Шойгу заявив, що ЗСУ втратили понад 70 тисяч військових.\n"
            + "За його словами, з 4 червня ЗСУ втратили понад 70 тисяч військових.", new(2023, 9, 5));
        Assert.Equal(new Period(new(2023, 6, 4), null), Assert.Single(figures).Figure!.Period);
    }

    // Round 9, a second reader's findings, each on sentences of our own.
    [Fact]
    public void two_counts_of_the_same_size_from_one_speaker_are_two_figures()
    {
        var figures = Figures("Уповноважений Дмитро Лубінець заявив, що 10 тисяч людей загинули, а ще 10 тисяч людей вважаються зниклими безвісти.", new(2025, 3, 1));
        Assert.Equal([Measure.Killed, Measure.Missing], figures.Select(f => f.Figure!.Measure).Order());
    }

    [Fact]
    public void a_text_that_opens_on_prisoners_of_a_nation_is_not_about_soldiers()
    {
        var c = One("Лубінець: Росія утримує тисячі українців\nЗа словами Дмитра Лубінця, від катувань у неволі загинули 12 людей.", new(2025, 3, 1));
        Assert.NotEqual(Group.Military, c.Figure!.Group);
    }

    [Fact]
    public void direct_speech_opened_by_a_dash_answers_no_question()
    {
        var figures = Figures("Олександр Коваль, командир батальйону, розповів про бої під містом.\n"
            + "— Ситуація складна, — заявили в Генштабі ЗСУ.\n— Противник втратив 1 200 осіб за добу.", new(2025, 3, 1));
        Assert.Contains("Генштаб", Assert.Single(figures).StatedBy);
    }

    [Fact]
    public void the_source_a_question_quoted_does_not_answer_it()
    {
        var figures = Figures("— Зеленський заявив, що втрати становлять 43 тисячі загиблих. Це так?\n— Ні, загинули близько 100 тисяч військових.", new(2025, 3, 1));
        Assert.NotEqual("Володимир Зеленський", figures.Single(f => f.Figure!.Value == 100_000).StatedBy);
        Assert.NotEqual("Зеленський", figures.Single(f => f.Figure!.Value == 100_000).StatedBy);
    }

    [Fact]
    public void a_side_that_attacked_and_lost_keeps_its_dead()
    {
        var c = One("Російські війська атакували Курахове і втратили понад 300 військових.", new(2025, 3, 1));
        Assert.Equal("russia", c.Figure!.Party);
    }

    [Fact]
    public void a_town_spelt_with_a_dash_of_any_width_is_still_no_russian_place()
    {
        foreach (var dash in new[] { "-", "–", "—" })
            Assert.Equal("ukraine", One($"Унаслідок удару по Білгороду{dash}Дністровському загинули 5 людей, повідомила ОВА.", new(2025, 3, 1)).Figure!.Party);
    }

    [Fact]
    public void a_part_named_after_its_number_is_read_within_its_sentence()
    {
        // "людей. З них": the full stop ends the count's sentence; the 12 000 is no part of the 300 before it.
        var figures = Figures("У Харкові з початку року загинули 300 цивільних, повідомила ОВА.\nЗа весь час у місті загинули 12 000 людей. З них 600 — діти.", new(2025, 3, 1));
        var total = figures.Single(f => f.Figure!.Value == 12_000).Figure!;
        Assert.Equal((Group.All, Period.WarStart), (total.Group, total.Period.From));
    }

    // Round 10 ---------------------------------------------------------------------------------------------------
    // An organisation's head is put in the nominative, its complement kept as the text writes it: not the lexicon's short form or capitals.
    [Theory]
    [InlineData("Генеральний штаб ЗСУ", "Генерального штабу Збройних сил України", "Генеральний штаб Збройних сил України")]
    [InlineData("Генеральный штаб ВСУ", "Генеральным штабом Вооруженных сил Украины", "Генеральный штаб Вооруженных сил Украины")]
    [InlineData("Генеральний штаб Збройних Сил України", "Генеральному штабі Збройних сил України", "Генеральний штаб Збройних сил України")]
    // A contraction the text writes ("Генштабу") is no head of the full name: the lexicon's name stands.
    [InlineData("Генеральний штаб ЗСУ", "Генштабу ЗСУ", "Генеральний штаб ЗСУ")]
    // An acronym keeps its capitals.
    [InlineData("ДСНС", "ДСНС", "ДСНС")]
    public void an_organisations_complement_is_named_as_the_text_writes_it(string lexicon, string written, string expected) =>
        Assert.Equal(expected, Timeline.Articles.Extraction.Slavic.Reader.AsTheTextWritesIt(lexicon, written));

    [Fact]
    public void a_general_staff_named_in_full_in_a_sentence_is_named_so()
    {
        var c = One("Як повідомив Генеральний штаб Збройних сил України, за добу противник втратив близько 1 300 осіб.", new(2025, 3, 1));
        Assert.Equal("Генеральний штаб Збройних сил України", c.StatedBy);
    }

    [Theory]
    // Two capitalised words after an institution's head are the complement of its name, not a person.
    [InlineData("Державна прикордонна служба Республіки Польща повідомила, що за тиждень у зоні бойових дій загинули 40 цивільних.", "Державна прикордонна служба Республіки Польща")]
    [InlineData("Федеральная разведывательная служба Федеративной Республики сообщила, что армия КНДР потеряла около 900 военнослужащих.", "Федеральная разведывательная служба Федеративной Республики")]
    public void an_institution_named_before_its_genitive_speaks_as_an_organisation(string sentence, string speaker) =>
        Assert.Equal(speaker, One(sentence, new(2025, 3, 1)).StatedBy);

    [Theory]
    [InlineData("Глава оборонного ведомства Петр Смирнов выступил на коллегии в Москве. По его словам, за год ВСУ потеряли около 300 тыс. военнослужащих.", "Петр Смирнов")]
    [InlineData("Командувач угруповання Тарас Мельник дав інтерв'ю телеканалу. За його словами, за тиждень противник втратив понад 2 тисячі військових.", "Тарас Мельник")]
    public void his_words_are_the_last_person_nameds(string text, string speaker) =>
        Assert.Equal(speaker, One(text, new(2025, 3, 1)).StatedBy);

    [Fact]
    public void a_person_heading_a_briefing_with_a_colon_speaks_what_follows()
    {
        var figures = Figures("Брифинг Министерства обороны России\nОфициальный представитель Минобороны России генерал-майор Олег Соколов:\n"
            + "На Запорожском направлении потери противника за сутки составили до 70 военнослужащих.", new(2025, 3, 1));
        Assert.Equal(("Олег Соколов", "ukraine"), (Assert.Single(figures).StatedBy, figures[0].Figure!.Party));
    }

    [Fact]
    public void a_spokesman_of_the_defence_forces_speaks_for_ukraine()
    {
        var c = One("Речник Сил оборони південного напрямку Тарас Мельник повідомив, що за добу окупанти втратили 150 осіб убитими та пораненими.", new(2025, 3, 1));
        Assert.Equal(("Тарас Мельник", "russia", Attribution.Adversary), (c.StatedBy, c.Figure!.Party, c.Figure.Attribution));
    }

    [Theory]
    // The measure after "и" that leads the next number is that number's; this one's stands before it.
    [InlineData("По словам командира, под Угледаром погибли 9 тысяч российских военных и было ранено около 400 местных жителей.", 9_000L, Measure.Killed)]
    [InlineData("За зиму загинули 5 тисяч окупантів і ще поранено близько 700 цивільних, зазначив Тарас Мельник.", 5_000L, Measure.Killed)]
    // A number's own measure right after it stays its own.
    [InlineData("По данным ведомства, ВСУ потеряли 8 120 человек убитыми и 6 400 ранеными, сообщили в Минобороны России.", 8_120L, Measure.Killed)]
    public void a_measure_that_leads_the_next_number_is_not_this_ones(string sentence, long value, Measure measure) =>
        Assert.Equal(measure, Figures(sentence, new(2025, 3, 1)).Single(f => f.Figure!.Value == value).Figure!.Measure);

    [Theory]
    [InlineData("Рудской", "Рудского", true)]
    [InlineData("Залужний", "Залужного", true)]
    [InlineData("Петров", "Петренко", false)]
    public void a_surname_in_another_case_is_the_same_persons(string named, string written, bool same) =>
        Assert.Equal(same, Timeline.Articles.Extraction.Slavic.Reader.Inflects(named, written));

    [Fact]
    public void a_surname_named_again_in_an_oblique_case_is_the_person_named_before()
    {
        var figures = Figures("Об этом сообщил заместитель начальника штаба генерал-полковник Сергей Береговской.\n"
            + "По словам Береговского, потери противника за месяц составили около 12 тыс. человек.", new(2025, 3, 1));
        Assert.Equal("Сергей Береговской", Assert.Single(figures).StatedBy);
    }

    [Fact]
    public void a_name_with_particles_is_named_whole_and_she_is_that_person()
    {
        var figures = Figures("Комісарка Ганна фон дер Берг виступила у Брюсселі.\nУ зверненні вона сказала, що загинули понад 900 цивільних.", new(2025, 3, 1));
        Assert.Equal("Ганна фон дер Берг", Assert.Single(figures).StatedBy);
    }

    [Fact]
    public void said_in_the_past_and_more_than_as_written_in_ukrainian()
    {
        var c = One("Генерал Марк Стоун на початку року казав, що Росія втратила більш як 200 тисяч військових убитими та пораненими.", new(2025, 3, 1));
        Assert.Equal(("Марк Стоун", Qualifier.AtLeast), (c.StatedBy, c.Figure!.Qualifier));
    }

    // Round 10, a second reader's findings ---------------------------------------------------------------------
    // A role before a person's name is no institution, though its complement names one ("Директор национальной разведки").
    [Theory]
    [InlineData("Директор национальной разведки Тулси Габбард заявила, что КНДР потеряла около 4 000 военных.", "Тулси Габбард")]
    [InlineData("Директорка національної розвідки Тулсі Габбард заявила, що КНДР втратила близько 4 000 військових.", "Тулсі Габбард")]
    public void a_role_before_a_name_is_no_institution(string sentence, string speaker) =>
        Assert.Equal(speaker, One(sentence, new(2025, 3, 1)).StatedBy);

    [Fact]
    public void not_more_than_as_written_in_ukrainian_is_at_most() =>
        Assert.Equal(Qualifier.AtMost, One("За оцінками розвідки, втрати противника за добу склали не більше як 300 осіб.", new(2025, 3, 1)).Figure!.Qualifier);

    // A wife's surname, or a longer surname built on another, is not the same person's.
    [Theory]
    [InlineData("Президент Володимир Зеленський провів нараду.\nПерша леді Зеленська розповіла, що з початку війни загинули 600 дітей.", "Володимир Зеленський")]
    [InlineData("Валерій Залужний виступив у Лондоні.\nЯк заявила Залужна, у місті загинули 12 цивільних.", "Валерій Залужний")]
    [InlineData("Командир батальона Олег Мельник провел совещание.\nПо словам Мельникова, за неделю погибли 40 мирных жителей.", "Олег Мельник")]
    public void a_feminine_or_longer_surname_is_not_the_person_named_before(string text, string other) =>
        Assert.NotEqual(other, One(text, new(2025, 3, 1)).StatedBy);

    // A woman's surname said alone is her name as written, not a stem ("Зеленськ").
    [Theory]
    [InlineData("Президент Володимир Зеленський провів нараду.\nПерша леді Зеленська розповіла, що з початку війни загинули 600 дітей.", "Зеленська")]
    [InlineData("Валерій Залужний виступив у Лондоні.\nЯк заявила Залужна, у місті загинули 12 цивільних.", "Залужна")]
    public void a_womans_surname_alone_is_named_as_written(string text, string speaker) =>
        Assert.Equal(speaker, One(text, new(2025, 3, 1)).StatedBy);

    [Theory]
    [InlineData("Зеленський", "Зеленська", false)]
    [InlineData("Залужний", "Залужна", false)]
    [InlineData("Мельник", "Мельникова", false)]
    [InlineData("Коваль", "Ковальов", false)]
    [InlineData("Бондар", "Бондарев", false)]
    [InlineData("Єрмак", "Єрмакова", false)]
    [InlineData("Мельник", "Мельника", true)]
    [InlineData("Зеленський", "Зеленського", true)]
    [InlineData("служба", "службы", true)]
    [InlineData("штаб", "штабу", true)]
    public void a_surname_in_another_case_and_not_another_surname(string named, string written, bool same) =>
        Assert.Equal(same, Timeline.Articles.Extraction.Slavic.Reader.Inflects(named, written));

    // "По его словам" after a man and then a woman are named: his.
    [Theory]
    [InlineData("Министр обороны Андрей Белоусов провел совещание. На нем выступила председатель Совета Федерации Валентина Матвиенко. По его словам, ВСУ потеряли 30 тысяч военных.", "Андрей Белоусов")]
    [InlineData("Міністр оборони Андрій Коваль провів нараду. На ній виступила депутатка Ірина Мельник. За його словами, окупанти втратили 30 тисяч військових.", "Андрій Коваль")]
    public void his_words_are_the_last_mans(string text, string speaker) =>
        Assert.Equal(speaker, One(text, new(2025, 3, 1)).StatedBy);

    [Fact]
    public void another_countrys_defence_forces_are_not_ukraines() =>
        Assert.NotEqual("ukraine", One("Сили оборони Ізраїлю повідомили, що в секторі Гази загинули 20 військових.", new(2025, 3, 1)).Figure!.Party);

    [Fact]
    public void kira_is_a_womans_name_not_the_genitive_of_kir()
    {
        var figures = Figures("Народна депутатка Кіра Рудик заявила, що у місті загинули 15 цивільних.", new(2025, 3, 1));
        Assert.Equal("Кіра Рудик", Assert.Single(figures).StatedBy);
    }

    // A time followed by "когда"/"коли" and a deed is the count's beginning; followed by words said, it is the saying's.
    [Theory]
    [InlineData("З березня, коли штурмові загони зайшли до міста, окупанти втратили там понад 9 тисяч військових, заявив речник угруповання.", "2025-03-01..")]
    [InlineData("С марта, когда штурмовые отряды вошли в город, противник потерял там более 9 тысяч военных, заявил представитель группировки.", "2025-03-01..")]
    [InlineData("С 4 апреля, когда противник начал так называемое наступление, ВСУ потеряли более 9 тысяч военных, заявил министр.", "2025-04-04..")]
    [InlineData("С марта, когда министр назвал прежнюю цифру, противник потерял более 9 тысяч военных, заявил представитель группировки.", "2022-02-24..")]
    public void a_beginning_told_with_the_deed_that_began_it_is_the_counts(string sentence, string period)
    {
        var p = One(sentence).Figure!.Period;
        Assert.Equal(period, $"{p.From:yyyy-MM-dd}..{p.To:yyyy-MM-dd}");
    }

    // "За підрахунком", "по сведениям": a source's preposition in any of its forms names who counts, not the person named before.
    [Theory]
    [InlineData("Кореспондентка Ірина Коваль побувала в місті.\nЗа підрахунком Моніторингової місії ООН з прав людини, там загинули щонайменше 120 мирних мешканців.", "Моніторингова місія ООН з прав людини")]
    [InlineData("Корреспондент Иван Петров побывал в городе.\nПо сведениям Минобороны России, там погибли не менее 120 военнослужащих.", "Минобороны России")]
    [InlineData("Корреспондент Иван Петров побывал в городе.\nПо подсчету Мониторинговой миссии ООН по правам человека, там погибли не менее 120 мирных жителей.", "Мониторинговая миссия ООН по правам человека")]
    public void a_sources_preposition_in_any_form_names_who_counts(string text, string speaker) =>
        Assert.Equal(speaker, One(text).StatedBy);

    // An acronym the lexicon does not know, beside a verb of saying, is an organisation speaking (by its full name when the text gave it);
    // a side's acronym is whose losses, not who speaks.
    [Theory]
    [InlineData("Кореспондент Іван Коваль побував у місті.\nКЗПЛ повідомила, що там загинули щонайменше 120 мирних мешканців.", "КЗПЛ")]
    [InlineData("Моніторингова місія ООН з прав людини оприлюднила звіт. Кореспондент Іван Коваль побував у місті.\nММПЛ підтвердила загибель щонайменше 120 мирних мешканців.", "Моніторингова місія ООН з прав людини")]
    [InlineData("Корреспондент Иван Петров побывал в городе.\nМККК сообщил, что там погибли не менее 120 мирных жителей.", "МККК")]
    public void an_acronym_beside_a_verb_of_saying_is_an_organisation_speaking(string text, string speaker) =>
        Assert.Equal(speaker, One(text).StatedBy);

    // A title stands for the last person named; a word that only begins like one ("последние", "мережі") does not.
    [Theory]
    [InlineData("Корреспондент Иван Петров побывал в городе.\nМинистерство обороны России заявило, что за последние сутки ВСУ потеряли свыше 300 военнослужащих.", "Министерство обороны России")]
    [InlineData("Кореспондент Іван Коваль побував у місті.\nУ мережі Генштаб ЗСУ повідомив, що окупанти втратили за добу 1 300 військових.", "Генштаб ЗСУ")]
    public void a_word_that_only_begins_like_a_title_names_no_one(string text, string speaker) =>
        Assert.Equal(speaker, One(text).StatedBy);

    // "не менее N, в том числе M": the part, with no bound of its own, is a floor like the count it is part of; with its own, it keeps it.
    [Theory]
    [InlineData("По данным миссии ООН, в области погибли не менее 1 240 мирных жителей, в том числе 86 детей.", Qualifier.AtLeast)]
    [InlineData("За даними місії ООН, в області загинули щонайменше 1 240 мирних мешканців, зокрема 86 дітей.", Qualifier.AtLeast)]
    [InlineData("По данным миссии ООН, в области погибли не менее 1 240 мирных жителей, в том числе около 90 детей.", Qualifier.Approximately)]
    [InlineData("По данным миссии ООН, в области погибли 1 240 мирных жителей, в том числе 86 детей.", Qualifier.Exact)]
    public void a_part_of_a_floor_is_a_floor(string sentence, Qualifier qualifier) =>
        Assert.Equal(qualifier, Figures(sentence)[1].Figure!.Qualifier);

    // "с 24 февраля 2022 года по 15 февраля 2023 года": from one day to the other; a range to the text's own day is the running count.
    [Theory]
    [InlineData("По данным миссии, с 24 февраля 2022 года по 15 февраля 2025 года погибли не менее 1 240 мирных жителей.", "2022-02-24..2025-02-15")]
    [InlineData("За даними місії, з 1 січня до 31 березня 2025 року загинули щонайменше 240 мирних мешканців.", "2025-01-01..2025-03-31")]
    [InlineData("За даними Генштабу, загальні бойові втрати росії з 24 лютого 2022 року по 10 травня 2025 року орієнтовно склали 960 000 осіб.", "2022-02-24..")]
    public void a_range_of_two_dates_is_the_period_unless_it_ends_on_the_texts_day(string sentence, string period)
    {
        var p = Figures(sentence)[0].Figure!.Period;
        Assert.Equal(period, $"{p.From:yyyy-MM-dd}..{p.To:yyyy-MM-dd}");
    }

    // A headline that rounds the figure its text gives in full is that figure told once; a headline's own round count stays.
    [Theory]
    [InlineData("Волонтери встановили імена понад 64 тисяч загиблих російських військових\nВолонтери встановили імена 64 318 російських військових, загиблих у війні проти України.", new[] { 64_318L })]
    [InlineData("ООН: в области погибли почти 3 тысячи мирных жителей\nПо данным миссии ООН, в области погибли 2 962 мирных жителя.", new[] { 2_962L })]
    [InlineData("ООН: в области погибли 3 тысячи мирных жителей\nПо данным миссии ООН, в области погибли 3 000 мирных жителей.", new[] { 3_000L })]
    [InlineData("ООН: в области погибли почти 3 тысячи мирных жителей\nПо данным миссии ООН, в области ранены 2 962 мирных жителя.", new[] { 3_000L, 2_962L })]
    public void a_headline_that_rounds_its_texts_figure_is_that_figure(string text, long[] values) =>
        Assert.Equal(values, Figures(text).Select(f => f.Figure!.Value!.Value));

    // "17 февраля заявило, что за последние сутки": a day's count of a statement the sentence dates is that day's, not the text's.
    [Theory]
    [InlineData("Министерство обороны России 3 мая заявило, что за последние сутки ВСУ потеряли свыше 400 военнослужащих.", "2025-05-03..2025-05-03")]
    [InlineData("Генштаб ЗСУ 4 травня повідомив, що за минулу добу окупанти втратили 1 200 військових.", "2025-05-04..2025-05-04")]
    [InlineData("Министерство обороны России заявило, что за последние сутки ВСУ потеряли свыше 400 военнослужащих.", "2025-05-10..2025-05-10")]
    public void a_days_count_is_of_the_day_it_was_said(string sentence, string period)
    {
        var p = One(sentence).Figure!.Period;
        Assert.Equal(period, $"{p.From:yyyy-MM-dd}..{p.To:yyyy-MM-dd}");
    }

    // "По его данным" is the source the sentence before named, not the last man the text named.
    [Theory]
    [InlineData("Корреспондент Иван Петров побывал в городе.\nСвой подсчет ведет Министерство обороны Украины. По его данным, с начала вторжения погибли 461 военнослужащий.", "Министерство обороны Украины")]
    [InlineData("Кореспондент Іван Коваль побував у місті.\nВласний підрахунок веде Міністерство оборони України. За його даними, з початку вторгнення загинули 461 військовий.", "Міністерство оборони України")]
    public void his_data_are_the_sources_the_sentence_before_named(string text, string speaker) =>
        Assert.Equal(speaker, One(text).StatedBy);

    // A date written with dots before one written in words: the dates are read in text order, and nothing after is lost.
    [Theory]
    [InlineData("Станом на 30.04.2025 з 1 березня 2025 року на Харківщині загинули щонайменше 85 цивільних, повідомила ОВА.\nЩе 3 людини загинули в Ізюмі.", "2025-03-01")]
    [InlineData("По состоянию на 31.05.2025 с 1 марта 2025 года в области погибли не менее 85 мирных жителей, сообщили в администрации.\nЕще 3 человека погибли в Шебекино.", "2025-03-01")]
    public void a_dotted_date_before_a_worded_one_loses_nothing(string text, string from)
    {
        var findings = Extractor.Run(text, new(2025, 6, 10), "unattributed");
        var figures = findings.Candidates.Where(c => c.Kind == StatementKind.Figure).ToList();
        Assert.False(findings.Truncated);
        Assert.Equal([85L, 3L], figures.Select(f => f.Figure!.Value!.Value));
        Assert.Equal(from, $"{figures[0].Figure!.Period.From:yyyy-MM-dd}");
    }

    // A range whose first day has no year of its own is in the second day's year.
    [Theory]
    [InlineData("За даними місії, з 1 лютого до 30 квітня 2024 року в області загинули щонайменше 310 цивільних.", "2024-02-01..2024-04-30")]
    [InlineData("По данным миссии, с 1 апреля по 30 июня 2024 года в области погибли не менее 310 мирных жителей.", "2024-04-01..2024-06-30")]
    [InlineData("За даними місії, з 1 грудня по 31 січня 2024 року в області загинули щонайменше 310 цивільних.", "2023-12-01..2024-01-31")]
    // Ending on the day before the text's: the running count from the first day.
    [InlineData("За даними місії, з 1 березня по 9 червня 2025 року в області загинули щонайменше 310 цивільних.", "2025-03-01..")]
    public void a_ranges_first_day_without_a_year_takes_the_seconds(string sentence, string period)
    {
        var p = Figures(sentence, new(2025, 6, 10))[0].Figure!.Period;
        Assert.Equal(period, $"{p.From:yyyy-MM-dd}..{p.To:yyyy-MM-dd}");
    }

    // A headline is a rounding of a body figure only within half its last place, or on the side its bound names.
    [Theory]
    [InlineData("Втрати окупантів сягнули 1 мільйона військових\nЗа останню добу окупанти втратили 1 230 військових, повідомив Генштаб ЗСУ.", new[] { 1_000_000L, 1_230L })]
    [InlineData("ООН: в Україні загинули понад 10 тисяч мирних жителів\nУ квітні, за даними місії, загинули 209 мирних жителів.", new[] { 10_000L, 209L })]
    [InlineData("ООН: в области погибли более 3 тысяч мирных жителей\nПо данным миссии ООН, в области погибли 2 962 мирных жителя.", new[] { 3_000L, 2_962L })]
    [InlineData("ООН: в области погибли 3 тысячи мирных жителей\nПо данным миссии ООН, в области погибли 3 870 мирных жителей.", new[] { 3_000L, 3_870L })]
    [InlineData("ООН: в области погибли около 3 тысяч мирных жителей\nПо данным миссии ООН, в области погибли 3 042 мирных жителя.", new[] { 3_042L })]
    public void a_headline_rounds_only_a_figure_near_it(string text, long[] values) =>
        Assert.Equal(values, Figures(text).Select(f => f.Figure!.Value!.Value));

    // The media in general, a war's name, and an outlet that asks are no speakers.
    [Theory]
    [InlineData("Кореспондент побував у місті.\nМісцеві ЗМІ пишуть, що під час атаки загинули 9 військових.", "ЗМІ")]
    [InlineData("Корреспондент побывал в городе.\nКак сообщают СМИ, в результате удара погибли 4 человека.", "СМИ")]
    [InlineData("Командир батальона в интервью BBC рассказал, что за месяц погибли 40 бойцов.", "BBC")]
    [InlineData("Корреспондент побывал в городе.\nВетераны СВО рассказали, что в их роте погибли 30 человек.", "СВО")]
    public void a_common_acronym_beside_a_verb_is_no_speaker(string text, string acronym) =>
        Assert.NotEqual(acronym, One(text).StatedBy);

    // The place where it was said, with a plural verb, is still the organisation speaking.
    [Fact]
    public void an_acronym_where_it_was_said_speaks_with_a_plural_verb() =>
        Assert.Equal("МККК", One("Корреспондент Иван Петров побывал в городе.\nВ МККК сообщили, что там погибли не менее 120 мирных жителей.").StatedBy);

    // A side's acronym right before a singular verb, in a sentence with no person: whose, not who.
    [Theory]
    [InlineData("Кореспондент побував у місті.\nКНДР повідомила, що в Курській області загинули 600 її військових.", "КНДР")]
    [InlineData("Корреспондент побывал в городе.\nКНДР сообщила, что в Курской области погибли 600 ее военных.", "КНДР")]
    public void a_sides_acronym_before_a_verb_is_no_speaker(string text, string acronym) =>
        Assert.NotEqual(acronym, One(text).StatedBy);

    // "По его данным" after a sentence whose subject is a person who only names an organisation: the person's.
    [Theory]
    [InlineData("Журналіст Іван Коваль проаналізував звіти ООН. За його підрахунками, загинули понад 12 тисяч цивільних.", "Іван Коваль")]
    [InlineData("Блогер Иван Петров, бывший сотрудник Минобороны, ведет свой подсчет. По его данным, погибли 46 тысяч военных.", "Иван Петров")]
    public void his_data_after_a_person_naming_an_organisation_are_the_persons(string text, string speaker) =>
        Assert.Equal(speaker, One(text).StatedBy);

    // An addition after a floor ("кроме того", "ще") keeps its own bound: only a part of the floor is a floor.
    [Theory]
    [InlineData("В Белгороде погибли не менее 5 человек. Кроме того, в Шебекино погибли 2 человека.")]
    [InlineData("У Харкові загинули щонайменше 4 людини, ще 2 людини загинули в Ізюмі.")]
    public void an_addition_after_a_floor_is_exact(string text) =>
        Assert.Equal(Qualifier.Exact, Figures(text)[1].Figure!.Qualifier);

    // A beginning told with a deed that the Saying list also holds ("объявили мобилизацию", "встановили контроль") is still the count's.
    [Theory]
    [InlineData("С сентября 2022 года, когда в России объявили мобилизацию, на фронте погибли более 20 тысяч мобилизованных.", "2022-09-01")]
    [InlineData("З травня 2023 року, коли росіяни встановили контроль над Бахмутом, окупанти втратили там понад 30 тисяч військових.", "2023-05-01")]
    public void a_beginning_told_with_a_deed_named_like_a_saying_is_the_counts(string sentence, string from) =>
        Assert.Equal(from, $"{Figures(sentence, new(2025, 6, 10))[0].Figure!.Period.From:yyyy-MM-dd}");
}

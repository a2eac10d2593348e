// Ukrainian and Russian read where they are first stated: the language told apart, numbers as they
// are written there, the General Staff's daily report and the defence ministry's daily claim as
// formats, the words of each language for qualifiers, and quotes that are the text itself.
using Timeline.Articles.Extraction;
using Timeline.Articles.Extraction.Slavic;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Tests;

public sealed class ExtractionSlavic
{
    static readonly DateOnly ReportDay = new(2026, 3, 3);

    const string UkrainianReport =
        "Загальні бойові втрати противника з 24.02.22 по 03.03.26 орієнтовно склали:\n" +
        "особового складу ‒ близько 1 250 000 (+1 020) осіб\n" +
        "танків ‒ 11 000 (+5) од.\n" +
        "артилерійських систем ‒ 33 000 (+40) од.\n" +
        "Генеральний штаб ЗСУ";

    const string EnglishReport =
        "General Staff of the Armed Forces of Ukraine: operational information as of 08:00, 3 March 2026\n" +
        "The total combat losses of the enemy from 24.02.22 to 03.03.26 were approximately:\n" +
        "personnel – about 1,250,000 (+1,020) persons\n" +
        "tanks – 11,000 (+5)";

    const string MinistryClaim =
        "Сводка Министерства обороны Российской Федерации (по состоянию на 3 марта 2026 г.)\n" +
        "За сутки ВСУ потеряли до 1 300 военнослужащих, два танка и пять автомобилей.";

    [Theory]
    [InlineData("Загальні бойові втрати противника орієнтовно склали близько 1 250 000 осіб, повідомив Генштаб.", "uk")]
    [InlineData("Потери ВСУ за сутки составили до 1 300 военнослужащих, сообщили в Минобороны России.", "ru")]
    [InlineData("Russia has lost about 1,250,000 soldiers since the invasion, Ukraine's General Staff said.", "en")]
    [InlineData("Слава Україні!", "uk")]
    [InlineData("Погибли 5 человек", "ru")]
    // Russian with none of ы, э, ъ, ё: its function words, и before a vowel, the endings -ая, -ое, -его.
    [InlineData("ВСУ потеряли до 1 300 военнослужащих.", "ru")]
    [InlineData("Из-под завалов достали тела 4 погибших, сказал мэр.", "ru")]
    [InlineData("Пострадавшие доставлены в городские больницы.", "ru")]
    [InlineData("В Херсоне погибла пожилая женщина.", "ru")]
    // Ukrainian writes и before я in a few prefixes and roots (виявили, кияни, приятель): no sign of Russian, whether or
    // not the rest of the sentence says Ukrainian.
    [InlineData("Слідчі виявили тіла 3 загиблих.", "uk")]
    [InlineData("Кияни попрощалися з 5 загиблими.", "und")]
    [InlineData("Kyiv", "en")]
    [InlineData("12 345", "und")]
    [InlineData("", "und")]
    // Mixed: a Ukrainian report quoting a Russian sentence is Ukrainian; an English article quoting one word of Ukrainian is English.
    [InlineData("Ворог втратив понад 400 тисяч військових, заявив Сирський. Він процитував: «Потери противника — до 170 военнослужащих».", "uk")]
    [InlineData("The ministry said the word it used was «втрати», which means losses, and that the count was not final.", "en")]
    public void a_text_is_told_english_ukrainian_russian_or_undetermined_short_or_mixed(string text, string language) =>
        Assert.Equal(language, Languages.Detect(text));

    [Theory]
    [InlineData("uk", "загинули 1 250 000 осіб", 1_250_000L)]
    [InlineData("uk", "загинули 1\u00a0250\u00a0000 осіб", 1_250_000L)]
    [InlineData("uk", "загинули 1\u202f250\u202f000 осіб", 1_250_000L)]
    [InlineData("uk", "втрати — 1,1 млн осіб", 1_100_000L)]
    [InlineData("uk", "понад 1,2 мільйона", 1_200_000L)]
    [InlineData("uk", "15 тис. військових", 15_000L)]
    [InlineData("uk", "46 тисяч військових", 46_000L)]
    [InlineData("uk", "дві тисячі цивільних", 2_000L)]
    [InlineData("uk", "півмільйона", 500_000L)]
    [InlineData("uk", "загинули двоє людей", 2L)]
    [InlineData("ru", "383 тыс. человек", 383_000L)]
    [InlineData("ru", "42 тысяч военнослужащих", 42_000L)]
    [InlineData("ru", "3 тысячи человек", 3_000L)]
    [InlineData("ru", "1,5 миллиона", 1_500_000L)]
    [InlineData("ru", "погибли трое мирных жителей", 3L)]
    public void numbers_are_read_as_they_are_written_in_ukrainian_and_russian(string language, string words, long value)
    {
        var found = SlavicNumbers.In(words, new Span(0, words.Length), Lexicon.For(language), 100, out _);
        Assert.Equal(value, Assert.Single(found).Value);
    }

    [Theory]
    [InlineData("uk", "від 60 до 100 тисяч", 60_000L, 100_000L)]
    [InlineData("ru", "от 60 до 100 тысяч", 60_000L, 100_000L)]
    [InlineData("ru", "60–100 тыс.", 60_000L, 100_000L)]
    [InlineData("uk", "від 300 до 400 тисяч людей", 300_000L, 400_000L)]
    public void ranges_are_one_mention_with_the_scale_of_their_high_end(string language, string words, long low, long high)
    {
        var found = Assert.Single(SlavicNumbers.In(words, new Span(0, words.Length), Lexicon.For(language), 100, out _));
        Assert.Equal((low, high), (found.Low, found.High));
    }

    [Theory]
    [InlineData("uk", "з 24.02.22 по 03.03.26", "2026-03-03")]
    [InlineData("uk", "станом на 3 березня", "2026-03-03")]
    [InlineData("ru", "по состоянию на 3 марта", "2026-03-03")]
    [InlineData("ru", "по состоянию на 03.03.2026", "2026-03-03")]
    public void dates_are_dates_not_counts(string language, string words, string date)
    {
        var lexicon = Lexicon.For(language);
        Assert.DoesNotContain(SlavicNumbers.In(words, new Span(0, words.Length), lexicon, 100, out _), n => n.Value is not null);
        Assert.Contains(DateOnly.Parse(date), SlavicNumbers.Dates(words, lexicon, ReportDay).Select(d => d.Date));
    }

    [Fact]
    public void the_general_staffs_ukrainian_report_yields_the_cumulative_figure_and_the_days_increase_and_nothing_for_equipment()
    {
        var found = Extractor.Run(UkrainianReport, ReportDay, "unattributed");
        Assert.False(found.Truncated);
        var figures = found.Candidates.Select(c => c.Figure!).ToList();
        Assert.Equal(2, figures.Count);
        var (total, day) = (figures[0], figures[1]);
        Assert.Equal(new Figure("russia", Group.Military, Measure.KilledOrWounded, 1_250_000, null, null, Qualifier.Approximately,
            new Period(Period.WarStart, null), Attribution.Adversary, null), total);
        Assert.Equal(total with { Value = 1_020, Period = new Period(ReportDay, ReportDay) }, day);
        Assert.All(found.Candidates, c => Assert.Equal("Генеральний штаб ЗСУ", c.StatedBy));
        Assert.All(found.Candidates, c => Assert.Equal("особового складу ‒ близько 1 250 000 (+1 020) осіб", c.Quote));
    }

    [Fact]
    public void the_general_staffs_english_report_yields_the_same_two_figures()
    {
        var figures = Extractor.Run(EnglishReport, ReportDay, "unattributed").Candidates.Select(c => c.Figure!).ToList();
        Assert.Equal(2, figures.Count);
        Assert.Equal(("russia", Measure.KilledOrWounded, 1_250_000L, (DateOnly?)null), (figures[0].Party, figures[0].Measure, figures[0].Value!.Value, figures[0].Period.To));
        Assert.Equal(("russia", 1_020L, new Period(ReportDay, ReportDay)), (figures[1].Party, figures[1].Value!.Value, figures[1].Period));
    }

    [Fact]
    public void the_ministrys_daily_claim_is_the_days_figure_and_up_to_is_at_most()
    {
        var candidate = Assert.Single(Extractor.Run(MinistryClaim, ReportDay, "unattributed").Candidates);
        Assert.Equal("Министерство обороны Российской Федерации", candidate.StatedBy);
        Assert.Equal(new Figure("ukraine", Group.Military, Measure.KilledOrWounded, 1_300, null, null, Qualifier.AtMost,
            new Period(ReportDay, ReportDay), Attribution.Adversary, null), candidate.Figure);
        Assert.Equal(candidate.Quote, MinistryClaim[candidate.Start..candidate.End]);
    }

    [Theory]
    [InlineData("За даними ОВА, загинули близько 40 цивільних.", Qualifier.Approximately)]
    [InlineData("За даними ОВА, загинули майже 40 цивільних.", Qualifier.Approximately)]
    [InlineData("За даними ОВА, загинули понад 40 цивільних.", Qualifier.AtLeast)]
    [InlineData("За даними ОВА, загинули щонайменше 40 цивільних.", Qualifier.AtLeast)]
    [InlineData("За даними ОВА, загинули до 40 цивільних.", Qualifier.AtMost)]
    [InlineData("За даними ОВА, загинули орієнтовно 40 цивільних.", Qualifier.Approximately)]
    [InlineData("По данным властей, погибли около 40 мирных жителей.", Qualifier.Approximately)]
    [InlineData("По данным властей, погибли почти 40 мирных жителей.", Qualifier.Approximately)]
    [InlineData("По данным властей, погибли более 40 мирных жителей.", Qualifier.AtLeast)]
    [InlineData("По данным властей, погибли свыше 40 мирных жителей.", Qualifier.AtLeast)]
    [InlineData("По данным властей, погибли не менее 40 мирных жителей.", Qualifier.AtLeast)]
    [InlineData("По данным властей, погибли до 40 мирных жителей.", Qualifier.AtMost)]
    [InlineData("По данным властей, погибли порядка 40 мирных жителей.", Qualifier.Approximately)]
    [InlineData("По данным властей, число погибших выросло до 40 человек.", Qualifier.Exact)]
    public void each_languages_qualifiers_are_read_from_the_words_before_the_number(string sentence, Qualifier qualifier) =>
        Assert.Equal(qualifier, Assert.Single(Extractor.Run(sentence, ReportDay, "unattributed").Candidates).Figure!.Qualifier);

    [Theory]
    [InlineData("Внаслідок обстрілу загинули 5 цивільних, повідомив Олег Синєгубов.", Measure.Killed, "Олег Синєгубов")]
    [InlineData("Внаслідок обстрілу поранено 5 цивільних, повідомив Олег Синєгубов.", Measure.Wounded, "Олег Синєгубов")]
    [InlineData("За словами Дмитра Лубінця, понад 8 тисяч військових перебувають у полоні.", Measure.Captured, "Дмитро Лубінець")]
    [InlineData("За даними Генштабу ЗСУ, 20 тисяч військових вважаються зниклими безвісти.", Measure.Missing, "Генштаб ЗСУ")]
    [InlineData("В результате обстрела погибли 5 мирных жителей, сообщил губернатор Вячеслав Гладков.", Measure.Killed, "Вячеслав Гладков")]
    [InlineData("По словам Сергея Шойгу, потери противника составили 383 тыс. человек убитыми и ранеными.", Measure.KilledOrWounded, "Сергей Шойгу")]
    public void measures_are_read_in_their_inflected_forms_and_speakers_in_the_nominative(string sentence, Measure measure, string speaker)
    {
        var candidate = Assert.Single(Extractor.Run(sentence, ReportDay, "unattributed").Candidates);
        Assert.Equal((measure, speaker), (candidate.Figure!.Measure, candidate.StatedBy));
    }
}

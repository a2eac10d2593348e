// Extraction quality, measured: the corpus under Corpus/<language>/ (articles written for the
// project from public facts, see Corpus/README.md) with the statements a careful reader records
// from each. Two sets per language: "tuning", which the rules may be written beside, and
// "held-out", written apart from them and scored only once they are frozen. Each is reported per
// field; the held-out report gives its totals only, so reading it cannot become tuning on it.
// The goal is 0.9 whole-figure precision and recall on both. It is not reached (README,
// "Extraction quality"): until it is, each set fails below what it measured when the rules were
// last frozen, so the goal stays in view and no change can quietly lose ground.
using System.Globalization;
using System.Text;
using Timeline.Articles;
using Timeline.Articles.Extraction;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Tests;

public sealed class ExtractionQuality(ITestOutputHelper output)
{
    const double Goal = 0.9;

    // What each set measured when the rules were frozen (whole-figure precision, recall; talks precision, recall), less 0.01.
    static readonly Dictionary<string, (double Precision, double Recall, double TalksPrecision, double TalksRecall)> Floors = new()
    {
        // Round 9 froze on 233 tuning articles (held-out set 7 promoted; round 8's rules read all 233 at 0.76 / 0.77, talks 0.80 / 0.88):
        // 0.80 / 0.81, talks 0.83 / 0.92.
        // Round 10 on 257 tuning articles (held-out set 8 promoted as 234-257; round 9's rules read all 257 at 0.79 / 0.80, talks 0.81 / 0.92,
        // period 0.89 / 0.90): 0.81 / 0.82, talks 0.83 / 0.92, period 0.91 / 0.92.
        // Round 11 on 281 (held-out set 9 promoted as 258-281; round 10's rules read all 281 at 0.79 / 0.80, talks 0.76 / 0.86): 0.83 / 0.83, talks 0.93 / 1.00.
        // Round 12 on 305 (held-out set 10 promoted as 282-305; round 11's rules read all 305 at 0.81 / 0.81, talks 0.86 / 0.98): 0.82 / 0.82, talks 0.86 / 0.98.
        // Round 13 on 329 (held-out set 11 promoted as 306-329; round 12's rules read all 329 at 0.80 / 0.80, talks 0.81 / 0.95).
        // Round 13's rules, written beside 001-305 and kept only where 306-329 (validation, totals only) did not fall: 0.82 / 0.81
        // (1357 of 1665 found right, 1668 expected), talks 0.81 / 0.95; validation 0.68 / 0.65 -> 0.69 / 0.66 (121 -> 123 of 187).
        ["en/tuning"] = (0.81, 0.80, 0.80, 0.94),
        // The twelfth held-out set (24 articles by two writers, 135 figures, 6 days of talks), written apart before round 13 and read
        // once by round 12's rules (0.56 / 0.54, talks 0.67 / 0.67), scored once after round 13 froze (r13 and s11 merged at af485b2):
        // 0.57 / 0.55, talks 0.67 / 0.67.
        ["en/held-out"] = (0.56, 0.54, 0.66, 0.66),
        // Ukrainian and Russian: each round's held-out sets, once scored, joined the tuning sets. Held-out set 4 (12 texts each; scored once
        // after round 4 froze at db64fb8: uk 0.63 / 0.63, talks 0 / 0, ru 0.43 / 0.44, talks none found of three) joined them for round 5
        // (uk 54-65, ru 52-63); round 4's rules read all 128 texts at uk 0.91 / 0.91, talks 0.71 / 0.71, ru 0.89 / 0.89, talks 1.00 / 0.57;
        // round 5's rules: uk 0.93 / 0.93, talks 1.00 / 1.00, ru 0.94 / 0.94, talks 0.86 / 0.86. Held-out set 5 joined them for round 6
        // (uk 66-77, ru 64-75); round 5's rules read all 152 texts at uk 0.90 / 0.89, talks 0.90 / 0.90, ru 0.91 / 0.93, talks 0.90 / 0.90;
        // round 6's rules: uk 0.93 / 0.93, talks 1.00 / 1.00, ru 0.95 / 0.96, talks 0.90 / 0.90. Held-out set 6 joined them for round 7
        // (uk 78-89, ru 76-87); round 6's rules read all 176 texts at uk 0.88 / 0.88, talks 1.00 / 1.00, ru 0.93 / 0.94, talks 0.83 / 0.83;
        // round 7's rules: uk 0.89 / 0.88, talks 1.00 / 1.00, ru 0.93 / 0.95, talks 0.83 / 0.83. Held-out set 7 joined them for round 8
        // (uk 90-101, ru 88-99); round 7's rules read all 200 texts at uk 0.84 / 0.84, talks 0.92 / 0.92, ru 0.91 / 0.91, talks 0.77 / 0.77;
        // round 8's rules: uk 0.86 / 0.85, talks 1.00 / 1.00, ru 0.92 / 0.92, talks 0.85 / 0.85.
        // Held-out set 8 joined them for round 9 (uk 102-113, ru 100-111); round 8's rules read all 224 texts at uk 0.83 / 0.82, talks 1.00 / 1.00,
        // ru 0.88 / 0.88, talks 0.86 / 0.86; round 9's rules: uk 0.91 / 0.91, talks 1.00 / 1.00, ru 0.93 / 0.93, talks 0.86 / 0.86.
        // Held-out set 9 joined them for round 10 (uk 114-125, ru 112-123); round 9's rules read all 248 texts at uk 0.89 / 0.89,
        // talks 1.00 / 1.00, ru 0.90 / 0.90, talks 0.80 / 0.80.
        // Round 10's rules: uk 0.90 / 0.91, talks 1.00 / 1.00, ru 0.92 / 0.92, talks 0.80 / 0.80 (uk 114-125 and ru 112-123 unchanged at 0.71 / 0.75, 0.67 / 0.71).
        // Held-out set 10 joined them for round 11 (uk 126-137, ru 124-135); round 10's rules read all 272 texts at uk 0.88 / 0.89,
        // talks 1.00 / 1.00, ru 0.90 / 0.91, talks 0.81 / 0.81.
        // Round 11's rules (written beside uk 1-125 and ru 1-123 only; uk 126-137 and ru 124-135 scored as totals after each change, uk 0.69 / 0.69
        // -> 0.74 / 0.74, ru 0.75 / 0.73 -> 0.77 / 0.73): uk 0.90 / 0.91, talks 1.00 / 1.00, ru 0.92 / 0.92, talks 0.81 / 0.81.
        ["uk/tuning"] = (0.89, 0.90, 0.99, 0.99),
        ["ru/tuning"] = (0.91, 0.91, 0.80, 0.80),
        // The eleventh held-out sets (12 texts each; uk 36 figures, ru 58; 2 days of talks each), written apart before round 11 and read
        // once by round 10's rules (uk 0.53 / 0.58, talks 0.00 / 0.00; ru 0.63 / 0.66, talks 0.50 / 0.50), scored once after round 11
        // froze (af485b2): uk 0.55 / 0.58, talks 0.00 / 0.00; ru 0.67 / 0.69, talks 0.50 / 0.50.
        ["uk/held-out"] = (0.54, 0.57, 0.00, 0.00),
        ["ru/held-out"] = (0.66, 0.68, 0.49, 0.49),
    };
    static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Corpus");
    static readonly string[] Fields = ["statedBy", "party", "group", "measure", "amount", "qualifier", "period", "attribution"];

    [Fact]
    public void the_english_corpus_has_sixty_articles_a_third_of_them_held_out_each_with_its_expectations()
    {
        var tuning = Articles("en", "tuning");
        var heldOut = Articles("en", "held-out");
        Assert.True(tuning.Count + heldOut.Count >= 60, $"{tuning.Count} + {heldOut.Count} articles");
        Assert.True(heldOut.Count >= 20, $"{heldOut.Count} held-out articles");
        foreach (var (set, articles) in new[] { ("tuning", tuning), ("held-out", heldOut) })
            Assert.Equal(articles.Keys.Order(), Expectations("en", set).Select(e => e.File).Distinct().Order());
    }

    [Fact]
    public void english_figures_and_talks_of_the_tuning_set_hold_what_they_measured_on_the_way_to_ninety_percent() =>
        Holds("en/tuning", Score("en", "tuning", showMisses: true));

    [Fact]
    public void english_figures_and_talks_of_the_held_out_set_hold_what_they_measured_on_the_way_to_ninety_percent() =>
        Holds("en/held-out", Score("en", "held-out", showMisses: false));

    [Theory]
    [InlineData("uk")]
    [InlineData("ru")]
    public void the_tuning_set_of_each_slavic_language_holds_what_it_measured_on_the_way_to_ninety_percent(string language) =>
        Holds($"{language}/tuning", Score(language, "tuning", showMisses: true));

    [Theory]
    [InlineData("uk")]
    [InlineData("ru")]
    public void the_held_out_set_of_each_slavic_language_holds_what_it_measured_on_the_way_to_ninety_percent(string language)
    {
        // Between rounds the held-out set may be empty (its texts promoted to tuning, the next ones not yet written): said, not scored as perfect.
        if (Articles(language, "held-out").Count == 0)
        {
            Assert.Empty(Expectations(language, "held-out"));
            output.WriteLine($"{language}/held-out: no articles yet; nothing to score");
            return;
        }
        Holds($"{language}/held-out", Score(language, "held-out", showMisses: false));
    }

    [Theory]
    [InlineData("uk")]
    [InlineData("ru")]
    public void every_slavic_article_is_detected_as_its_language_and_every_quote_is_its_text_between_the_offsets(string language)
    {
        foreach (var set in new[] { "tuning", "held-out" }.Where(s => Directory.Exists(Path.Combine(Root, language, s))))
            foreach (var (name, text) in Articles(language, set))
            {
                Assert.True(Languages.Detect(text) == language, $"{language}/{set}/{name} was detected as {Languages.Detect(text)}");
                var found = Extractor.Run(text, new DateOnly(2025, 1, 1), "unattributed");
                Assert.False(found.Truncated, $"{set}/{name} was read only in part");
                foreach (var c in found.Candidates)
                {
                    Assert.True(c.Quote == text[c.Start..c.End], $"{set}/{name}: quote [{c.Start}..{c.End}] is not the text there");
                    Assert.True(c.Quote.Length <= Text.MaxQuote, $"{set}/{name}: a quote of {c.Quote.Length} characters");
                }
            }
    }

    [Fact]
    public void every_quote_in_the_corpus_is_its_article_between_the_offsets_and_at_most_a_quote_long()
    {
        foreach (var set in new[] { "tuning", "held-out" })
            foreach (var (name, text) in Articles("en", set))
            {
                var found = Extractor.Run(text, new DateOnly(2025, 1, 1), "unattributed");
                // Every article of the corpus is read whole: a limit reached, or a rule that threw, would show here.
                Assert.False(found.Truncated, $"{set}/{name} was read only in part");
                foreach (var c in found.Candidates)
                {
                    Assert.True(c.Quote == text[c.Start..c.End], $"{set}/{name}: quote [{c.Start}..{c.End}] is not the text there");
                    Assert.True(c.Quote.Length <= Text.MaxQuote, $"{set}/{name}: a quote of {c.Quote.Length} characters");
                }
            }
    }

    /// <summary>
    /// Precision and recall of whole figures at each confidence threshold, over the tuning set (the threshold is a choice
    /// tuned like a rule): the page shows candidates from the highest threshold that keeps 95 % of the right ones.
    /// </summary>
    [Fact]
    public void the_page_threshold_is_the_highest_confidence_that_keeps_ninety_five_percent_of_the_right_figures()
    {
        var report = Score("en", "tuning", showMisses: false);
        var right = report.Scored.Count(s => s.Right);
        var lines = new StringBuilder("threshold  candidates  precision  recall  right kept\n");
        var chosen = 0.0;
        foreach (var t in Enumerable.Range(0, 20).Select(i => i * 0.05))
        {
            var kept = report.Scored.Where(s => s.Confidence >= t - 1e-9).ToList();
            var keptRight = kept.Count(s => s.Right);
            lines.AppendLine(CultureInfo.InvariantCulture, $"{t,9:0.00}  {kept.Count,10}  {Ratio(keptRight, kept.Count),9:0.00}  {Ratio(keptRight, report.Expected),6:0.00}  {Ratio(keptRight, right),10:0.00}");
            if (Ratio(keptRight, right) >= 0.95) chosen = t;
        }
        lines.AppendLine(CultureInfo.InvariantCulture, $"page threshold: {chosen:0.00}");
        output.WriteLine(lines.ToString());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "extraction-confidence.txt"), lines.ToString());
        Assert.Equal(Timeline.Articles.Candidates.PageThreshold, chosen, 2);
    }

    internal sealed record Expected(string File, DateOnly Published, string[] Values)
    {
        public bool IsTalks => Values[0] == "talks";
        public bool IsNothing => Values[0] == "-";
    }

    sealed record Scored(double Confidence, bool Right);

    sealed record Report(string Set, int Articles, int Expected, int Found, int Whole, int[] FieldRight,
        int TalksExpected, int TalksFound, int TalksRight, List<Scored> Scored, string Text);

    void Holds(string set, Report r)
    {
        var precision = Ratio(r.Whole, r.Found);
        var recall = Ratio(r.Whole, r.Expected);
        var talksPrecision = Ratio(r.TalksRight, r.TalksFound);
        var talksRecall = Ratio(r.TalksRight, r.TalksExpected);
        var floor = Floors[set];
        output.WriteLine($"{set}: goal {Goal:0.00}; whole figures {precision:0.00} / {recall:0.00}, talks {talksPrecision:0.00} / {talksRecall:0.00}");
        Assert.True(precision >= floor.Precision && recall >= floor.Recall,
            $"{set}: whole-figure precision {precision:0.00}, recall {recall:0.00}, below what was measured at the freeze ({floor.Precision + 0.01:0.00}, {floor.Recall + 0.01:0.00}); the output has the per-field table");
        Assert.True(talksPrecision >= floor.TalksPrecision && talksRecall >= floor.TalksRecall,
            $"{set}: talks precision {talksPrecision:0.00}, recall {talksRecall:0.00}, below what was measured at the freeze");
    }

    // only: a part of the set, as a tuner splits it into what rules are written beside and what checks they carry (round 13
    // kept a rule only if articles 306-329, read by their totals, did not fall); label names that part's report file.
    Report Score(string language, string set, bool showMisses, Func<string, bool>? only = null, string? label = null)
    {
        var text = new StringBuilder();
        void Line(string line) { text.AppendLine(line); }
        var articles = Articles(language, set);
        var expectations = Expectations(language, set);
        int expectedCount = 0, foundCount = 0, whole = 0, talksExpected = 0, talksFound = 0, talksRight = 0;
        var fieldRight = new int[Fields.Length];
        var scored = new List<Scored>();
        if (only is not null)
        {
            articles = articles.Where(a => only(a.Key)).ToDictionary();
            expectations = expectations.Where(e => only(e.File)).ToList();
        }
        foreach (var article in expectations.GroupBy(e => e.File))
        {
            var candidates = Extractor.Extract(articles[article.Key], article.First().Published, "unattributed");
            var expected = article.Where(e => !e.IsTalks && !e.IsNothing).Select(e => e.Values).ToList();
            var found = candidates.Where(c => c.Kind == StatementKind.Figure).Select(c => (Candidate: c, Values: Describe(c))).ToList();
            expectedCount += expected.Count;
            foundCount += found.Count;

            // Each expected figure is paired with a found one: first those giving the same amount (the one agreeing on most fields),
            // then the rest with the found one agreeing on the most fields (at least three), so no figure takes another's partner.
            var unpaired = found.ToList();
            var pairs = new (string[] Expected, (Candidate Candidate, string[] Values)? Found)[expected.Count];
            int Agree(string[] f, string[] e) => Enumerable.Range(0, Fields.Length).Count(i => Same(i, f[i], e[i]));
            for (var pass = 0; pass < 2; pass++)
                for (var k = 0; k < expected.Count; k++)
                {
                    if (pairs[k].Found is not null) continue;
                    var e = expected[k];
                    pairs[k].Expected = e;
                    var best = unpaired.Select(f => (f, Score: Agree(f.Values, e)))
                        .Where(x => pass == 0 ? x.f.Values[4] == e[4] : x.Score >= 3).OrderByDescending(x => x.Score).FirstOrDefault();
                    if (best.f.Candidate is null) continue;
                    unpaired.Remove(best.f);
                    pairs[k].Found = best.f;
                }
            foreach (var (e, pair) in pairs)
            {
                if (pair is not { } f) { if (showMisses) Line($"{article.Key}: missed   {string.Join(" | ", e)}"); continue; }
                var score = Agree(f.Values, e);
                for (var i = 0; i < Fields.Length; i++) if (Same(i, f.Values[i], e[i])) fieldRight[i]++;
                scored.Add(new Scored(f.Candidate.Confidence, score == Fields.Length));
                if (score == Fields.Length) whole++;
                else if (showMisses) Line($"{article.Key}: expected {string.Join(" | ", e)}\n{new string(' ', article.Key.Length)}  found    {string.Join(" | ", f.Values)}");
            }
            foreach (var extra in unpaired)
            {
                scored.Add(new Scored(extra.Candidate.Confidence, false));
                if (showMisses) Line($"{article.Key}: extra    {string.Join(" | ", extra.Values)}  ({extra.Candidate.Confidence:0.00})");
            }

            // Days of talks: the venue and the day, and every assessment with its speaker.
            var days = candidates.Where(c => c.Kind == StatementKind.NegotiationDay).Select(c => Talk(c.Negotiation!)).ToList();
            var expectedDays = article.Where(e => e.IsTalks)
                .Select(e => string.Join(" | ", new[] { e.Values[1], e.Values[2], string.Join("; ", e.Values[3].Split("; ").Order()) }.Select(Normalise))).ToList();
            talksExpected += expectedDays.Count;
            talksFound += days.Count;
            foreach (var day in expectedDays)
                if (days.Remove(day)) talksRight++;
                else if (showMisses) Line($"{article.Key}: talks missed   {day}");
            foreach (var extra in days) if (showMisses) Line($"{article.Key}: talks extra    {extra}");
        }

        Line($"\n{set}: {articles.Count} articles, {expectedCount} figures expected, {foundCount} found, {whole} whole; {talksExpected} days of talks expected, {talksFound} found");
        Line($"{"field",-12} precision  recall");
        for (var i = 0; i < Fields.Length; i++)
            Line($"{Fields[i],-12} {Ratio(fieldRight[i], foundCount),9:0.00}  {Ratio(fieldRight[i], expectedCount),6:0.00}");
        Line($"{"whole figure",-12} {Ratio(whole, foundCount),9:0.00}  {Ratio(whole, expectedCount),6:0.00}");
        Line($"{"talks",-12} {Ratio(talksRight, talksFound),9:0.00}  {Ratio(talksRight, talksExpected),6:0.00}");
        output.WriteLine(text.ToString());
        // Also left beside the test binaries, for reading after a passing run.
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, $"extraction-quality-{label ?? $"{language}-{set}"}.txt"), text.ToString());
        return new Report(set, articles.Count, expectedCount, foundCount, whole, fieldRight, talksExpected, talksFound, talksRight, scored, text.ToString());
    }

    static string[] Describe(Candidate c)
    {
        var f = c.Figure!;
        var amount = f.Qualitative ?? (f.Low is not null ? $"{f.Low}-{f.High}" : $"{f.Value}");
        return [c.StatedBy, f.Party, Vocabulary.Name(f.Group), Vocabulary.Name(f.Measure), amount,
            f.Qualifier is { } q ? Vocabulary.Name(q) : "-", $"{f.Period.From:yyyy-MM-dd}..{f.Period.To:yyyy-MM-dd}", Vocabulary.Name(f.Attribution)];
    }

    static string Talk(NegotiationDay n) =>
        string.Join(" | ", new[] { n.Venue ?? "-", n.Day?.ToString(CultureInfo.InvariantCulture) ?? "-",
            n.Assessments.Count == 0 ? "-" : string.Join("; ", n.Assessments.Select(a => $"{a.By}: {a.Said}").Order()) }.Select(Normalise));

    /// <summary>Names compare as a reader would: case, a leading "the" and the kind of apostrophe aside.</summary>
    static bool Same(int field, string found, string expected) => field == 0 ? Normalise(found) == Normalise(expected) : found == expected;

    internal static string Normalise(string s)
    {
        s = s.Trim().Replace('’', '\'').Replace('“', '"').Replace('”', '"').ToLowerInvariant();
        return s.StartsWith("the ", StringComparison.Ordinal) ? s[4..] : s;
    }

    internal static Dictionary<string, string> Articles(string language, string set)
    {
        var folder = Path.Combine(Root, language, set);
        return Directory.GetFiles(folder).Where(f => f.EndsWith(".txt", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) != "expected.txt")
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => ArchiveArticle.LineBreaksMadePlain(
                f.EndsWith(".html", StringComparison.Ordinal) ? ArchiveArticle.MainText(File.ReadAllText(f)) : File.ReadAllText(f)));
    }

    internal static List<Expected> Expectations(string language, string set) =>
        File.ReadAllLines(Path.Combine(Root, language, set, "expected.txt"))
            .Where(l => l.Trim().Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .Select(p => new Expected(p[0], DateOnly.Parse(p[1], CultureInfo.InvariantCulture), p[2..]))
            .ToList();

    static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;
}

// Extraction quality, measured: the corpus under Corpus/ (news articles written for the project
// from public facts) with the figure statements a careful reader records from each. Reports
// per-field precision and recall, and fails below 0.9 for whole figures (every field right).
using System.Globalization;
using Timeline.Articles.Extraction;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Tests;

public sealed class ExtractionQuality(ITestOutputHelper output)
{
    static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Corpus");
    static readonly string[] Fields = ["statedBy", "party", "group", "measure", "amount", "qualifier", "period"];

    sealed record Expected(string File, DateOnly Published, string[] Values);

    static List<Expected> Corpus() =>
        File.ReadAllLines(Path.Combine(Folder, "expected.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .Select(p => new Expected(p[0], DateOnly.Parse(p[1], CultureInfo.InvariantCulture), p[2..]))
            .ToList();

    static string[] Describe(Candidate c)
    {
        var f = c.Figure!;
        var amount = f.Qualitative ?? (f.Low is not null ? $"{f.Low}-{f.High}" : $"{f.Value}");
        return [c.StatedBy, f.Party, Vocabulary.Name(f.Group), Vocabulary.Name(f.Measure), amount,
            f.Qualifier is { } q ? Vocabulary.Name(q) : "-", $"{f.Period.From:yyyy-MM-dd}..{f.Period.To:yyyy-MM-dd}"];
    }

    [Fact]
    public void the_corpus_has_at_least_twelve_articles_each_with_its_expectations()
    {
        var articles = Directory.GetFiles(Folder, "*.txt").Where(f => !f.EndsWith("expected.txt")).Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.True(articles.Count >= 12, $"{articles.Count} articles");
        Assert.Equal(articles.Order(), Corpus().Select(e => e.File).Distinct().Order());
    }

    [Fact]
    public void figures_are_extracted_with_at_least_ninety_percent_precision_and_recall()
    {
        var report = new System.Text.StringBuilder();
        void Line(string line) { output.WriteLine(line); report.AppendLine(line); }
        var corpus = Corpus();
        int expectedCount = 0, foundCount = 0, whole = 0;
        var fieldRight = new int[Fields.Length];
        foreach (var article in corpus.GroupBy(e => e.File))
        {
            var text = File.ReadAllText(Path.Combine(Folder, article.Key + ".txt"));
            var expected = article.Where(e => e.Values[0] != "-").Select(e => e.Values).ToList();
            var found = Extractor.Extract(text, article.First().Published, "unattributed")
                .Where(c => c.Kind == StatementKind.Figure).Select(Describe).ToList();
            expectedCount += expected.Count;
            foundCount += found.Count;

            // Each expected figure is paired with the found one agreeing on the most fields (at least the amount or three fields).
            var unpaired = found.ToList();
            foreach (var e in expected)
            {
                var best = unpaired.Select(f => (f, Score: Enumerable.Range(0, Fields.Length).Count(i => f[i] == e[i])))
                    .Where(x => x.f[4] == e[4] || x.Score >= 3).OrderByDescending(x => x.Score).FirstOrDefault();
                if (best.f is null) { Line($"{article.Key}: missed   {string.Join(" | ", e)}"); continue; }
                unpaired.Remove(best.f);
                for (var i = 0; i < Fields.Length; i++) if (best.f[i] == e[i]) fieldRight[i]++;
                if (best.Score == Fields.Length) whole++;
                else Line($"{article.Key}: expected {string.Join(" | ", e)}\n{new string(' ', article.Key.Length)}  found    {string.Join(" | ", best.f)}");
            }
            foreach (var extra in unpaired) Line($"{article.Key}: extra    {string.Join(" | ", extra)}");
        }

        Line($"\n{corpus.Select(e => e.File).Distinct().Count()} articles, {expectedCount} figures expected, {foundCount} found");
        Line($"{"field",-12} precision  recall");
        for (var i = 0; i < Fields.Length; i++)
            Line($"{Fields[i],-12} {Ratio(fieldRight[i], foundCount),9:0.00}  {Ratio(fieldRight[i], expectedCount),6:0.00}");
        var precision = Ratio(whole, foundCount);
        var recall = Ratio(whole, expectedCount);
        Line($"{"whole figure",-12} {precision,9:0.00}  {recall,6:0.00}");
        // Also left beside the test binaries, for reading after a passing run.
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "extraction-quality.txt"), report.ToString());
        Assert.True(precision >= 0.9 && recall >= 0.9, $"whole-figure precision {precision:0.00}, recall {recall:0.00}; see the output for each miss");
    }

    static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;
}

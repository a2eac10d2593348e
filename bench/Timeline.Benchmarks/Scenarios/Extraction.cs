// The extractor's speed, in process: characters a second over the whole English corpus, the
// hostile 200,000-character sentence, and the same text at four lengths to show the cost grows
// with the length and no faster. Its floor is one pass of the same text through a linear
// pattern (the paragraph split every reading starts with).
using System.Text.RegularExpressions;
using Timeline.Articles;
using Timeline.Articles.Extraction;

namespace Timeline.Benchmarks;

public static partial class Scenarios
{
    public static IEnumerable<Result> Extraction(BenchOptions o)
    {
        var corpus = CorpusTexts();
        if (corpus.Count == 0) return [new("extraction", "corpus chars/s", 0, null, "chars/s", "linear", Failed: true, Note: "corpus not found")];
        var rounds = o.Quick ? 3 : 10;
        var published = new DateOnly(2025, 6, 1);
        var characters = corpus.Sum(t => t.Length);
        Console.WriteLine($"extraction: {corpus.Count} articles, {characters:N0} characters, {rounds} rounds …");

        double Rate(IReadOnlyList<string> texts, Action<string> read)
        {
            var seconds = new List<double>();
            for (var r = 0; r < rounds; r++)
            {
                var clock = Stopwatch.StartNew();
                foreach (var t in texts) read(t);
                seconds.Add(clock.Elapsed.TotalSeconds);
            }
            return texts.Sum(t => t.Length) / Stats.Median(seconds);
        }
        var lines = new Regex(@"[^\r\n]+", RegexOptions.Compiled);
        // No cap on candidates here: a reading cut short would look faster than it is.
        void Extract(string t) => Extractor.Run(t, published, "bench", new ExtractionLimits(TimeSpan.FromMinutes(1), 200, 100_000));
        void Pass(string t) { foreach (Match _ in lines.Matches(t)) { } }

        var results = new List<Result> { new("extraction", "corpus chars/s", Rate(corpus, Extract), Rate(corpus, Pass), "chars/s", "report") };

        var hostile = "Officials said " + string.Join(", ", Enumerable.Range(1, 10_000).Select(i => $"{i:N0} killed")) + ".";
        results.Add(new("extraction", "200,000-char sentence chars/s", Rate([hostile], Extract), Rate([hostile], Pass), "chars/s", "≤ 2 s per article"));

        // The whole corpus joined and cut to four lengths: a linear reader keeps its rate as the text grows.
        var joined = string.Join("\n", corpus);
        foreach (var length in new[] { 25_000, 50_000, 100_000, 200_000 })
        {
            var text = string.Concat(Enumerable.Repeat(joined, length / joined.Length + 1))[..length];
            results.Add(new("extraction", $"{length / 1000}k-char article chars/s", Rate([text], Extract), Rate([text], Pass), "chars/s", "flat as length grows"));
        }
        foreach (var r in results) Console.WriteLine($"  {r.Metric}: {r.Service:N0} (one linear pass {r.Baseline:N0})");
        return results;
    }

    /// <summary>The English corpus of the tests, both sets, as the archive would hold it.</summary>
    static List<string> CorpusTexts()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "tests", "Timeline.Tests", "Corpus"))) dir = dir.Parent;
        if (dir is null) return [];
        return Directory.GetFiles(Path.Combine(dir.FullName, "tests", "Timeline.Tests", "Corpus", "en"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".txt", StringComparison.Ordinal) && !f.EndsWith("expected.txt", StringComparison.Ordinal)) || f.EndsWith(".html", StringComparison.Ordinal))
            .Select(f => ArchiveArticle.LineBreaksMadePlain(f.EndsWith(".html", StringComparison.Ordinal) ? ArchiveArticle.MainText(File.ReadAllText(f)) : File.ReadAllText(f)))
            .ToList();
    }
}

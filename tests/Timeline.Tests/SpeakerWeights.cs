// The speaker ranking's weights, learned: every figure of the English tuning corpus whose amount the
// extractor found, with the speakers that may have stated it (SpeakerChoice.Options), labelled by whether
// each is the speaker the annotation names; a logistic regression (ML.NET) weighs their facts. The
// weights shipped in SpeakerChoice must be what this training gives, and the learned choice is compared
// with the written rules by cross-validation over articles (trained on four fifths, scored on the rest).
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Timeline.Articles.Extraction;
using Timeline.Statements;

namespace Timeline.Tests;

public sealed class SpeakerWeights(ITestOutputHelper output)
{
    [Fact]
    public void the_shipped_speaker_weights_are_what_the_tuning_corpus_teaches()
    {
        var (weights, bias) = Train(Choices("en", "tuning"));
        output.WriteLine($"learned: [{string.Join(", ", weights.Select(w => w.ToString("0.###", CultureInfo.InvariantCulture) + "f"))}], bias {bias.ToString("0.###", CultureInfo.InvariantCulture)}f");
        output.WriteLine(string.Join("\n", SpeakerChoice.Features.Zip(weights, (f, w) => $"{f,-20} {w,7:0.000}")));
        var shipped = SpeakerChoice.Learned;
        Assert.Equal(SpeakerChoice.Features.Length, shipped.Weights.Length);
        for (var i = 0; i < weights.Length; i++)
            Assert.True(Math.Abs(weights[i] - shipped.Weights[i]) < 0.01, $"{SpeakerChoice.Features[i]}: shipped {shipped.Weights[i]}, learned {weights[i]}");
        Assert.True(Math.Abs(bias - shipped.Bias) < 0.01, $"bias: shipped {shipped.Bias}, learned {bias}");
    }

    [Fact]
    public void the_speaker_used_by_default_is_the_one_that_chose_better_on_articles_it_was_not_trained_on()
    {
        var choices = Choices("en", "tuning");
        var articles = choices.Select(c => c.Article).Distinct().Order(StringComparer.Ordinal).ToList();
        int rulesRight = 0, learnedRight = 0;
        const int folds = 5;
        for (var fold = 0; fold < folds; fold++)
        {
            var test = articles.Where((_, i) => i % folds == fold).ToHashSet();
            var (weights, bias) = Train(choices.Where(c => !test.Contains(c.Article)).ToList());
            foreach (var c in choices.Where(c => test.Contains(c.Article)))
            {
                rulesRight += c.Right[c.Ruled] ? 1 : 0;
                var best = Enumerable.Range(0, c.Facts.Count).MaxBy(i => SpeakerChoice.Score(c.Facts[i], weights, bias));
                learnedRight += c.Right[best] ? 1 : 0;
            }
        }
        var measured = $"{choices.Count} figures with more than one possible speaker and the right one among them; right on unseen articles: rules {rulesRight}, learned {learnedRight}";
        output.WriteLine(measured);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "speaker-choice.txt"), measured + "\n");
        // Better means more than noise: a few figures in a hundred and fifty go either way from one training to the next.
        var learnedBetter = learnedRight - rulesRight >= Math.Max(3, choices.Count / 50);
        Assert.Equal(learnedBetter, SpeakerChoice.Default == SpeakerChoice.Learned);
    }

    /// <summary>A figure whose speaker had to be chosen: each option's facts, whether it is the annotated one, and which the rules take.</summary>
    sealed record Choice(string Article, List<float[]> Facts, List<bool> Right, int Ruled);

    sealed class Row
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    static List<Choice> Choices(string language, string set)
    {
        var articles = ExtractionQuality.Articles(language, set);
        var choices = new List<Choice>();
        foreach (var article in ExtractionQuality.Expectations(language, set).Where(e => !e.IsTalks && !e.IsNothing).GroupBy(e => e.File))
        {
            var said = article.ToLookup(e => e.Values[4], e => ExtractionQuality.Normalise(e.Values[0]));
            var found = Extractor.Run(articles[article.Key], article.First().Published, "unattributed", weighing: SpeakerChoice.Observed);
            foreach (var c in found.Candidates.Where(c => c.Kind == StatementKind.Figure && c.SpeakerOptions is { Count: > 1 }))
            {
                var speakers = said[Amount(c.Figure!)].ToHashSet();
                var options = c.SpeakerOptions!;
                var right = options.Select(o => speakers.Contains(ExtractionQuality.Normalise(o.Speaker.Name))).ToList();
                if (!right.Contains(true) || !right.Contains(false)) continue;
                var ruled = options.ToList().FindIndex(o => o.Speaker.Name == c.StatedBy);
                choices.Add(new Choice(article.Key, options.Select(o => o.Facts).ToList(), right, Math.Max(ruled, 0)));
            }
        }
        return choices;
    }

    static (float[] Weights, float Bias) Train(List<Choice> choices)
    {
        var ml = new MLContext(seed: 0);
        var rows = choices.SelectMany(c => c.Facts.Zip(c.Right, (f, r) => new Row { Features = f, Label = r })).ToList();
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, SpeakerChoice.Features.Length);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L2Regularization = 0.1f, NumberOfThreads = 1,
        });
        var model = trainer.Fit(data).Model.SubModel;
        return (model.Weights.ToArray(), model.Bias);
    }

    static string Amount(Figure f) => f.Qualitative ?? (f.Low is not null ? $"{f.Low}-{f.High}" : $"{f.Value}");
}

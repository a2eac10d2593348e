// Which of the speakers around a figure stated it. Each one that could have is described by a few
// plain facts (in the number's clause, before or after it, how far, a person or an organisation, a
// country's name, named in this sentence or borrowed from one before) and scored by a weighted sum;
// the highest score wins. The weights are learned, not written: SpeakerWeights in the tests trains a
// logistic regression (ML.NET) on the English tuning corpus and checks that the ones shipped here are
// what that training gives today.
namespace Timeline.Articles.Extraction;

public static class SpeakerChoice
{
    public static readonly string[] Features =
    [
        "in-clause", "in-sentence", "borrowed", "before-number", "distance", "closest-in-sentence",
        "person", "reference", "single-word", "country", "titled", "organisation", "others-named", "mentions", "rules-choice", "sentences-away", "later", "same-paragraph", "author",
    ];

    // Learned from Corpus/en/tuning (see SpeakerWeights in the tests, which prints them after training).
    public static readonly Weighing Learned = new(
        [1.935f, 3.739f, 0f, 2.01f, -0.688f, -1.589f, 0.723f, 0f, -0.22f, -4.129f, 0.296f, 1.109f, -1.117f, 1.128f, 3.943f, 0.029f, 2.684f, 0f, 0f], -6.84f);

    // No weights: the choice the written rules make, with no options described (nothing to weigh them).
    public static readonly Weighing Written = new([], 0f);

    // The written rules' choice, with each figure's options described for training (SpeakerWeights).
    public static readonly Weighing Observed = new([], 0f);

    // Whether figures' options are worth describing: there are weights to weigh them, or a trainer reads them.
    public static bool Describes(Weighing w) => w.Weights.Length > 0 || ReferenceEquals(w, Observed);

    // What extraction uses unless told otherwise: the written rules. Measured on 2026-12-04, the learned weights chose
    // as well as the rules and no better (README, "Extraction quality"); the speakers it gets wrong are not among the options.
    public static Weighing Default => Written;

    public sealed record Weighing(float[] Weights, float Bias);

    // One speaker that may have stated the number at number, described for the ranking.
    public sealed record Option(Speaker Speaker, float[] Facts);

    // The speakers that may have stated the number: those its sentence names and the one borrowed from before
    // it. ruled is the one the written rules choose, itself a fact the weights may lean on.
    public static List<Option> Options(List<Speaker> own, Speaker? nearby, Speaker? ruled, Span clause, Span number, IReadOnlyDictionary<string, int> mentions,
        IEnumerable<(Speaker Speaker, int Away, bool SameParagraph, bool Author)> around)
    {
        var options = new List<Option>(own.Count + 1);
        var closest = own.Count == 0 ? null : own.MinBy(s => Distance(s, number));
        foreach (var s in own)
        {
            var inClause = s.At.Start >= clause.Start && s.At.End <= clause.End;
            options.Add(new Option(s, Describe(s, inClause, true, false, s.At.End <= number.Start, Distance(s, number), ReferenceEquals(s, closest),
                own.Count - 1, mentions, ReferenceEquals(s, ruled))));
        }
        if (nearby is not null && own.All(s => s.Name != nearby.Name))
            options.Add(new Option(nearby, Describe(nearby, false, false, true, true, 0, false, own.Count, mentions, ReferenceEquals(nearby, ruled))));
        foreach (var (s, away, same, author) in around)
            if (options.All(o => o.Speaker.Name != s.Name))
                options.Add(new Option(s, Describe(s, false, false, false, away < 0, 0, false, own.Count, mentions, false, away, same, author)));
        return options;
    }

    // The option the weights score highest, or null when there is none.
    public static Speaker? Choose(List<Option> options, Speaker? ruled, Weighing weighing)
    {
        if (options.Count == 0 || weighing.Weights.Length == 0) return ruled;
        if (weighing.Weights.Length != Features.Length) throw new InvalidOperationException("the speaker weights do not match the features");
        return options.MaxBy(o => Score(o.Facts, weighing.Weights, weighing.Bias))!.Speaker;
    }

    public static float Score(float[] facts, float[] weights, float bias)
    {
        var sum = bias;
        for (var i = 0; i < facts.Length; i++) sum += facts[i] * weights[i];
        return sum;
    }

    static float[] Describe(Speaker s, bool inClause, bool inSentence, bool borrowed, bool before, int distance, bool closest, int others,
        IReadOnlyDictionary<string, int> mentions, bool ruled, int away = 0, bool sameParagraph = true, bool author = false) =>
    [
        inClause ? 1 : 0, inSentence ? 1 : 0, borrowed ? 1 : 0, before ? 1 : 0,
        // Characters between the speaker and the number, in hundreds, capped: past a few hundred it no longer tells.
        Math.Min(distance, 500) / 100f, closest ? 1 : 0,
        s.IsPerson ? 1 : 0, s.IsReference ? 1 : 0, s.Single ? 1 : 0, Country(s) ? 1 : 0, s.Title.Length > 0 ? 1 : 0,
        Speakers.IsOrganisation(s.Name) ? 1 : 0, Math.Min(others, 4), MathF.Log(1 + mentions.GetValueOrDefault(s.Name)), ruled ? 1 : 0,
        Math.Abs(away), away > 0 ? 1 : 0, sameParagraph ? 1 : 0, author ? 1 : 0,
    ];

    static int Distance(Speaker s, Span number) => s.At.End <= number.Start ? number.Start - s.At.End : Math.Max(0, s.At.Start - number.End + 1);

    static bool Country(Speaker s) => s.Single && Parties.In(s.Name) is not null;
}

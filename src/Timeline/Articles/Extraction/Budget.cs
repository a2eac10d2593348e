// What one article may cost the server, whatever it contains: a time budget, a cap on the numbers
// read per sentence and on the candidates kept, the caller's cancellation, and a match timeout on
// every pattern. Past any of them the rest of the text yields nothing and the answer says so.
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Timeline.Articles.Extraction;

public sealed record ExtractionLimits(TimeSpan Time, int NumbersPerSentence, int Candidates)
{
    public static readonly ExtractionLimits Default = new(TimeSpan.FromSeconds(1.5), 200, 500);
}

// Thrown inside the extractor when its budget is spent; the extractor answers with what it found until then.
sealed class BudgetSpent : Exception;

sealed class Budget(ExtractionLimits limits, CancellationToken ct)
{
    readonly long started = Stopwatch.GetTimestamp();

    public ExtractionLimits Limits => limits;

    // Throws when the time is up (BudgetSpent) or the caller has gone (OperationCanceledException).
    public void Check()
    {
        ct.ThrowIfCancellationRequested();
        if (Stopwatch.GetElapsedTime(started) > limits.Time) throw new BudgetSpent();
    }
}

static class Patterns
{
    // Every pattern of the extractor gives up after this long on one match: none may run away on hostile text.
    public const int TimeoutMs = 1000;

    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(TimeoutMs);

    // A pattern built at run time, with the same timeout.
    public static Regex Build(string pattern, RegexOptions options = RegexOptions.None) => new(pattern, options | RegexOptions.CultureInvariant, Timeout);
}

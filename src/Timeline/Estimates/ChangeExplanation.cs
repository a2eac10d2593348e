// What a change amounts to, as pure functions: the difference between two figures (absolute and
// relative), and what one statement did to its source's figure in a series ("raised its figure
// from 43,000 to 46,000", "withdrawn"). Unit-tested by calling them.
using System.Globalization;
using Timeline.Statements;

namespace Timeline.Estimates;

// A number's move: how much, and how much relative to where it was (null from zero).
public sealed record Delta(long Absolute, double? Relative);

// Two figures compared: one value to another as Value; anything with a range as its two ends
// (a single value being both). Null where either side is words only.
public sealed record AmountChange(Delta? Value, Delta? Low, Delta? High);

public sealed record RangeChange(Delta Low, Delta High);

public enum Effect { NewSource, Raised, Lowered, Restated, Corrected, MovedIn, MovedOut, Withdrawn }

public static class ChangeExplanation
{
    public static Delta DeltaOf(long before, long after) =>
        new(after - before, before == 0 ? null : Math.Round((double)(after - before) / before, 4));

    // The figure as numbers: (value, value) or (low, high); null for words only.
    public static (long Low, long High, bool Single)? Amount(FigureEntry? e) =>
        e is null ? null
        : e.Value is { } v ? (v, v, true)
        : e.Low is { } l && e.High is { } h ? (l, h, false)
        : null;

    public static AmountChange? Compare(FigureEntry? before, FigureEntry? after)
    {
        if (Amount(before) is not { } a || Amount(after) is not { } b) return null;
        return a.Single && b.Single
            ? new AmountChange(DeltaOf(a.Low, b.Low), null, null)
            : new AmountChange(null, DeltaOf(a.Low, b.Low), DeltaOf(a.High, b.High));
    }

    public static RangeChange? Compare(Range? before, Range? after) =>
        before is null || after is null ? null : new RangeChange(DeltaOf(before.Low, after.Low), DeltaOf(before.High, after.High));

    // What the fact did to its source's figure in the series, from that figure just before
    // and just after it (each null when the source had none there).
    public static (Effect Effect, string Explanation) Explain(Fact f, string seriesId, FigureEntry? before, FigureEntry? after)
    {
        if (f.Change == Change.Retracted)
            return (Effect.Withdrawn, after is null ? "withdrawn; the source has no figure here now" : $"withdrawn; the source's figure is {Describe(after)} again");
        if (f.Change == Change.Corrected)
        {
            if (f.Series?.Id != seriesId)
                return (Effect.MovedOut, after is null ? "corrected out of this series" : $"corrected out of this series; the source's figure is {Describe(after)} again");
            if (before?.StatementId == f.StatementId)
                return (Effect.Corrected, $"corrected from {Describe(before)} to {Describe(after)}");
            return (Effect.MovedIn, before is null ? $"corrected into this series: {Describe(after)}" : $"corrected into this series: {Describe(after)}, was {Describe(before)}");
        }
        if (before is null) return (Effect.NewSource, $"new source: {Describe(after)}");
        var (was, now) = (Amount(before), Amount(after));
        if (was is { } w && now is { } n && (w.Low, w.High) != (n.Low, n.High))
            return (w.High + w.Low < n.High + n.Low ? Effect.Raised : Effect.Lowered,
                $"{(w.High + w.Low < n.High + n.Low ? "raised" : "lowered")} its figure from {Describe(before)} to {Describe(after)}");
        return Same(before, after)
            ? (Effect.Restated, $"restated its figure of {Describe(after)}")
            : (Effect.Restated, $"restated its figure as {Describe(after)}, was {Describe(before)}");
    }

    static bool Same(FigureEntry a, FigureEntry? b) =>
        b is not null && (a.Value, a.Low, a.High, a.Qualifier, a.Qualitative) == (b.Value, b.Low, b.High, b.Qualifier, b.Qualitative);

    // "about 55,000", "at least 1,100,000", "400,000–440,000", "“a large number”".
    public static string Describe(FigureEntry? e)
    {
        if (e is null) return "none";
        var words = e.Qualifier switch
        {
            Qualifier.Approximately => "about ",
            Qualifier.AtLeast => "at least ",
            Qualifier.AtMost => "at most ",
            _ => "",
        };
        if (e.Value is { } v) return words + N(v);
        if (e.Low is { } l && e.High is { } h) return $"{words}{N(l)}–{N(h)}";
        return $"“{e.Qualitative}”";
    }

    static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

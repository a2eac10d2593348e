// A stated position: a named speaker warning, insisting, demanding, vowing or suggesting that
// something is so or will be — the words after the verb are its summary.
using System.Text.RegularExpressions;

namespace Timeline.Articles.Extraction;

public static partial class Positions
{
    // The summary of the position a sentence states, or null.
    public static string? In(string sentence)
    {
        var m = Stance().Match(sentence);
        if (!m.Success) return null;
        var said = m.Groups["what"].Value.Trim();
        if (m.Groups["verb"].Value.StartsWith("said", StringComparison.OrdinalIgnoreCase) && !Modal().IsMatch(said)) return null;
        if (said.Length < 12) return null;
        said = char.ToUpperInvariant(said[0]) + said[1..];
        return said.EndsWith('.') ? said : said + ".";
    }

    // A stated position: a verb of warning, insisting, demanding or vowing, and what follows it.
    [GeneratedRegex(@"\b(?<verb>warned|warns|insisted|insists|demanded|demands|vowed|vows|suggest|suggests|suggested|argued|argues|rejected|threatened|pledged|called for|said|says)\s+(?:that\s+)?(?<what>[^""“].+)$", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Stance();

    [GeneratedRegex(@"\b(?:will|would|must|should|cannot|can't|won't|is ready|are ready|never)\b", RegexOptions.None, Patterns.TimeoutMs)]
    private static partial Regex Modal();
}

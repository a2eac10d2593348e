// The kebab-case names of our enums, as written on the wire ("killed-or-wounded").
using System.Text.Json;

namespace Timeline.Http;

public static class Vocabulary
{
    public static string Name<T>(T value) where T : struct, Enum => Kebab(value.ToString());

    public static IEnumerable<string> Names<T>() where T : struct, Enum => Enum.GetValues<T>().Select(v => Name(v));

    public static bool TryParse<T>(string text, out T value) where T : struct, Enum
    {
        foreach (var v in Enum.GetValues<T>())
            if (string.Equals(Name(v), text.Trim(), StringComparison.OrdinalIgnoreCase)) { value = v; return true; }
        value = default;
        return false;
    }

    static string Kebab(string pascal) => JsonNamingPolicy.KebabCaseLower.ConvertName(pascal);
}

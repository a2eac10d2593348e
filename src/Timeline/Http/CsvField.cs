// One CSV field as the CSV answers write it: always quoted (RFC 4180), so a separator a spreadsheet
// locale splits on (';', tab) never breaks a field, and guarded so no field runs as a formula.
using System.Text.RegularExpressions;

namespace Timeline.Http;

public static partial class CsvField
{
    public static string Escape(string value)
    {
        // OWASP's trigger characters. A number as the service writes it ("-3000", "-0.25", "1E-05") keeps
        // its sign: the writer sees strings, not columns, but digits alone compute nothing, and a
        // spreadsheet must still read a fall in the "absolute" column as a negative number.
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0]) && !Number().IsMatch(value)) value = "'" + value;
        return $"\"{value.Replace("\"", "\"\"")}\"";
    }

    // A header row: the column names, each quoted like every other field.
    public static string Header(string names) => string.Join(',', names.Split(',').Select(Escape));

    [GeneratedRegex(@"^-?\d+(\.\d+)?(E[+-]?\d+)?$", RegexOptions.NonBacktracking)]
    private static partial Regex Number();
}

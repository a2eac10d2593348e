// One CSV field as the CSV answers write it.
namespace Timeline.Http;

public static class CsvField
{
    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets never run it as a formula.</summary>
    public static string Escape(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0]) && !long.TryParse(value, out _) && !double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _)) value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}

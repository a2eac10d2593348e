// Reading one field of a request — a body property or a query parameter — into its value, or
// naming what is wrong with it. Every endpoint reads text, dates, vocabularies and limits the
// same way, so the same mistake gets the same message everywhere.
using System.Globalization;

namespace Timeline.Http;

public static class Fields
{
    static readonly DateOnly Earliest = new(1900, 1, 1);

    public const string KnownAtExpected = "must be an RFC 3339 instant (2026-02-23T12:00:00Z) or a basis (a global sequence number)";

    // The system-time axis, knownAt and its kin: a basis (a global sequence) or an RFC
    // 3339 instant; null for both (with an error) when neither.
    public static (long? Basis, DateTimeOffset? Instant) KnownAt(string value, FieldErrors errors, string field = "knownAt")
    {
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var basis)) return (basis, null);
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant) && value.Contains('T'))
            return (null, instant.ToUniversalTime());
        errors.Add(field, KnownAtExpected);
        return (null, null);
    }

    // Trimmed text of at most max characters; blank counts as absent.
    public static string? Text(string? value, string field, int max, FieldErrors errors, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(field, "is required");
            return null;
        }
        var trimmed = value.Trim();
        if (trimmed.Length > max)
        {
            errors.Add(field, $"must be at most {max} characters");
            return null;
        }
        if (HasControlCharacters(trimmed, allowLineBreaks: true))
        {
            errors.Add(field, "must not contain control characters (line breaks and tabs aside)");
            return null;
        }
        return trimmed;
    }

    // An absolute http(s) URL, stored as the URL parser writes it (Uri.AbsoluteUri). Quotes, angle
    // brackets, backslashes, whitespace and control characters are refused outright rather than
    // escaped: a URL that needs them is not one a source was published at.
    public static string? Url(string? value, string field, FieldErrors errors, bool required = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required) errors.Add(field, "is required");
            return null;
        }
        if (value.Length > 2000)
        {
            errors.Add(field, "must be at most 2000 characters");
            return null;
        }
        if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '\'' or '<' or '>' or '\\' or '`'))
        {
            errors.Add(field, "must not contain spaces, quotes, angle brackets, backslashes or control characters");
            return null;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add(field, "must be an absolute http or https URL (no user name or password in it)");
            return null;
        }
        return uri.AbsoluteUri;
    }

    // A date written YYYY-MM-DD, from 1900 on. With latest, later dates are refused (a statement cannot be
    // made more than a day from now); without, any date will do (a question may be asked about any day).
    public static DateOnly? Date(string? value, string field, FieldErrors errors, bool required = false, DateOnly? latest = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(field, "is required");
            return null;
        }
        if (!TryParseIsoDate(value, out var date))
        {
            errors.Add(field, "must be a date written YYYY-MM-DD");
            return null;
        }
        if (date < Earliest) errors.Add(field, "must not be before 1900-01-01");
        else if (latest is { } last && date > last) errors.Add(field, "must not be more than a day in the future");
        else return date;
        return null;
    }

    // YYYY-MM-DD and nothing else, as DateOnly.TryParseExact with that format and the invariant culture
    // reads it, without its general format machinery (a batch reads thousands of dates).
    public static bool TryParseIsoDate(ReadOnlySpan<char> value, out DateOnly date)
    {
        date = default;
        if (value.Length != 10 || value[4] != '-' || value[7] != '-') return false;
        if (!Digits(value[..4], out var year) || !Digits(value.Slice(5, 2), out var month) || !Digits(value.Slice(8, 2), out var day)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;

        static bool Digits(ReadOnlySpan<char> s, out int n)
        {
            n = 0;
            foreach (var c in s)
            {
                if (c is < '0' or > '9') return false;
                n = n * 10 + (c - '0');
            }
            return true;
        }
    }

    // The optional from/to query parameters of a date range, from not after to.
    public static (DateOnly? From, DateOnly? To) DateRange(string? from, string? to, FieldErrors errors)
    {
        var fromDate = Date(from, "from", errors);
        var toDate = Date(to, "to", errors);
        if (fromDate > toDate) errors.Add("from", "must not be after to");
        return (fromDate, toDate);
    }

    // One word of a vocabulary (Vocabulary), naming the words allowed when it is not one.
    public static T? Enum<T>(string? value, string field, FieldErrors errors, bool required = false) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(field, $"is required: one of {string.Join(", ", Vocabulary.Names<T>())}");
            return null;
        }
        if (Vocabulary.TryParse<T>(value, out var parsed)) return parsed;
        errors.Add(field, $"\"{Truncate(value)}\" is not one of {string.Join(", ", Vocabulary.Names<T>())}");
        return null;
    }

    // A page size: fallback when absent, 1 to max when given.
    public static int Limit(int? value, int fallback, int max, FieldErrors errors, string field = "limit")
    {
        if (value is null) return fallback;
        if (value is >= 1 && value <= max) return value.Value;
        errors.Add(field, $"must be between 1 and {max}");
        return fallback;
    }

    // NUL and the other C0/C1 controls, which no statement needs and PostgreSQL's text refuses (NUL).
    public static bool HasControlCharacters(string value, bool allowLineBreaks = false) =>
        value.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'));

    static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}

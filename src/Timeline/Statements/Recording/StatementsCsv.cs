// Statements from a spreadsheet: a CSV file whose header row names, by their JSON paths, the
// statement fields its columns hold (read with Sep, a maintained CSV library). Rows are numbered
// as a spreadsheet numbers them — the header is row 1 — so an error names the row and column
// a person sees ("rows[3].figure.value").
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using nietras.SeparatedValues;
using Timeline.Http;

namespace Timeline.Statements.Recording;

public static partial class StatementsCsv
{
    // In cells that hold a list (parties, open issues), items are separated by this.
    public const char ListSeparator = ';';

    static readonly Dictionary<string, Action<StatementRequest, string, Action<string>>> Setters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kind"] = (r, v, _) => r.Kind = v,
        ["statedOn"] = (r, v, _) => r.StatedOn = v,
        ["statedBy"] = (r, v, _) => r.StatedBy = v,
        ["quote"] = (r, v, _) => r.Quote = v,
        ["source.title"] = (r, v, _) => Source(r).Title = v,
        ["source.url"] = (r, v, _) => Source(r).Url = v,
        ["source.publisher"] = (r, v, _) => Source(r).Publisher = v,
        ["source.publishedOn"] = (r, v, _) => Source(r).PublishedOn = v,
        ["figure.party"] = (r, v, _) => Figure(r).Party = v,
        ["figure.group"] = (r, v, _) => Figure(r).Group = v,
        ["figure.measure"] = (r, v, _) => Figure(r).Measure = v,
        ["figure.value"] = (r, v, bad) => Figure(r).Value = Whole(v, bad),
        ["figure.low"] = (r, v, bad) => Figure(r).Low = Whole(v, bad),
        ["figure.high"] = (r, v, bad) => Figure(r).High = Whole(v, bad),
        ["figure.qualifier"] = (r, v, _) => Figure(r).Qualifier = v,
        ["figure.qualitative"] = (r, v, _) => Figure(r).Qualitative = v,
        ["figure.period.from"] = (r, v, _) => Period(r).From = v,
        ["figure.period.to"] = (r, v, _) => Period(r).To = v,
        ["figure.attribution"] = (r, v, _) => Figure(r).Attribution = v,
        ["position.party"] = (r, v, _) => Position(r).Party = v,
        ["position.summary"] = (r, v, _) => Position(r).Summary = v,
        ["negotiation.talks"] = (r, v, _) => Negotiation(r).Talks = v,
        ["negotiation.venue"] = (r, v, _) => Negotiation(r).Venue = v,
        ["negotiation.heldOn"] = (r, v, _) => Negotiation(r).HeldOn = v,
        ["negotiation.day"] = (r, v, bad) => Negotiation(r).Day = (int?)Whole(v, bad, int.MaxValue),
        ["negotiation.parties"] = (r, v, _) => Negotiation(r).Parties = List(v),
        ["negotiation.openIssues"] = (r, v, _) => Negotiation(r).OpenIssues = List(v),
        ["article.id"] = (r, v, bad) => Article(r).Id = Guid.TryParse(v, out var id) ? id : Bad<Guid?>(bad, "must be an article id (a UUID)"),
        ["article.start"] = (r, v, bad) => Article(r).Start = (int?)Whole(v, bad, int.MaxValue),
        ["article.end"] = (r, v, bad) => Article(r).End = (int?)Whole(v, bad, int.MaxValue),
    };

    // The columns a header may name, in the order the documentation lists them.
    public static IEnumerable<string> Columns => Setters.Keys;

    // The statements of a CSV body, each with the prefix its errors are named by (null where a cell
    // could not be read: its error is already added, naming row and column). Stops at maxRows + 1
    // rows, so an over-long file is refused without reading it all.
    public static List<(string Prefix, StatementRequest? Request)> Parse(byte[] body, int maxRows, FieldErrors errors)
    {
        var rows = new List<(string, StatementRequest?)>();
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body).TrimStart('\uFEFF'); }
        catch (DecoderFallbackException) { errors.Add("body", "must be UTF-8 text"); return rows; }
        if (text.Trim().Length == 0) { errors.Add("body", "must hold a header row and at least one statement"); return rows; }
        // No column name starts so: a JSON array or object sent as text/csv is said to be one.
        if (text.TrimStart() is ['[' or '{', ..])
        {
            errors.Add("body", "is JSON, not CSV: send a JSON array as application/json, or one statement per line as application/x-ndjson");
            return rows;
        }

        var row = 1;
        try
        {
            // The separator is taken from the header row: a comma, or the semicolon or tab some spreadsheets write.
            // The header is read as a row, not by Sep: Sep throws on a name given twice, and we name it instead.
            using var reader = Sep.Reader(o => o with { Unescape = true, HasHeader = false }).FromText(text);
            if (!reader.MoveNext()) { errors.Add("body", "must hold a header row and at least one statement"); return rows; }
            var columns = new List<string>();
            for (var c = 0; c < reader.Current.ColCount; c++) columns.Add(reader.Current[c].ToString());
            foreach (var unknown in columns.Where(c => !Setters.ContainsKey(c)))
                errors.Add("columns", $"'{unknown}' is not a statement field; the columns are {string.Join(", ", Columns)}");
            foreach (var twice in columns.GroupBy(c => c, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                errors.Add("columns", $"'{twice.Key}' is named twice");
            if (errors.Any) return rows;

            foreach (var cells in reader)
            {
                row = cells.RowIndex + 1;
                if (rows.Count == maxRows) { rows.Add(($"rows[{row}].", null)); break; }
                var prefix = $"rows[{row}].";
                var request = new StatementRequest();
                var readable = true;
                for (var c = 0; c < columns.Count; c++)
                {
                    var value = cells[c].ToString();
                    if (string.IsNullOrWhiteSpace(value)) continue;
                    var column = columns[c];
                    Setters[column](request, value, message => { errors.Add(prefix + Canonical(column), message); readable = false; });
                }
                rows.Add((prefix, readable ? request : null));
            }
        }
        catch (InvalidDataException e)
        {
            errors.Add($"rows[{row + 1}]", "could not be read as CSV: " + e.Message);
        }
        return rows;
    }

    static string Canonical(string column) => Setters.Keys.First(k => string.Equals(k, column, StringComparison.OrdinalIgnoreCase));

    static SourceRequest Source(StatementRequest r) => r.Source ??= new SourceRequest();
    static FigureRequest Figure(StatementRequest r) => r.Figure ??= new FigureRequest();
    static PeriodRequest Period(StatementRequest r) => Figure(r).Period ??= new PeriodRequest();
    static PositionRequest Position(StatementRequest r) => r.Position ??= new PositionRequest();
    static NegotiationRequest Negotiation(StatementRequest r) => r.Negotiation ??= new NegotiationRequest();
    static ArticleQuoteRequest Article(StatementRequest r) => r.Article ??= new ArticleQuoteRequest();

    static List<string> List(string cell) => [.. cell.Split(ListSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    // A whole number as a person types it: digits, perhaps with thousands separators ("55,000").
    static long? Whole(string cell, Action<string> bad, long max = long.MaxValue) =>
        WholeNumber().IsMatch(cell.Trim())
        && long.TryParse(cell.Trim().Replace(",", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n <= max
            ? n
            : Bad<long?>(bad, "must be a whole number (digits, thousands may be separated by commas: 55,000)");

    [GeneratedRegex(@"^-?(\d+|\d{1,3}(,\d{3})+)$", RegexOptions.NonBacktracking)]
    private static partial Regex WholeNumber();

    static T? Bad<T>(Action<string> bad, string message)
    {
        bad(message);
        return default;
    }
}

// Value types shared by the statement events and the API. Closed vocabularies are enums
// (written kebab-case on the wire); the party is an open, validated slug.
using System.Text.Json.Serialization;

namespace Timeline.Statements;

public enum StatementKind { Figure, NegotiationDay, Position }

public enum Group { Military, Civilian, All }

public enum Measure { Killed, Wounded, KilledOrWounded, Missing, Captured, Deaths }

public enum Qualifier { Exact, Approximately, AtLeast, AtMost }

// Whose losses the speaker is counting, seen from the speaker.
public enum Attribution { OwnSide, Adversary, ThirdParty }

public sealed record Source(string Title, string? Url, string? Publisher, DateOnly? PublishedOn);

// The span a figure covers; To is null for a cumulative figure still running.
public sealed record Period(DateOnly From, DateOnly? To)
{
    // Figures that state no period count from the full-scale invasion.
    public static readonly DateOnly WarStart = new(2022, 2, 24);

    // A calendar year of the war: 2022's begins with the invasion.
    public static Period CalendarYear(int year) =>
        new(year == 2022 ? WarStart : new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
}

// A casualty figure: a point value with its qualifier, a low–high range, or
// only words ("a large number") when no number was given.
public sealed record Figure(
    string Party,
    Group Group,
    Measure Measure,
    long? Value,
    long? Low,
    long? High,
    Qualifier? Qualifier,
    Period Period,
    Attribution Attribution,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Qualitative);

public sealed record Negotiator(string Name, string? Party, string? Role);

public sealed record Assessment(string By, string Said);

public sealed record NegotiationDay(
    string Talks,
    string Venue,
    DateOnly? HeldOn,
    int? Day,
    IReadOnlyList<string> Parties,
    IReadOnlyList<Negotiator> Delegates,
    IReadOnlyList<Assessment> Assessments,
    IReadOnlyList<string> OpenIssues);

public sealed record Position(string Party, string Summary);

// Where a statement's quote stands in an archived article: the text between Start and End is the quote
// exactly; Prefix and Suffix are the words around it (a W3C Web Annotation TextQuoteSelector).
public sealed record ArticleQuote(Guid Id, int Start, int End, string Prefix, string Suffix)
{
    // The quote itself, the text between Start and End (the selector's "exact").
    public string? Exact { get; init; }
}

// The archived articles, as the statements capability needs them (the Articles capability answers).
public interface IArchivedArticles
{
    // The archived text and source of an article, or null when there is none with this id.
    Task<(string Text, Source Source)?> FindAsync(Guid id, CancellationToken ct);
}

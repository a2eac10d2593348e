// The wire shape of a statement as clients send it, and its validation into a NewStatement.
// Dates and vocabularies arrive as strings so every bad value can be named precisely;
// unknown properties are refused rather than silently dropped (a typo must not lose data).
using System.Text.RegularExpressions;
using Timeline.Http;

namespace Timeline.Statements.Recording;

public sealed class StatementRequest
{
    public string? Kind { get; set; }
    public string? StatedOn { get; set; }
    public string? StatedBy { get; set; }
    public string? Quote { get; set; }
    public SourceRequest? Source { get; set; }
    public FigureRequest? Figure { get; set; }
    public NegotiationRequest? Negotiation { get; set; }
    public PositionRequest? Position { get; set; }
    // The archived article the quote is taken from, and where: the quote must be its text between start and end.
    public ArticleQuoteRequest? Article { get; set; }
}

public sealed class ArticleQuoteRequest
{
    public Guid? Id { get; set; }
    public int? Start { get; set; }
    public int? End { get; set; }
}

public sealed class SourceRequest
{
    public string? Title { get; set; }
    public string? Url { get; set; }
    public string? Publisher { get; set; }
    public string? PublishedOn { get; set; }
}

public sealed class FigureRequest
{
    public string? Party { get; set; }
    public string? Group { get; set; }
    public string? Measure { get; set; }
    public long? Value { get; set; }
    public long? Low { get; set; }
    public long? High { get; set; }
    public string? Qualifier { get; set; }
    public PeriodRequest? Period { get; set; }
    public string? Attribution { get; set; }
    public string? Qualitative { get; set; }
}

public sealed class PeriodRequest
{
    public string? From { get; set; }
    public string? To { get; set; }
}

public sealed class NegotiationRequest
{
    public string? Talks { get; set; }
    public string? Venue { get; set; }
    public string? HeldOn { get; set; }
    public int? Day { get; set; }
    public List<string>? Parties { get; set; }
    public List<DelegateRequest>? Delegates { get; set; }
    public List<AssessmentRequest>? Assessments { get; set; }
    public List<string>? OpenIssues { get; set; }
}

public sealed class DelegateRequest
{
    public string? Name { get; set; }
    public string? Party { get; set; }
    public string? Role { get; set; }
}

public sealed class AssessmentRequest
{
    public string? By { get; set; }
    public string? Said { get; set; }
}

public sealed class PositionRequest
{
    public string? Party { get; set; }
    public string? Summary { get; set; }
}

// A statement that passed validation, with its content-derived id and the name
// of the key recording it (not part of its identity).
public sealed record NewStatement(
    Guid Id, StatementKind Kind, string StatedBy, DateOnly StatedOn, string Quote, Source Source,
    Figure? Figure, NegotiationDay? Negotiation, Position? Position, string? RecordedBy = null, ArticleQuote? Article = null)
{
    public object ToEvent() => Kind switch
    {
        StatementKind.Figure => new FigureReported(Id, StatedBy, StatedOn, Quote, Source, Figure!, RecordedBy, Article),
        StatementKind.NegotiationDay => new NegotiationDayHeld(Id, StatedBy, StatedOn, Quote, Source, Negotiation!, RecordedBy, Article),
        _ => new PositionStated(Id, StatedBy, StatedOn, Quote, Source, Position!, RecordedBy, Article),
    };
}

public static partial class StatementValidation
{
    public const int MaxName = 200;
    public const int MaxQuote = 4000;
    public const int MaxText = 1000;
    public const long MaxCount = 1_000_000_000;

    [GeneratedRegex("^[a-z][a-z-]{1,39}$", RegexOptions.NonBacktracking)]
    private static partial Regex PartySlug();

    // Validates one statement; prefix locates it inside a batch ("items[3].").
    public static NewStatement? Validate(StatementRequest r, DateOnly today, FieldErrors errors, string prefix = "")
    {
        var kind = Fields.Enum<StatementKind>(r.Kind, prefix + "kind", errors, required: true);
        var statedOn = Date(r.StatedOn, prefix + "statedOn", today, errors, required: true);
        var statedBy = Fields.Text(r.StatedBy, prefix + "statedBy", MaxName, errors, required: true);
        var quote = Fields.Text(r.Quote, prefix + "quote", MaxQuote, errors, required: true);
        var source = ValidateSource(r.Source, prefix + "source", today, errors, required: true);

        Figure? figure = null;
        NegotiationDay? negotiation = null;
        Position? position = null;
        Only(kind, StatementKind.Figure, r.Figure, prefix + "figure", errors);
        Only(kind, StatementKind.NegotiationDay, r.Negotiation, prefix + "negotiation", errors);
        Only(kind, StatementKind.Position, r.Position, prefix + "position", errors);
        switch (kind)
        {
            case StatementKind.Figure: figure = ValidateFigure(r.Figure, prefix + "figure", today, errors); break;
            case StatementKind.NegotiationDay: negotiation = ValidateNegotiation(r.Negotiation, prefix + "negotiation", today, errors); break;
            case StatementKind.Position: position = ValidatePosition(r.Position, prefix + "position", errors); break;
        }

        if (errors.Any || kind is null || statedOn is null || statedBy is null || quote is null || source is null) return null;
        var draft = new NewStatement(Guid.Empty, kind.Value, statedBy, statedOn.Value, quote, source, figure, negotiation, position);
        return draft with { Id = StatementIdentity.Of(draft) };
    }

    static void Only(StatementKind? kind, StatementKind owner, object? given, string field, FieldErrors errors)
    {
        if (given is not null && kind is not null && kind != owner)
            errors.Add(field, $"is only allowed when kind is \"{Vocabulary.Name(owner)}\"");
    }

    public static Source? ValidateSource(SourceRequest? s, string field, DateOnly today, FieldErrors errors, bool required)
    {
        if (s is null)
        {
            if (required) errors.Add(field, "is required");
            return null;
        }
        var title = Fields.Text(s.Title, field + ".title", MaxText, errors, required: true);
        var publisher = Fields.Text(s.Publisher, field + ".publisher", MaxName, errors, required: false);
        var url = Fields.Url(s.Url, field + ".url", errors);
        var published = Date(s.PublishedOn, field + ".publishedOn", today, errors, required: false);
        return title is null ? null : new Source(title, url, publisher, published);
    }

    public static Figure? ValidateFigure(FigureRequest? f, string field, DateOnly today, FieldErrors errors)
    {
        if (f is null)
        {
            errors.Add(field, "is required for this kind of statement");
            return null;
        }
        var party = Party(f.Party, field + ".party", errors, required: true);
        var group = Fields.Enum<Group>(f.Group, field + ".group", errors, required: true);
        var measure = Fields.Enum<Measure>(f.Measure, field + ".measure", errors, required: true);
        var attribution = Fields.Enum<Attribution>(f.Attribution, field + ".attribution", errors, required: true);
        var qualifier = Fields.Enum<Qualifier>(f.Qualifier, field + ".qualifier", errors, required: false);
        var qualitative = Fields.Text(f.Qualitative, field + ".qualitative", MaxText, errors, required: false);

        Count(f.Value, field + ".value", errors);
        Count(f.Low, field + ".low", errors);
        Count(f.High, field + ".high", errors);
        if (f.Value is not null && (f.Low is not null || f.High is not null))
            errors.Add(field + ".value", "give either value or low and high, not both");
        else if (f.Value is not null && f.Qualifier is null)
            errors.Add(field + ".qualifier", "is required with a value: exact, approximately, at-least or at-most");
        else if ((f.Low is null) != (f.High is null))
            errors.Add(f.Low is null ? field + ".low" : field + ".high", "a range needs both low and high");
        else if (f.Low > f.High)
            errors.Add(field + ".low", "must not be greater than high");
        else if (f.Value is null && f.Low is null && qualitative is null)
            errors.Add(field + ".value", "is required: give value, low and high, or qualitative words when no number was stated");

        var from = f.Period?.From is null ? Period.WarStart : Date(f.Period.From, field + ".period.from", today, errors, required: true);
        var to = Date(f.Period?.To, field + ".period.to", today, errors, required: false);
        if (from is not null && to is not null && to < from)
            errors.Add(field + ".period.to", "must not be before period.from");

        if (party is null || group is null || measure is null || attribution is null || from is null) return null;
        return new Figure(party, group.Value, measure.Value, f.Value, f.Low, f.High, qualifier, new Period(from.Value, to),
            attribution.Value, qualitative);
    }

    static NegotiationDay? ValidateNegotiation(NegotiationRequest? n, string field, DateOnly today, FieldErrors errors)
    {
        if (n is null)
        {
            errors.Add(field, "is required for this kind of statement");
            return null;
        }
        var talks = Fields.Text(n.Talks, field + ".talks", MaxName, errors, required: true);
        var venue = Fields.Text(n.Venue, field + ".venue", MaxName, errors, required: true);
        var heldOn = Date(n.HeldOn, field + ".heldOn", today, errors, required: false);
        if (n.Day is < 1 or > 10_000) errors.Add(field + ".day", "must be a day number of 1 or more");

        var parties = new List<string>();
        foreach (var (p, i) in (n.Parties ?? []).Select((p, i) => (p, i)))
            if (Party(p, $"{field}.parties[{i}]", errors, required: true) is { } party) parties.Add(party);
        var delegates = new List<Negotiator>();
        foreach (var (d, i) in (n.Delegates ?? []).Select((d, i) => (d, i)))
        {
            var at = $"{field}.delegates[{i}]";
            var name = Fields.Text(d?.Name, at + ".name", MaxName, errors, required: true);
            var party = Party(d?.Party, at + ".party", errors, required: false);
            var role = Fields.Text(d?.Role, at + ".role", MaxName, errors, required: false);
            if (name is not null) delegates.Add(new Negotiator(name, party, role));
        }
        var assessments = new List<Assessment>();
        foreach (var (a, i) in (n.Assessments ?? []).Select((a, i) => (a, i)))
        {
            var at = $"{field}.assessments[{i}]";
            var by = Fields.Text(a?.By, at + ".by", MaxName, errors, required: true);
            var said = Fields.Text(a?.Said, at + ".said", MaxText, errors, required: true);
            if (by is not null && said is not null) assessments.Add(new Assessment(by, said));
        }
        var openIssues = new List<string>();
        foreach (var (o, i) in (n.OpenIssues ?? []).Select((o, i) => (o, i)))
            if (Fields.Text(o, $"{field}.openIssues[{i}]", MaxText, errors, required: true) is { } issue) openIssues.Add(issue);
        foreach (var (list, name) in new (int Count, string Name)[] { (parties.Count, "parties"), (delegates.Count, "delegates"), (assessments.Count, "assessments"), (openIssues.Count, "openIssues") })
            if (list > 100) errors.Add($"{field}.{name}", "must have at most 100 entries");

        if (talks is null || venue is null) return null;
        return new NegotiationDay(talks, venue, heldOn, n.Day, parties, delegates, assessments, openIssues);
    }

    static Position? ValidatePosition(PositionRequest? p, string field, FieldErrors errors)
    {
        if (p is null)
        {
            errors.Add(field, "is required for this kind of statement");
            return null;
        }
        var party = Party(p.Party, field + ".party", errors, required: true);
        var summary = Fields.Text(p.Summary, field + ".summary", MaxText, errors, required: true);
        return party is null || summary is null ? null : new Position(party, summary);
    }

    static void Count(long? value, string field, FieldErrors errors)
    {
        if (value < 0) errors.Add(field, "must not be negative");
        else if (value > MaxCount) errors.Add(field, $"must be at most {MaxCount:N0}");
    }

    static string? Party(string? value, string field, FieldErrors errors, bool required)
    {
        var text = Fields.Text(value, field, 40, errors, required);
        if (text is null) return null;
        var slug = text.ToLowerInvariant();
        if (PartySlug().IsMatch(slug)) return slug;
        errors.Add(field, "must be a party such as ukraine, russia or both (lower-case letters and hyphens)");
        return null;
    }

    // A date a statement may carry: on no account more than a day after today.
    public static DateOnly? Date(string? value, string field, DateOnly today, FieldErrors errors, bool required) =>
        Fields.Date(value, field, errors, required, latest: today.AddDays(1));
}


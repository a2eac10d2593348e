// The service's answers as the tests read them, each shape defined once. Read strictly: names as the
// API writes them (camelCase, no case folding), numbers as numbers, every member without a default must
// be there and not null — so a missing or renamed field fails the test as a GetProperty did.
// Enum values and dates stay strings: the tests compare what the API says.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Timeline.Tests.Support;

public static class Wire
{
    static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        PropertyNameCaseInsensitive = false,
        NumberHandling = JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static T As<T>(this JsonElement body)
    {
        try { return body.Deserialize<T>(Strict) ?? throw new JsonException("null"); }
        catch (JsonException e) { throw new Xunit.Sdk.XunitException($"not a {typeof(T).Name} ({e.Message}): {body}"); }
    }

    /// <summary>An event's data, read as the given shape.</summary>
    public static T As<T>(this System.Net.ServerSentEvents.SseItem<string> item) => JsonDocument.Parse(item.Data).RootElement.As<T>();

    // Writes
    public sealed record Recorded(Guid Id, long Sequence, bool Duplicate, bool SourceAdded);
    public sealed record BatchItem(int Index, Guid Id, long Sequence, bool Duplicate, bool SourceAdded);
    public sealed record Batch(int Recorded, int Duplicates, IReadOnlyList<BatchItem> Items);
    public sealed record Revised(Guid Id, long Sequence, long Version, bool Duplicate);

    // Statements
    public sealed record Source(string Title, string? Url = null, string? Publisher = null, string? PublishedOn = null);
    public sealed record Period(string From, string? To = null);
    public sealed record Figure(string Party, string Group, string Measure, Period Period, string Attribution,
        long? Value = null, long? Low = null, long? High = null, string? Qualifier = null, string? Qualitative = null);
    public sealed record Negotiator(string Name, string? Party = null, string? Role = null);
    public sealed record Assessment(string By, string Said);
    public sealed record NegotiationDay(string Talks, string Venue, IReadOnlyList<string> Parties, IReadOnlyList<Negotiator> Delegates,
        IReadOnlyList<Assessment> Assessments, IReadOnlyList<string> OpenIssues, string? HeldOn = null, int? Day = null);
    public sealed record Position(string Party, string Summary);
    public sealed record ArticleQuote(Guid Id, int Start, int End, string Prefix, string Suffix, string? Exact = null);
    public sealed record Revision(long Version, long Sequence, DateTimeOffset RecordedAt, string Change, string? StatedOn = null,
        Figure? Figure = null, string? Reason = null, string? Quote = null, Source? Source = null, string? RecordedBy = null, ArticleQuote? Article = null);
    public sealed record Statement(Guid Id, string Kind, string StatedBy, string StatedOn, string Quote, string Language, Source Source,
        string Status, IReadOnlyList<Revision> Revisions, IReadOnlyList<Source> Appearances, long Sequence, DateTimeOffset RecordedAt, long Version,
        Figure? Figure = null, NegotiationDay? Negotiation = null, Position? Position = null, ArticleQuote? Article = null);
    public sealed record StatementPage(IReadOnlyList<Statement> Items, string? NextCursor);
    public sealed record TimelinePage(IReadOnlyList<Statement> Items, string? NextCursor, long Basis, DateTimeOffset? KnownAt);

    // Negotiations
    public sealed record DayStatement(Guid StatementId, string StatedBy, string StatedOn, string Quote, Source Source);
    public sealed record DayAssessment(string By, string Said, Guid StatementId, string StatedBy, string StatedOn, string Quote, Source Source);
    public sealed record OpenIssue(string Issue, IReadOnlyList<string> NamedBy, IReadOnlyList<Guid> Statements);
    public sealed record TalksDay(string StatedOn, IReadOnlyList<string> Venues, IReadOnlyList<Negotiator> Delegates, IReadOnlyList<DayAssessment> Assessments,
        IReadOnlyList<OpenIssue> OpenIssues, IReadOnlyList<DayStatement> Statements, int? Day = null, string? HeldOn = null);
    public sealed record Talks(string Id, string Name, IReadOnlyList<string> Venues, IReadOnlyList<string> Parties, IReadOnlyList<TalksDay> Days,
        IReadOnlyList<DayAssessment> Assessments, IReadOnlyList<OpenIssue> OpenIssues, long? Basis = null);
    public sealed record Negotiations(string AsOf, DateTimeOffset? KnownAt, long Basis, IReadOnlyList<Talks> Talks);

    // Estimates
    public sealed record Entry(Guid StatementId, string StatedOn, string StatedBy, string Quote, Source Source, long Sequence,
        string? Attribution = null, long? Value = null, long? Low = null, long? High = null, string? Qualifier = null, string? Qualitative = null,
        string? CorrectedOn = null);
    public sealed record Range(long Low, long High);
    public sealed record SeriesEstimate(string Id, string Label, string Party, string Group, string Measure, Period Period,
        Entry Latest, IReadOnlyList<Entry> BySource, Range? Range = null);
    public sealed record Estimates(string AsOf, DateTimeOffset? KnownAt, long Basis, IReadOnlyList<SeriesEstimate> Series)
    {
        /// <summary>The series of that id, or null when the answer has none.</summary>
        public SeriesEstimate? this[string id] => Series.SingleOrDefault(s => s.Id == id);
    }
    public sealed record HistoryEntry(Guid StatementId, string StatedOn, string StatedBy, string Change,
        long? Value = null, long? Low = null, long? High = null, string? Qualifier = null, string? Qualitative = null, Entry? Previous = null, Entry? After = null);
    public sealed record SeriesName(string Id, string Label, string Party, string Group, string Measure, Period Period);
    public sealed record History(SeriesName Series, long Basis, IReadOnlyList<HistoryEntry> Entries, string? NextCursor);

    public sealed record ReplayItem(string StatedOn, string Change, long Sequence, Statement Statement, string? SeriesId = null, SeriesEstimate? Estimate = null);

    // Changes between two points
    public sealed record Delta(long Absolute, double? Relative = null);
    public sealed record AmountChange(Delta? Value = null, Delta? Low = null, Delta? High = null);
    public sealed record RangeChange(Delta Low, Delta High);
    public sealed record ChangedStatement(Guid StatementId, string StatedOn, string StatedBy, string Change, string Effect, string Explanation,
        string Quote, Source Source, long Sequence, Entry? Before, Entry? After);
    public sealed record SourceChange(string StatedBy, Entry? Before, Entry? After, AmountChange? Change = null);
    public sealed record SeriesChange(string Id, string Label, string Party, string Group, string Measure, Period Period, bool Changed,
        SeriesEstimate? Before, SeriesEstimate? After, IReadOnlyList<SourceChange> BySource, IReadOnlyList<ChangedStatement> Statements,
        AmountChange? Latest = null, RangeChange? Range = null, string? More = null);
    public sealed record Changes(long Basis, IReadOnlyList<SeriesChange> Series,
        string? From = null, string? To = null, string? AsOf = null, long? KnownFrom = null, string? NextCursor = null)
    {
        public SeriesChange? this[string id] => Series.SingleOrDefault(s => s.Id == id);
    }

    // Articles and their candidates
    public sealed record Candidate(int Index, string Kind, string StatedBy, string StatedOn, string Quote, int Start, int End, double Confidence,
        Figure? Figure = null, NegotiationDay? Negotiation = null, Position? Position = null, Guid? DuplicateOf = null, Guid? RecordedAs = null);
    public sealed record Archived(Guid Id, string Sha256, bool Duplicate, IReadOnlyList<Candidate> Candidates, bool Truncated, double Threshold,
        string? Language = null);
    public sealed record Article(Guid Id, string Sha256, Source Source, DateTimeOffset ArchivedAt, long Sequence, string Text,
        IReadOnlyList<Candidate> Candidates, bool Truncated, double Threshold, string? Language = null, FeedItemOrigin? FromFeed = null);
    public sealed record ArticleSummary(Guid Id, string Sha256, Source Source, DateTimeOffset ArchivedAt, long Sequence, int Length);
    public sealed record ArticlePage(IReadOnlyList<ArticleSummary> Items, string? NextCursor = null);

    // Events as the feeds, the stream and webhooks carry them: the data of one that carries a figure
    public sealed record FigureEvent(Figure Figure);

    /// <summary>A CloudEvent's data, read as the given shape.</summary>
    public static T DataAs<T>(this CloudNative.CloudEvents.CloudEvent ce) => ((JsonElement)ce.Data!).As<T>();

    public sealed record EstimateChanged(Guid Id, long Sequence, int Ordinal, string StatedOn, DateTimeOffset RecordedAt, SeriesName Series,
        bool NewHigh, bool NewLow, bool NewSource, ChangedStatement Statement,
        SeriesEstimate? Before = null, SeriesEstimate? After = null, AmountChange? Change = null, double? Relative = null);

    public sealed record EventsPage(IReadOnlyList<JsonElement> Items, long NextAfter);

    // Webhooks
    public sealed record Webhook(Guid Id, string Url, string Status, DateTimeOffset CreatedAt, long StartAfter,
        string? Description = null, string? DisabledReason = null);
    public sealed record RegisteredWebhook(Guid Id, string Secret, Webhook Webhook);
    public sealed record DeliveryAttempt(DateTimeOffset At, long DurationMs, int? StatusCode = null, string? Error = null);
    public sealed record Delivery(Guid Id, long Sequence, Guid EventId, string EventType, string Status, int Attempts,
        IReadOnlyList<DeliveryAttempt> History, DateTimeOffset? NextAttemptAt = null, DateTimeOffset? DeliveredAt = null);

    // Feeds watched
    public sealed record FeedState(string Status, DateTimeOffset NextPollAt, int Failures, int ItemsSeen, int ItemsArchived,
        DateTimeOffset? LastPolledAt = null, int? LastStatus = null, string? LastError = null);
    public sealed record Feed(Guid Id, string Url, string Every, string Owner, DateTimeOffset RegisteredAt, FeedState State, string? Title = null);
    public sealed record FeedItemOrigin(Guid FeedId, string ItemId);

    // The review desk
    public sealed record ReviewCounts(long Pending, long Recorded, long Dismissed);
    public sealed record ReviewParagraph(string Text, int Start, int QuoteStart, int QuoteEnd);
    public sealed record ReviewItem(Guid ArticleId, int Index, string State, Candidate Candidate, Source Source, DateTimeOffset ArchivedAt,
        ReviewParagraph Paragraph, Guid? StatementId = null, string? Reason = null, string? Note = null, string? DecidedBy = null, DateTimeOffset? DecidedAt = null);
    public sealed record ReviewPage(IReadOnlyList<ReviewItem> Items, ReviewCounts Counts, string? NextCursor = null);
    public sealed record Decision(Guid ArticleId, int Index, string State, Guid? StatementId = null, string? Reason = null, string? Note = null,
        string? DecidedBy = null, DateTimeOffset? DecidedAt = null, long? Sequence = null);
    public sealed record ArticleArrived(Guid ArticleId, Source Source, DateTimeOffset ArchivedAt, long Sequence, int Candidates);

    // Problems (RFC 9457)
    public sealed record Problem(int Status, string? Title = null, string? Detail = null, Dictionary<string, string[]>? Errors = null);
}

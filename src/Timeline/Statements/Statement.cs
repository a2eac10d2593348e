// A statement as it stands now, with every revision: projected inline from its own stream,
// so a read right after a write sees it. Built only from the events (their recorded time and
// sequence included), never from the clock, so a rebuild reproduces it exactly.
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Timeline.Statements;

public enum StatementStatus { Standing, Corrected, Retracted }

public enum Change { Reported, Corrected, Retracted, Republished }

public sealed record Revision(
    long Version, long Sequence, DateTimeOffset RecordedAt, Change Change,
    DateOnly? StatedOn, Figure? Figure, string? Reason, string? Quote, Source? Source)
{
    // The name of the API key that recorded this revision (absent for what was recorded before keys were noted).
    public string? RecordedBy { get; init; }
    // Where this appearance's quote stands in an archived article, if it was recorded from one.
    public ArticleQuote? Article { get; init; }
}

public sealed class Statement
{
    public Guid Id { get; set; }
    public StatementKind Kind { get; set; }
    public string StatedBy { get; set; } = "";
    // StatedBy normalised (case, spacing), for finding one source's statements.
    public string StatedByKey { get; set; } = "";
    // Every party the statement concerns: a figure's, a position's, a negotiation's.
    public List<string> Parties { get; set; } = [];
    public DateOnly StatedOn { get; set; }
    public string Quote { get; set; } = "";
    // The language the quote is written in, read from the quote itself: it is kept verbatim, never translated.
    public string Language => Timeline.Http.Languages.Detect(Quote);
    public Source Source { get; set; } = new("", null, null, null);
    // The figure as it stands after the latest correction (by its StatedOn).
    public Figure? Figure { get; set; }
    public NegotiationDay? Negotiation { get; set; }
    public Position? Position { get; set; }
    public StatementStatus Status { get; set; }
    // Where the quote stands in the archived article it was recorded from, if it was.
    public ArticleQuote? Article { get; set; }
    // Every outlet that carried the statement, the first appearance first.
    public List<Source> Appearances { get; set; } = [];
    public List<Revision> Revisions { get; set; } = [];
    // Global sequence of the event that first recorded it: the recording order.
    public long Sequence { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public long Version { get; set; }

    public bool HasAppearance(Source source) => Appearances.Any(a => SameSource(a, source));

    // The archived articles the statement has been quoted from.
    public IEnumerable<Guid> Articles() => Revisions.Select(r => r.Article?.Id).OfType<Guid>().Distinct();

    // Two citations of one publication: the same URL, or (without URLs) the same title, publisher and date.
    public static bool SameSource(Source a, Source b) =>
        a.Url is not null && b.Url is not null
            ? string.Equals(a.Url, b.Url, StringComparison.OrdinalIgnoreCase)
            : StatementIdentity.Normalise(a.Title) == StatementIdentity.Normalise(b.Title)
              && StatementIdentity.Normalise(a.Publisher) == StatementIdentity.Normalise(b.Publisher)
              && a.PublishedOn == b.PublishedOn && a.Url == b.Url;
}

public sealed class StatementProjection : SingleStreamProjection<Statement, Guid>
{
    public override Statement? Evolve(Statement? snapshot, Guid id, IEvent e)
    {
        switch (e.Data)
        {
            case FigureReported r:
                return First(id, e, StatementKind.Figure, r.StatedBy, r.StatedOn, r.Quote, r.Source, r.Figure, null, null, r.RecordedBy, r.Article);
            case NegotiationDayHeld r:
                return First(id, e, StatementKind.NegotiationDay, r.StatedBy, r.StatedOn, r.Quote, r.Source, null, r.Negotiation, null, r.RecordedBy, r.Article);
            case PositionStated r:
                return First(id, e, StatementKind.Position, r.StatedBy, r.StatedOn, r.Quote, r.Source, null, null, r.Position, r.RecordedBy, r.Article);
            case StatementCorrected c when snapshot is not null:
                snapshot.Revisions.Add(new Revision(e.Version, e.Sequence, Recorded(e), Change.Corrected, c.StatedOn, c.Figure, c.Reason, c.Quote, c.Source) { RecordedBy = c.RecordedBy });
                // The figure that stands is the one stated last; a late-recorded older correction does not win.
                snapshot.Figure = snapshot.Revisions
                    .Where(v => v.Figure is not null)
                    .OrderBy(v => v.StatedOn).ThenBy(v => v.Sequence)
                    .Last().Figure;
                foreach (var party in new[] { c.Figure.Party }.Where(p => !snapshot.Parties.Contains(p))) snapshot.Parties.Add(party);
                if (snapshot.Status != StatementStatus.Retracted) snapshot.Status = StatementStatus.Corrected;
                break;
            case StatementRetracted r when snapshot is not null:
                snapshot.Revisions.Add(new Revision(e.Version, e.Sequence, Recorded(e), Change.Retracted, r.StatedOn, null, r.Reason, r.Quote, r.Source) { RecordedBy = r.RecordedBy });
                snapshot.Status = StatementStatus.Retracted;
                break;
            case StatementRepublished p when snapshot is not null:
                snapshot.Revisions.Add(new Revision(e.Version, e.Sequence, Recorded(e), Change.Republished, null, null, null, p.Quote, p.Source) { RecordedBy = p.RecordedBy, Article = p.Article });
                if (!snapshot.HasAppearance(p.Source)) snapshot.Appearances.Add(p.Source);
                snapshot.Article ??= p.Article; // first tied to an archived article now
                break;
        }
        if (snapshot is not null) snapshot.Version = e.Version;
        return snapshot;
    }

    // The recorded time as PostgreSQL keeps it (microseconds): an inline projection sees .NET's 100 ns
    // ticks, a rebuild reads the stored value, and both must give the same document.
    public static DateTimeOffset Recorded(IEvent e) => new(e.Timestamp.UtcTicks - e.Timestamp.UtcTicks % 10, TimeSpan.Zero);

    static Statement First(Guid id, IEvent e, StatementKind kind, string statedBy, DateOnly statedOn, string quote, Source source,
        Figure? figure, NegotiationDay? negotiation, Position? position, string? recordedBy, ArticleQuote? article) => new()
    {
        Id = id,
        Kind = kind,
        StatedBy = statedBy,
        StatedByKey = StatementIdentity.Normalise(statedBy),
        Parties = [.. new[] { figure?.Party, position?.Party }.OfType<string>().Concat(negotiation?.Parties ?? []).Distinct()],
        StatedOn = statedOn,
        Quote = quote,
        Source = source,
        Figure = figure,
        Negotiation = negotiation,
        Position = position,
        Status = StatementStatus.Standing,
        Article = article,
        Appearances = [source],
        Revisions = [new Revision(e.Version, e.Sequence, Recorded(e), Change.Reported, statedOn, figure, null, quote, source) { RecordedBy = recordedBy, Article = article }],
        Sequence = e.Sequence,
        RecordedAt = Recorded(e),
        Version = e.Version,
    };
}

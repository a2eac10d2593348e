// From an article's text to candidate statements, each quoting the text exactly (Quote ==
// text[Start..End]). The rules live one concern to a file (numbers, qualifiers, measures, parties,
// periods, speakers, talks, positions); this file only puts them in order. A paragraph printed
// twice yields its statements once.
using Timeline.Statements;

namespace Timeline.Articles.Extraction;

public sealed record Candidate(
    StatementKind Kind, string StatedBy, DateOnly StatedOn, string Quote, int Start, int End, double Confidence,
    Figure? Figure = null, NegotiationDay? Negotiation = null, Position? Position = null);

public static class Extractor
{
    /// <summary>
    /// The statements an article appears to carry. <paramref name="publishedOn"/> dates them and
    /// anchors relative periods; <paramref name="unattributed"/> names the speaker when the text names none.
    /// </summary>
    public static IReadOnlyList<Candidate> Extract(string text, DateOnly publishedOn, string unattributed)
    {
        var sentences = Text.Sentences(text);
        var speakers = SpeakersOf(text, sentences);
        var found = new List<Candidate>();
        Figure? lastFigure = null;
        foreach (var sentence in sentences)
        {
            var (speaker, borrowed) = speakers[sentence.Index] is { } own ? (own, false) : (Nearest(speakers, sentences, sentence), true);
            var side = speaker is null ? null : Parties.OfSpeaker(speaker.Name, speaker.Title);
            var figures = Figures(text, sentence, speaker, side, borrowed, publishedOn, unattributed, lastFigure).ToList();
            found.AddRange(figures);
            if (figures.Count > 0) lastFigure = figures[^1].Figure;
            if (!borrowed && Talks.In(text, sentences, sentence, speaker, side) is { } talk)
                found.Add(new Candidate(StatementKind.NegotiationDay, speaker!.Name, publishedOn, talk.Quote.Of(text), talk.Quote.Start, talk.Quote.End,
                    talk.Day.Day is null ? 0.6 : 0.8, Negotiation: talk.Day));
            else if (!borrowed && speaker is not null && figures.Count == 0 && Positions.In(sentence.Text(text)) is { } summary)
                found.Add(new Candidate(StatementKind.Position, speaker.Name, publishedOn, sentence.Text(text), sentence.Span.Start, sentence.Span.End,
                    0.6, Position: new Position(side ?? "other", summary)));
        }
        return found.DistinctBy(Key).ToList();
    }

    static IEnumerable<Candidate> Figures(string text, Sentence sentence, Speaker? speaker, string? side, bool borrowed, DateOnly publishedOn,
        string unattributed, Figure? before)
    {
        Figure? previous = null;
        foreach (var number in Numbers.In(text, sentence.Span))
        {
            var clause = Text.Clause(text, sentence.Span, number.Span.Start);
            if (Exclusions.NotACount(text, number, clause)) continue;
            if (Measures.Of(text, number, clause) is not { } counted) continue;

            var after = text[number.Span.End..clause.End];
            var lead = Measures.Lead(after);
            var confidence = 0.95;
            var preceding = text[clause.Start..number.Span.Start];
            var party = Parties.In(lead);
            if (party is null && (Enemy(lead) || Enemy(preceding)) && side is not null) party = side == "ukraine" ? "russia" : "ukraine";
            party ??= Parties.Owner(preceding) ?? Parties.Last(preceding);
            var group = counted.Group;
            if (!counted.GroupStated && previous is not null) (group, confidence) = (previous.Group, confidence - 0.05);
            if (party is null && previous is not null) (party, confidence) = (previous.Party, confidence - 0.05);
            if (party is null && counted.Measure == Measure.Deaths) party = "both";
            // Nothing names the party: the figure before it in the article, else the speaker's side.
            if (party is null && before is not null) (party, confidence) = (before.Party, confidence - 0.15);
            if (party is null) (party, confidence) = (side ?? "both", confidence - 0.3);
            var period = Periods.SamePeriod(clause.Of(text)) && (previous ?? before) is { } earlier ? earlier.Period : Periods.Of(clause.Of(text), publishedOn);
            if (borrowed) confidence -= 0.15;
            if (speaker is null) confidence -= 0.4;
            if (number.Words is not null) confidence -= 0.05;

            var figure = new Figure(party, group, counted.Measure, number.Value, number.Low, number.High,
                Qualifiers.Of(text, number, clause), period, AttributionOf(party, side), number.Words);
            previous = figure;
            yield return new Candidate(StatementKind.Figure, speaker?.Name ?? unattributed, publishedOn, clause.Of(text), clause.Start, clause.End,
                Math.Round(Math.Clamp(confidence, 0.05, 1), 2), Figure: figure);
        }
    }

    static bool Enemy(string lead) => lead.Contains("enemy", StringComparison.OrdinalIgnoreCase);

    static Attribution AttributionOf(string party, string? side) =>
        side is null ? Attribution.ThirdParty
        : party == side ? Attribution.OwnSide
        : (side, party) is ("ukraine", "russia" or "north-korea") or ("russia", "ukraine") ? Attribution.Adversary
        : Attribution.ThirdParty;

    /// <summary>Each sentence's own speaker; a surname alone becomes the full name the text gave earlier or later.</summary>
    static Speaker?[] SpeakersOf(string text, IReadOnlyList<Sentence> sentences)
    {
        var speakers = new Speaker?[sentences.Count];
        Speaker? lastPerson = null, last = null;
        foreach (var sentence in sentences)
        {
            var speaker = Speakers.In(text, sentence.Span, lastPerson, last);
            speakers[sentence.Index] = speaker;
            if (speaker is { IsPerson: true }) lastPerson = speaker;
            if (speaker is not null) last = speaker;
        }
        // "Kirby" is the "John Kirby" named elsewhere; "General Staff" the "Ukraine's General Staff".
        var named = speakers.OfType<Speaker>().DistinctBy(s => s.Name).ToList();
        for (var i = 0; i < speakers.Length; i++)
            if (speakers[i] is { } s && named.FirstOrDefault(n => n.Name.EndsWith(" " + s.Name, StringComparison.Ordinal)) is { } full)
                speakers[i] = s with { Name = full.Name, Title = s.Title.Length > 0 ? s.Title : full.Title };
        return speakers;
    }

    /// <summary>A sentence that names nobody takes the speaker of its paragraph: the one before it, else the one after.</summary>
    static Speaker? Nearest(Speaker?[] speakers, IReadOnlyList<Sentence> sentences, Sentence sentence)
    {
        for (var i = sentence.Index - 1; i >= 0 && sentences[i].Paragraph == sentence.Paragraph; i--)
            if (speakers[i] is { } before) return before;
        for (var i = sentence.Index + 1; i < sentences.Count && sentences[i].Paragraph == sentence.Paragraph; i++)
            if (speakers[i] is { } after) return after;
        return null;
    }

    /// <summary>What makes two candidates the same statement (the quote aside: a paragraph printed twice).</summary>
    static string Key(Candidate c) => c.Kind switch
    {
        StatementKind.Figure => $"f|{StatementIdentity.Normalise(c.StatedBy)}|{c.Figure}",
        StatementKind.NegotiationDay => $"n|{StatementIdentity.Normalise(c.StatedBy)}|{c.Negotiation!.Talks}|{c.Negotiation.Day}|{string.Join(",", c.Negotiation.OpenIssues)}",
        _ => $"p|{StatementIdentity.Normalise(c.StatedBy)}|{c.Position!.Summary}",
    };
}

// Which Pushpin channel a subscription's filter is, and which channels an event goes to. A channel
// is one exact filter over kind, party and measure (each present or not): a subscriber hears one
// channel, so the filter is the channel's whole meaning, and an event is published once to each
// filter it passes (2 × (1 + parties) × (1 + measures) channels). A filter naming statedBy, or an
// alert's conditions, has no channel: the instance holds that stream itself, through Pushpin.
using System.Text;
using Timeline.Http;

namespace Timeline.Feed.Pushpin;

public static class GripChannels
{
    const string Prefix = "timeline";

    // The channel of a filter, or null when it has none.
    public static string? Of(FeedFilter filter) =>
        filter.StatedBy is not null ? null : Name(filter.Kind is { } k ? Vocabulary.Name(k) : null, filter.Party, filter.Measure is { } m ? Vocabulary.Name(m) : null);

    // Every channel whose filter the event passes.
    public static IEnumerable<string> For(FeedEvent e)
    {
        string?[] kinds = [null, Vocabulary.Name(e.Kind)];
        string?[] parties = [null, .. e.Parties];
        string?[] measures = [null, .. e.Measures.Select(m => Vocabulary.Name(m))];
        foreach (var k in kinds)
        foreach (var p in parties)
        foreach (var m in measures)
            yield return Name(k, p, m);
    }

    // Free text is escaped ('=', '.', ',' and ';' included), so no party can read as another field or end the header's value.
    static string Name(string? kind, string? party, string? measure)
    {
        var name = new StringBuilder(Prefix);
        if (kind is not null) name.Append(".kind=").Append(kind);
        if (party is not null) name.Append(".party=").Append(Uri.EscapeDataString(party).Replace(".", "%2E", StringComparison.Ordinal));
        if (measure is not null) name.Append(".measure=").Append(measure);
        return name.ToString();
    }
}

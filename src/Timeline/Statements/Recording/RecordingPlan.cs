// What recording a set of statements means, given what is already recorded: a pure decision, so the
// rules are tested by calling it. StatementRecorder loads what is recorded, decides, and writes the plan.
namespace Timeline.Statements.Recording;

// Outcomes: one answer per statement, in order; their sequences are the log's to give, filled in once committed.
public sealed record RecordingPlan(
    IReadOnlyDictionary<Guid, List<object>> NewStreams,
    IReadOnlyDictionary<Guid, List<object>> Appends,
    IReadOnlyList<RecordedStatement> Outcomes)
{
    // New content starts a stream; known content is a duplicate, and a duplicate carried by an
    // outlet not yet among the statement's appearances — or quoted from an archived article it
    // has not yet been tied to — adds that appearance.
    public static RecordingPlan Decide(IReadOnlyList<NewStatement> statements, IReadOnlyDictionary<Guid, Statement> existing)
    {
        var starts = new Dictionary<Guid, List<object>>();
        var appends = new Dictionary<Guid, List<object>>();
        var appearances = new Dictionary<Guid, List<Source>>();
        var articles = new Dictionary<Guid, HashSet<Guid>>();
        var outcomes = new List<RecordedStatement>(statements.Count);
        foreach (var s in statements)
        {
            if (!existing.ContainsKey(s.Id) && !starts.ContainsKey(s.Id))
            {
                starts[s.Id] = [s.ToEvent()];
                appearances[s.Id] = [s.Source];
                articles[s.Id] = s.Article is { } first ? [first.Id] : [];
                outcomes.Add(new RecordedStatement(s.Id, Sequence: 0, Duplicate: false, SourceAdded: false));
                continue;
            }
            if (!appearances.TryGetValue(s.Id, out var seen)) appearances[s.Id] = seen = [.. existing[s.Id].Appearances];
            if (!articles.TryGetValue(s.Id, out var quoted)) articles[s.Id] = quoted = [.. existing[s.Id].Articles()];
            var added = !seen.Any(a => Statement.SameSource(a, s.Source)) || (s.Article is { } article && !quoted.Contains(article.Id));
            if (added)
            {
                seen.Add(s.Source);
                if (s.Article is { } tied) quoted.Add(tied.Id);
                var target = starts.TryGetValue(s.Id, out var started) ? started
                    : appends.TryGetValue(s.Id, out var pending) ? pending
                    : appends[s.Id] = [];
                target.Add(new StatementRepublished(s.Id, s.Source, s.Quote, s.RecordedBy, s.Article));
            }
            outcomes.Add(new RecordedStatement(s.Id, Sequence: 0, Duplicate: true, SourceAdded: added));
        }
        return new RecordingPlan(starts, appends, outcomes);
    }
}

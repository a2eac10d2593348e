// Timeline.Statements: statements recorded (by kind) and duplicates refused.
using System.Diagnostics.Metrics;
using Timeline.Http;
using Timeline.Statements.Recording;

namespace Timeline.Statements;

public sealed class StatementMetrics
{
    readonly Counter<long> _recorded;
    readonly Counter<long> _duplicates;

    public StatementMetrics(IMeterFactory meters)
    {
        var meter = meters.Create("Timeline.Statements");
        _recorded = meter.CreateCounter<long>("timeline.statements.recorded", "{statement}", "Statements recorded, by kind and by how they were written (copy: a large batch's by COPY; ahead: a few new ones numbered ahead, in one round trip; direct: a few new ones numbered under the append lock, in two; session: through Marten's session)");
        _duplicates = meter.CreateCounter<long>("timeline.statements.duplicates", "{statement}",
            "Statements not recorded again because the same statement already was (a new outlet may still be added)");
    }

    public void Count(IReadOnlyList<NewStatement> statements, RecordingPlan plan, string path)
    {
        var pathTag = new KeyValuePair<string, object?>("path", path);
        foreach (var s in statements.Where(s => plan.NewStreams.ContainsKey(s.Id)).DistinctBy(s => s.Id))
            _recorded.Add(1, new KeyValuePair<string, object?>("kind", Vocabulary.Name(s.Kind)), pathTag);
        if (plan.Outcomes.Count(o => o.Duplicate) is var duplicates and > 0) _duplicates.Add(duplicates);
    }
}

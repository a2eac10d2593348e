// A projection that can be rebuilt from the event log while the service goes on answering.
// Each capability owns its projections' storage and registers how to rebuild them; Admin runs
// them in turn and reports the progress they give.
namespace Timeline.EventLog;

public interface IProjectionRebuild
{
    // The projection's name, how it is kept (inline, async) and the questions it answers.
    ProjectionDescription Description { get; }

    // How many items (streams, events) the rebuild will report as processed: its share of the progress total.
    Task<long> CountWorkAsync(CancellationToken ct);

    Task RebuildAsync(RebuildProgress progress, CancellationToken ct);
}

public sealed record ProjectionDescription(string Name, string Lifecycle, string Answers);

// Where a rebuild has got to: the phase it is in, and how many streams or events it has processed.
public sealed class RebuildProgress(Action<string> phase, Action<long> processed)
{
    public void Phase(string name) => phase(name);
    public void Processed(long count) => processed(count);
}

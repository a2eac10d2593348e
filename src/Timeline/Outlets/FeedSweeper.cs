// Wakes every feed whose poll is overdue, at start and then every so often: a wake-up lost to a
// crash between a poll and scheduling the next is made good without anyone asking. Extra wake-ups
// cost nothing: the poller checks, under its lock, that the feed is due.
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Timeline.Outlets;

public sealed class FeedSweeper(IDocumentStore store, IServiceProvider services, TimeProvider clock, IOptions<OutletOptions> options,
    ILogger<FeedSweeper> logger) : BackgroundService
{
    // Later than a scheduled wake-up is ever late, so the sweeper does not race the schedule.
    static readonly TimeSpan Overdue = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var before = clock.GetUtcNow() - Overdue;
                await using var session = store.QuerySession();
                var due = await session.Query<FeedPollState>().Where(s => s.NextPollAt <= before).Select(s => s.Id).ToListAsync(stop);
                var watched = (await session.LoadManyAsync<WatchedFeed>(stop, due.ToArray())).Where(f => f.RemovedAt is null);
                await using var scope = services.CreateAsyncScope();
                var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
                foreach (var feed in watched) await bus.PublishAsync(new PollFeed(feed.Id));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                logger.LogWarning("Looking for overdue feed polls failed ({Error})", e.Message);
            }
            try { await Task.Delay(options.Value.SweepEvery, clock, stop); } catch (OperationCanceledException) { return; }
        }
    }
}

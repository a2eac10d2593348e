// Waiting on a condition rather than a clock: poll until it holds, fail with what was seen if it never does.
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Timeline.Tests.Support;

public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> holds, TimeSpan? timeout = null, string what = "the condition")
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var seen = await probe();
            if (holds(seen)) return seen;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what} did not hold in time; last seen: {seen}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Waits until the webhook fan-out has processed every event up to <paramref name="sequence"/>: from
    /// then on, every delivery those events owe exists, and none that they do not owe ever will.
    /// </summary>
    public static Task FanOutReachedAsync(this IAlbaHost host, long sequence) =>
        Until(async () =>
            {
                var progress = await host.Services.GetRequiredService<IDocumentStore>().Advanced.AllProjectionProgress();
                return progress.Where(p => p.ShardName.StartsWith("WebhookFanOut", StringComparison.Ordinal)).Select(p => p.Sequence).DefaultIfEmpty(0).Max();
            },
            reached => reached >= sequence, what: $"the webhook fan-out reaching sequence {sequence}");
}

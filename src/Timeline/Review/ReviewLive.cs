// GET /api/review/live: what a review desk needs to stay current, as Server-Sent Events — the
// counts when they change (`counts`), and each article archived from now on (`article`, with how
// many candidates it brought). Woken by the instance's shared feed pump (one NOTIFY listener per
// instance), never by polling; the same caps on open streams as /api/subscribe.
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Timeline.Feed;
using Timeline.Http;
using Timeline.Statements;

namespace Timeline.Review;

public sealed record ArticleArrived(Guid ArticleId, Source Source, DateTimeOffset ArchivedAt, long Sequence, int Candidates);

public static class ReviewLive
{
    const int Page = 100;

    public static async Task Stream(HttpContext http, IDocumentStore store, FeedPump pump, SseConnections connections,
        IOptions<FeedOptions> options, IOptions<JsonOptions> json)
    {
        var ct = http.RequestAborted;
        using var slot = connections.TryOpen(ClientAddress.Key(http.Connection.RemoteIpAddress));
        if (slot is null)
        {
            http.Response.Headers.RetryAfter = "10";
            await TypedResults.Problem("Too many live streams are open (from this address, or in all). Close one, or try again later.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many streams").ExecuteAsync(http);
            return;
        }
        var position = await pump.LatestAsync(ct);
        using var subscribed = pump.Subscribe();
        SseWriter.Prepare(http.Response);
        var sse = new SseWriter(http.Response);
        var heartbeat = options.Value.SseHeartbeat;
        var serializer = json.Value.SerializerOptions;
        ReviewCounts? sent = null;
        try
        {
            await sse.RetryAsync(TimeSpan.FromSeconds(3), ct);
            var articlesAfter = position;
            while (!ct.IsCancellationRequested)
            {
                int arrived;
                await using (var session = store.QuerySession())
                {
                    var from = articlesAfter;
                    var articles = await session.Query<QueuedArticle>().Where(a => a.Sequence > from).OrderBy(a => a.Sequence).Take(Page).ToListAsync(ct);
                    foreach (var a in articles)
                    {
                        var data = JsonSerializer.SerializeToUtf8Bytes(new ArticleArrived(a.Id, a.Source, a.ArchivedAt, a.Sequence, a.Candidates), serializer);
                        await sse.EventAsync(a.Sequence, "article", data, ct);
                        articlesAfter = a.Sequence;
                    }
                    arrived = articles.Count;
                    var counts = await GetReview.CountsAsync(session, ct);
                    if (counts != sent)
                    {
                        await sse.EventAsync(null, "counts", JsonSerializer.SerializeToUtf8Bytes(counts, serializer), ct);
                        sent = counts;
                    }
                    await sse.FlushAsync(ct);
                }
                if (arrived == Page) continue; // more than a page arrived: read on before waiting
                // The pump's mark moves with every event (decisions and statements too), each of which may change the counts.
                if (!await pump.WaitAsync(position, heartbeat, ct))
                {
                    await sse.CommentAsync("heartbeat", ct);
                    continue;
                }
                position = Math.Max(position, pump.TryReadAfter(position, int.MaxValue)?.LastScanned ?? await pump.LatestAsync(ct));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (IOException) when (ct.IsCancellationRequested) { }
    }
}

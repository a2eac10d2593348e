// The database commands one request ran: the request is sent with a trace of its own (W3C
// traceparent), and only Npgsql's command activities in that trace are counted, so other tests'
// queries running beside it are not.
using System.Diagnostics;
using System.Net;
using Alba;

namespace Timeline.Tests.Support;

public static class QueriesOf
{
    public static async Task<(HttpStatusCode Status, string Body, IReadOnlyList<string> Queries)> GetCountingAsync(this IAlbaHost host, string url, string? accept = null)
    {
        var trace = ActivityTraceId.CreateRandom();
        var queries = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql" || source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Parent.TraceId == trace ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                // Commands only: opening a physical connection is traced too, without a query.
                if (activity.Source.Name == "Npgsql" && activity.TraceId == trace
                    && (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) is { } text)
                    queries.Enqueue(text.ToString() ?? "");
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var client = host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, body, [.. queries]);
    }
}

// An SSE client that behaves as a browser's EventSource: on a dropped stream it waits its reconnection
// delay and reconnects with Last-Event-ID. Its waits are the protocol's, not a test's.
using System.Globalization;
using System.Net.ServerSentEvents;

namespace Timeline.Tests.Support;

public sealed class Listener(string baseUrl, string path)
{
    readonly List<long> _received = [];
    public bool Connected { get; private set; }
    public int Reconnections { get; private set; }
    public IReadOnlyList<long> Received { get { lock (_received) return [.. _received]; } }

    public async Task RunAsync(CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = Timeout.InfiniteTimeSpan };
        string? last = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Accept.ParseAdd("text/event-stream");
                if (last is not null) request.Headers.Add("Last-Event-ID", last);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
                if (!response.IsSuccessStatusCode) { await Task.Delay(200, stop); continue; }
                await using var stream = await response.Content.ReadAsStreamAsync(stop);
                Connected = true;
                await foreach (var item in SseParser.Create(stream).EnumerateAsync(stop))
                {
                    if (item.EventId is not { Length: > 0 } id) continue;
                    last = id;
                    lock (_received) _received.Add(long.Parse(id, CultureInfo.InvariantCulture));
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e) when (e is HttpRequestException or IOException) { }
            if (stop.IsCancellationRequested) return;
            Reconnections++;
            try { await Task.Delay(300, stop); } catch (OperationCanceledException) { return; }
        }
    }
}

// An EventSource-like client kept lean for fan-outs of a thousand: ids only, on a shared HttpClient; on a
// dropped stream it waits its reconnection delay and reconnects with Last-Event-ID. Its waits are the
// protocol's, not a test's.
using System.Globalization;
using System.Net.ServerSentEvents;

namespace Timeline.Tests.Support;

public sealed class Subscriber(HttpClient http, string path)
{
    readonly List<long> _received = [];
    public bool Connected { get; private set; }
    /// <summary>Streams that were open and broke.</summary>
    public int Dropped { get; private set; }
    /// <summary>Subscribe requests answered with an error (tried again).</summary>
    public int Refused { get; private set; }
    public int Count { get { lock (_received) return _received.Count; } }
    public IReadOnlyList<long> Received { get { lock (_received) return [.. _received]; } }

    public async Task RunAsync(CancellationToken stop)
    {
        string? last = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Accept.ParseAdd("text/event-stream");
                if (last is not null) request.Headers.Add("Last-Event-ID", last);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
                if (!response.IsSuccessStatusCode) Refused++;
                else
                {
                    await using var stream = await response.Content.ReadAsStreamAsync(stop);
                    if (Connected) Dropped++;
                    Connected = true;
                    await foreach (var item in SseParser.Create(stream, (_, _) => "").EnumerateAsync(stop))
                    {
                        if (item.EventId is not { Length: > 0 } id) continue;
                        last = id;
                        lock (_received) _received.Add(long.Parse(id, CultureInfo.InvariantCulture));
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e) when (e is HttpRequestException or IOException) { }
            if (stop.IsCancellationRequested) return;
            try { await Task.Delay(300, stop); } catch (OperationCanceledException) { return; }
        }
    }
}

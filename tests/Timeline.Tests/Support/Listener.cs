// An SSE client that behaves as a browser's EventSource, kept lean for fan-outs of a thousand (ids only):
// on a dropped stream it waits its reconnection delay and reconnects with Last-Event-ID. Its waits are the
// protocol's, not a test's.
using System.Globalization;
using System.Net.ServerSentEvents;

namespace Timeline.Tests.Support;

public sealed class Listener
{
    readonly HttpClient? _shared;
    readonly string? _baseUrl;
    readonly string _path;
    readonly List<long> _received = [];

    /// <summary>A listener with a client of its own.</summary>
    public Listener(string baseUrl, string path) => (_baseUrl, _path) = (baseUrl, path);

    /// <summary>A listener on a client many share (one handler for every stream keeps a thousand cheap).</summary>
    public Listener(HttpClient shared, string path) => (_shared, _path) = (shared, path);

    public bool Connected { get; private set; }
    /// <summary>Streams that ended or failed, each followed by a reconnection.</summary>
    public int Reconnections { get; private set; }
    /// <summary>Streams that were open and broke (counted when the next one opens).</summary>
    public int Dropped { get; private set; }
    /// <summary>Subscribe requests answered with an error (tried again).</summary>
    public int Refused { get; private set; }
    /// <summary>What it would send as Last-Event-ID on reconnecting (as of the last stream that ended).</summary>
    public string? LastEventId { get; private set; }
    /// <summary>Each reconnection after a stream was open: the Last-Event-ID it sent, and the last event it had received then.</summary>
    public List<(string? Sent, long? Had)> Resumes { get; } = [];
    public int Count { get { lock (_received) return _received.Count; } }
    public IReadOnlyList<long> Received { get { lock (_received) return [.. _received]; } }

    public async Task RunAsync(CancellationToken stop)
    {
        using var own = _shared is null ? new HttpClient { BaseAddress = new Uri(_baseUrl!), Timeout = Timeout.InfiniteTimeSpan } : null;
        var http = _shared ?? own!;
        while (!stop.IsCancellationRequested)
        {
            var refused = false;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, _path);
                request.Headers.Accept.ParseAdd("text/event-stream");
                if (LastEventId is { } last) request.Headers.Add("Last-Event-ID", last);
                if (Connected) lock (_received) Resumes.Add((LastEventId, _received.Count > 0 ? _received[^1] : null));
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
                if (!response.IsSuccessStatusCode) { Refused++; refused = true; }
                else
                {
                    await using var stream = await response.Content.ReadAsStreamAsync(stop);
                    if (Connected) Dropped++;
                    Connected = true;
                    // As EventSource: an id sets the Last-Event-ID sent on reconnecting even in a block
                    // without data (which is no event).
                    var parser = SseParser.Create(stream, (_, data) => !data.IsEmpty);
                    try
                    {
                        await foreach (var item in parser.EnumerateAsync(stop))
                        {
                            if (!item.Data || item.EventId is not { Length: > 0 } id) continue;
                            lock (_received) _received.Add(long.Parse(id, CultureInfo.InvariantCulture));
                        }
                    }
                    finally
                    {
                        if (parser.LastEventId is { Length: > 0 } lastId) LastEventId = lastId;
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e) when (e is HttpRequestException or IOException) { }
            if (stop.IsCancellationRequested) return;
            if (!refused) Reconnections++;
            try { await Task.Delay(refused ? 200 : 300, stop); } catch (OperationCanceledException) { return; }
        }
    }
}

// Reads a Server-Sent Events stream with the independent System.Net.ServerSentEvents parser.
using System.Net.ServerSentEvents;
using System.Threading.Channels;
using Alba;

namespace Timeline.Tests.Support;

public sealed class SseClient : IAsyncDisposable
{
    readonly HttpClient _client;
    readonly HttpResponseMessage _response;
    readonly CancellationTokenSource _stop = new();
    readonly Channel<SseItem<string>> _items = Channel.CreateUnbounded<SseItem<string>>();
    readonly Task _reading;

    public TimeSpan? ReconnectionInterval { get; private set; }
    public HttpResponseMessage Response => _response;

    SseClient(HttpClient client, HttpResponseMessage response)
    {
        _client = client;
        _response = response;
        _reading = Task.Run(ReadAsync);
    }

    public static async Task<SseClient> ConnectAsync(IAlbaHost host, string url, string? lastEventId = null) =>
        await ConnectAsync(host.Server.CreateClient(), url, lastEventId);

    public static async Task<SseClient> ConnectAsync(HttpClient client, string url, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseClient(client, response);
    }

    async Task ReadAsync()
    {
        try
        {
            await using var stream = await _response.Content.ReadAsStreamAsync(_stop.Token);
            var parser = SseParser.Create(stream);
            await foreach (var item in parser.EnumerateAsync(_stop.Token))
            {
                ReconnectionInterval = parser.ReconnectionInterval;
                await _items.Writer.WriteAsync(item, _stop.Token);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested) { }
        finally { _items.Writer.TryComplete(); }
    }

    /// <summary>The next event, or a timeout failure.</summary>
    public async Task<SseItem<string>> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        try { return await _items.Reader.ReadAsync(cts.Token); }
        catch (OperationCanceledException) { throw new TimeoutException("no event arrived in time"); }
    }

    /// <summary>True when no event arrives within the wait.</summary>
    public async Task<bool> NothingWithinAsync(TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        try { await _items.Reader.WaitToReadAsync(cts.Token); return !_items.Reader.TryPeek(out _); }
        catch (OperationCanceledException) { return true; }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        try { await _reading; } catch { /* the stream was cut on purpose */ }
        _client.Dispose();
    }
}

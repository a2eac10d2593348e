// A real webhook receiver: Kestrel on a loopback port, answering with whatever the test scripts
// (a status, a delay, a Retry-After) and keeping every request it got.
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Timeline.Tests.Support;

public sealed record Received(DateTimeOffset At, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

public sealed class Receiver : IAsyncDisposable
{
    readonly ConcurrentQueue<(int Status, TimeSpan Delay, string? RetryAfter)> _script = new();
    readonly List<Received> _received = [];
    readonly SemaphoreSlim _arrived = new(0);
    WebApplication? _app;

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public string Url => $"{BaseUrl}/hook";

    Receiver(int port) => Port = port;

    /// <summary>A receiver on a free port, running unless told to start later (to play one that is down).</summary>
    public static async Task<Receiver> StartAsync(bool running = true)
    {
        var receiver = new Receiver(Ports.Free());
        if (running) await receiver.UpAsync();
        return receiver;
    }

    public async Task UpAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(BaseUrl);
        _app = builder.Build();
        // Every path: /hook for webhooks, /v1/traces and /v1/metrics for OTLP.
        _app.MapPost("/{**path}", async (HttpContext http) =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            var (status, delay, retryAfter) = _script.TryDequeue(out var next) ? next : (200, TimeSpan.Zero, null);
            if (delay > TimeSpan.Zero) await Task.Delay(delay);
            lock (_received) _received.Add(new Received(DateTimeOffset.UtcNow, http.Request.Path.Value ?? "", http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString()), body));
            _arrived.Release();
            if (retryAfter is not null) http.Response.Headers.RetryAfter = retryAfter;
            http.Response.StatusCode = status;
        });
        await _app.StartAsync();
    }

    public async Task DownAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>The next requests get these answers, in order; after them, 200.</summary>
    public void Answer(int status, int times = 1, TimeSpan delay = default, string? retryAfter = null)
    {
        for (var i = 0; i < times; i++) _script.Enqueue((status, delay, retryAfter));
    }

    public IReadOnlyList<Received> Requests { get { lock (_received) return [.. _received]; } }

    /// <summary>Waits until at least <paramref name="count"/> requests have arrived.</summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (Requests.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"expected {count} requests, got {Requests.Count}");
            await _arrived.WaitAsync(left);
        }
        return Requests;
    }

    public async ValueTask DisposeAsync() => await DownAsync();
}

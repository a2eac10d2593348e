// Publishes every event to Pushpin once per channel it belongs to, from one instance at a time: the
// one holding a session advisory lock on a connection of its own (another takes over within a
// second or two of its death, when PostgreSQL drops its session). Each message carries the event's
// sequence as its id and the channel's previous event as its prev-id, so Pushpin drops a message
// published twice (across a takeover) and asks the instances again when a subscriber missed one.
using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Timeline.EventLog;
using Timeline.Hosting;

namespace Timeline.Feed.Pushpin;

public sealed class PushpinPublisher : BackgroundService
{
    public const long LockKey = AppendOrder.LockKey + 2;
    static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);
    static readonly TimeSpan LeaseCheck = TimeSpan.FromSeconds(2);
    // Pushpin's handler refuses a publish body over 1 MB by default (push_in_http_max_body_size).
    const int MaxBody = 512 * 1024;

    readonly FeedPump pump;
    readonly FeedReader reader;
    readonly TimelineDatabase database;
    readonly HttpClient http;
    readonly PushpinOptions options;
    readonly ILogger<PushpinPublisher> logger;
    readonly Counter<long> _published;
    int _leading;

    public PushpinPublisher(FeedPump pump, FeedReader reader, TimelineDatabase database, IHttpClientFactory clients,
        IOptions<PushpinOptions> options, IMeterFactory meters, ILogger<PushpinPublisher> logger)
    {
        this.pump = pump;
        this.reader = reader;
        this.database = database;
        this.options = options.Value;
        this.logger = logger;
        http = clients.CreateClient(nameof(PushpinPublisher));
        var meter = meters.Create("Timeline.Feed");
        meter.CreateObservableGauge("timeline.feed.pushpin.publisher", () => Volatile.Read(ref _leading), "{instance}",
            "1 while this instance is the one publishing to Pushpin");
        _published = meter.CreateCounter<long>("timeline.feed.pushpin.messages", "{message}", "Messages this instance published to Pushpin (one per event and channel)");
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        // Every instance keeps the shared feed reading, so subscribe answers and a new publisher read from memory.
        using var warm = pump.Subscribe();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var lease = await TryLeadAsync(stop);
                if (lease is not null)
                {
                    Volatile.Write(ref _leading, 1);
                    logger.LogInformation("Publishing to Pushpin from this instance");
                    await PublishAsync(lease, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e)
            {
                logger.LogWarning("Publishing to Pushpin stopped ({Error}); trying again", e.Message);
            }
            finally { Volatile.Write(ref _leading, 0); }
            try { await Task.Delay(Retry, stop); } catch (OperationCanceledException) { }
        }
    }

    // A connection holding the publisher's lock, or null while another instance holds it.
    async Task<NpgsqlConnection?> TryLeadAsync(CancellationToken ct)
    {
        // Unpooled: closing it ends the session, and with it the lock.
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await conn.OpenAsync(ct);
            await using var take = new NpgsqlCommand("select pg_try_advisory_lock($1)", conn);
            take.Parameters.AddWithValue(LockKey);
            if ((bool)(await take.ExecuteScalarAsync(ct))!) return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
        await conn.DisposeAsync();
        return null;
    }

    async Task PublishAsync(NpgsqlConnection lease, CancellationToken stop)
    {
        await PublishedHeads.EnsureAsync(lease, stop);
        var (published, heads) = await PublishedHeads.LoadAsync(lease, stop);
        // The first publisher ever starts from what is recorded now: subscribers before it were held by the instances.
        var through = published ?? await reader.HighWaterMarkAsync(stop);
        if (published is null) await PublishedHeads.SaveAsync(lease, through, heads, stop);
        var checkedAt = Stopwatch.GetTimestamp();
        while (!stop.IsCancellationRequested)
        {
            var page = pump.TryReadAfter(through, 500) ?? await reader.ReadAfterAsync(through, 500, stop);
            if (page.LastScanned > through)
            {
                var moved = new Dictionary<string, long>(StringComparer.Ordinal);
                await PostAsync(page.Events, heads, moved, stop);
                // Saved on the lease's own session: an instance that lost the lock cannot move the heads.
                await PublishedHeads.SaveAsync(lease, page.LastScanned, moved, stop);
                through = page.LastScanned;
                checkedAt = Stopwatch.GetTimestamp();
                continue;
            }
            if (Stopwatch.GetElapsedTime(checkedAt) >= LeaseCheck)
            {
                await using var alive = new NpgsqlCommand("select 1", lease);
                await alive.ExecuteScalarAsync(stop);
                checkedAt = Stopwatch.GetTimestamp();
            }
            await pump.WaitAsync(through, LeaseCheck, stop);
        }
    }

    async Task PostAsync(IReadOnlyList<FeedEvent> events, Dictionary<string, long> heads, Dictionary<string, long> moved, CancellationToken stop)
    {
        var body = new ArrayBufferWriter<byte>(64 * 1024);
        var json = new Utf8JsonWriter(body);
        var items = 0;
        json.WriteStartObject();
        json.WriteStartArray("items");
        foreach (var e in events)
        {
            var id = e.Sequence.ToString(CultureInfo.InvariantCulture);
            var frame = e.ToSseFrame().Span;
            foreach (var channel in GripChannels.For(e))
            {
                json.WriteStartObject();
                json.WriteString("channel", channel);
                json.WriteString("id", id);
                json.WriteString("prev-id", heads.GetValueOrDefault(channel).ToString(CultureInfo.InvariantCulture));
                json.WriteStartObject("formats");
                json.WriteStartObject("http-stream");
                json.WriteString("content", frame);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
                heads[channel] = moved[channel] = e.Sequence;
                items++;
            }
            json.Flush();
            if (body.WrittenCount >= MaxBody)
            {
                await SendAsync(body, json, items, stop);
                body = new ArrayBufferWriter<byte>(64 * 1024);
                json = new Utf8JsonWriter(body);
                items = 0;
                json.WriteStartObject();
                json.WriteStartArray("items");
            }
        }
        if (items > 0) await SendAsync(body, json, items, stop);
    }

    // Sends one publish body, again and again until Pushpin takes it (messages must not be skipped).
    async Task SendAsync(ArrayBufferWriter<byte> body, Utf8JsonWriter json, int items, CancellationToken stop)
    {
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        await json.DisposeAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var content = new ReadOnlyMemoryContent(body.WrittenMemory);
                content.Headers.ContentType = new("application/json");
                using var response = await http.PostAsync(options.PublishUrl, content, stop);
                if (response.IsSuccessStatusCode)
                {
                    _published.Add(items);
                    return;
                }
                if (attempt == 1) logger.LogWarning("Pushpin refused a publish ({Status}); retrying", (int)response.StatusCode);
            }
            catch (HttpRequestException e)
            {
                if (attempt == 1) logger.LogWarning("Pushpin could not be reached ({Error}); retrying", e.Message);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * attempt)), stop);
        }
    }
}

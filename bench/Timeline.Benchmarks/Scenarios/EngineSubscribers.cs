// Twenty thousand subscribers through Pushpin, the fan-out engine: the service with its publisher
// on, Pushpin holding every stream; append → delivery beside the append round trip (and beside the
// in-process scenario's figure), and what each held stream costs Pushpin in memory.
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Timeline.Benchmarks;

public static partial class Scenarios
{
    public static async Task<IEnumerable<Result>> EngineSubscribersAsync(string serviceDb, string root, BenchOptions o)
    {
        // Each held stream is a descriptor in Pushpin and in this process: where the hard limit cannot be
        // raised (20,000 on the machine this was written on), a thousand fewer than it, and the report says so.
        var ceiling = DescriptorCeiling();
        var clients = o.Quick ? 1_000 : (int)Math.Min(20_000, ceiling - 1_000);
        if (clients < 20_000 && !o.Quick) Console.WriteLine($"engine: {clients:N0} subscribers, not 20,000: a process may hold {ceiling:N0} descriptors here");
        var posts = o.Quick ? 10 : 50;
        // Pushpin first (the service must know where to publish), routed to the service once it runs.
        await using var engine = await Pushpin.StartAsync(Path.Combine(root, "pushpin"), "http://127.0.0.1:9");
        if (engine is null)
        {
            Console.WriteLine("engine: pushpin is not installed (.ci/prepare --browser installs it); skipped");
            return [];
        }
        var environment = o.ServiceGcEnvironment();
        environment["ConnectionStrings__Timeline"] = serviceDb;
        environment["Timeline__Pushpin__Enabled"] = "true";
        environment["Timeline__Pushpin__PublishUrl"] = engine.PublishUrl;
        environment["Timeline__Pushpin__SignatureKey"] = engine.Key;
        await using var service = await Service.StartAsync(environment);
        await engine.RouteToAsync(service.BaseUrl);
        await WaitPublishingAsync(service);
        RaiseDescriptorLimit(clients + 900);

        Console.WriteLine($"engine: {clients:N0} SSE clients through Pushpin, {posts} appends …");
        // Plain sockets reading "id: N" lines, not an HttpClient per stream: at 20,000 streams the
        // benchmark process itself ran out of memory mappings (vm.max_map_count) with HttpClient.
        var target = new Uri(engine.BaseUrl);
        var endpoint = new IPEndPoint(IPAddress.Loopback, target.Port);
        var subscribe = Encoding.ASCII.GetBytes($"GET /api/subscribe?party=bench-engine HTTP/1.1\r\nHost: {target.Authority}\r\nAccept: text/event-stream\r\n\r\n");
        var arrivals = new System.Collections.Concurrent.ConcurrentDictionary<long, System.Collections.Concurrent.ConcurrentBag<long>>();
        using var stop = new CancellationTokenSource();
        var engineBefore = engine.RssMb();
        var serviceBefore = service.RssMb();
        var ready = 0;
        var refused = 0;
        var dropped = 0;
        string? firstFailure = null;
        var connecting = Progress.Start("connecting subscribers through Pushpin", clients);
        var readers = new List<Task>(clients);
        for (var i = 0; i < clients; i++)
        {
            // Several loopback source addresses, so no one address runs out of ports towards Pushpin.
            var source = IPAddress.Parse($"127.0.0.{2 + i % 4}");
            readers.Add(Task.Run(async () =>
            {
                var buffer = GC.AllocateUninitializedArray<byte>(4096, pinned: true);
                var held = false;
                while (!stop.IsCancellationRequested)
                {
                    using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                    try
                    {
                        socket.Bind(new IPEndPoint(source, 0));
                        await socket.ConnectAsync(endpoint, stop.Token);
                        await socket.SendAsync(subscribe, SocketFlags.None, stop.Token);
                        var refusal = await ReadIdsAsync(socket, buffer, () =>
                        {
                            if (held) Interlocked.Increment(ref dropped);
                            else
                            {
                                held = true;
                                Interlocked.Increment(ref ready);
                                connecting.Advance();
                            }
                        }, (ids, now) =>
                        {
                            foreach (var id in ids) arrivals.GetOrAdd(id, _ => []).Add(now);
                        }, stop.Token);
                        if (refusal is not null)
                        {
                            Interlocked.CompareExchange(ref firstFailure, refusal, null);
                            Interlocked.Increment(ref refused);
                        }
                    }
                    catch (OperationCanceledException) { return; }
                    catch (SocketException e)
                    {
                        Interlocked.CompareExchange(ref firstFailure, e.Message, null);
                        Interlocked.Increment(ref refused);
                    }
                    try { await Task.Delay(500, stop.Token); } catch (OperationCanceledException) { return; }
                }
            }));
            // In waves of 100, each let in once the one before is held: a few hundred subscribe requests at once
            // had Pushpin's handler (on these 2 shared cores) refuse or drop some.
            if (i % 100 == 99)
                for (var wait = Stopwatch.StartNew(); Volatile.Read(ref ready) < i + 1 && wait.Elapsed < TimeSpan.FromSeconds(20);) await Task.Delay(10);
        }
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref ready) < clients && deadline.Elapsed < TimeSpan.FromMinutes(3)) await Task.Delay(100);
        connecting.Dispose();
        if (ready < clients) Console.WriteLine($"engine: only {ready:N0} of {clients:N0} connected (the first failure: {firstFailure})");
        await Task.Delay(1000);
        var engineConnected = engine.RssMb();
        var serviceConnected = service.RssMb();

        var latencies = new List<double>();
        var roundTrips = new List<double>();
        var delivered = 0L;
        using var appending = Progress.Start($"appends to {ready:N0} clients through Pushpin", posts);
        for (var i = 0; i < posts; i++)
        {
            appending.Advance();
            var statement = Generator.Statements(1, seed: 22_000 + i)[0];
            statement["figure"]!["party"] = "bench-engine";
            statement["quote"] = $"engine {i}";
            var start = Stopwatch.GetTimestamp();
            using var posted = await service.Http.PostAsync("/api/statements", new StringContent(statement.ToJsonString(), Encoding.UTF8, "application/json"));
            var answered = Stopwatch.GetTimestamp();
            var sequence = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt64();
            roundTrips.Add(Stopwatch.GetElapsedTime(start, answered).TotalMilliseconds);
            var wait = Stopwatch.StartNew();
            while ((!arrivals.TryGetValue(sequence, out var got) || got.Count < ready) && wait.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(5);
            if (arrivals.TryGetValue(sequence, out var all))
            {
                latencies.AddRange(all.Select(t => Stopwatch.GetElapsedTime(start, t).TotalMilliseconds));
                delivered += all.Count;
            }
            await Task.Delay(200);
        }
        await stop.CancelAsync();
        try { await Task.WhenAll(readers); } catch (Exception) { /* streams cut on purpose */ }
        var expected = (long)posts * clients;
        var perConnection = ready == 0 ? 0 : (engineConnected - engineBefore) * 1024 / ready;
        var label = $"{clients:N0} clients through Pushpin";
        return
        [
            new("engine", $"p50 append→SSE ({label})", Stats.Percentile(latencies, 50), Stats.Percentile(roundTrips, 50), "ms", "—",
                Note: $"{delivered:N0}/{expected:N0} delivered; {refused:N0} subscribe attempts refused and tried again, {dropped:N0} streams dropped and resumed"),
            new("engine", $"p99 append→SSE ({label})", Stats.Percentile(latencies, 99), Stats.Percentile(roundTrips, 99), "ms", "measured",
                Failed: delivered < expected,
                Note: $"{delivered:N0}/{expected:N0} delivered" + (ready < clients ? $"; {clients - ready:N0} clients never connected: {firstFailure}" : "")),
            new("engine", $"Pushpin RSS, {label} open", engineConnected, null, "MB", "measured",
                Note: $"{engineBefore:N0} MB before connecting; {perConnection:N1} KB per held stream; the service {serviceBefore:N0} → {serviceConnected:N0} MB"),
        ];
    }

    /// <summary>Reads a subscribe request's answer on a socket to its end: the opening status line's first bytes when it
    /// is not 200 (nothing else read), else null once the stream ends, having called <paramref name="held"/> at its
    /// start and <paramref name="arrived"/> with the ids each read carried and when it came.</summary>
    static async Task<string?> ReadIdsAsync(Socket socket, byte[] buffer, Action held, Action<List<long>, long> arrived, CancellationToken ct)
    {
        var first = true;
        var reader = new IdLines();
        var ids = new List<long>(4);
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
            if (read == 0) return null;
            if (first)
            {
                first = false;
                if (!buffer.AsSpan(0, read).StartsWith("HTTP/1.1 200"u8)) return Encoding.ASCII.GetString(buffer, 0, Math.Min(read, 12));
                held();
            }
            var now = Stopwatch.GetTimestamp();
            ids.Clear();
            reader.Read(buffer.AsSpan(0, read), ids);
            if (ids.Count > 0) arrived(ids, now);
        }
    }

    /// <summary>The ids of the SSE frames in a byte stream read in pieces ("\nid: 123\n", split anywhere).</summary>
    sealed class IdLines
    {
        static ReadOnlySpan<byte> Marker => "\nid: "u8;
        int _matched;
        long _value;
        bool _digits;

        public void Read(ReadOnlySpan<byte> data, List<long> ids)
        {
            foreach (var b in data)
            {
                if (_digits)
                {
                    if (b is >= (byte)'0' and <= (byte)'9') { _value = _value * 10 + (b - '0'); continue; }
                    ids.Add(_value);
                    _digits = false;
                }
                if (b == Marker[_matched])
                {
                    if (++_matched == Marker.Length) { _digits = true; _value = 0; _matched = 0; }
                }
                else _matched = b == '\n' ? 1 : 0;
            }
        }
    }

    /// <summary>Waits until the service says it publishes to Pushpin (subscribers before that would be held by the service itself).</summary>
    static async Task WaitPublishingAsync(Service service)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(30); await Task.Delay(200))
            if ((await service.Http.GetStringAsync("/metrics")).Split('\n').Any(l => l.StartsWith("timeline_feed_pushpin_publisher", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal)))
                return;
        throw new TimeoutException("the service did not start publishing to Pushpin");
    }

    [StructLayout(LayoutKind.Sequential)]
    struct Limit { public ulong Current, Max; }

    [DllImport("libc", SetLastError = true)]
    static extern int getrlimit(int resource, out Limit limit);

    [DllImport("libc", SetLastError = true)]
    static extern int setrlimit(int resource, ref Limit limit);

    /// <summary>The most descriptors a process may hold here (its hard limit, or what root may raise it to).</summary>
    static ulong DescriptorCeiling()
    {
        const int NoFile = 7;
        if (!OperatingSystem.IsLinux() || getrlimit(NoFile, out var limit) != 0) return 1_000_000;
        var wanted = new Limit { Current = limit.Current, Max = Math.Max(limit.Max, 1_000_000) };
        return setrlimit(NoFile, ref wanted) == 0 ? 1_000_000 : limit.Max;
    }

    /// <summary>Room for this many sockets in the benchmark's own process (as root the hard limit may be raised too).</summary>
    static void RaiseDescriptorLimit(int needed)
    {
        const int NoFile = 7; // RLIMIT_NOFILE on Linux
        if (!OperatingSystem.IsLinux() || getrlimit(NoFile, out var limit) != 0 || limit.Current >= (ulong)needed) return;
        var raised = new Limit { Current = (ulong)needed, Max = Math.Max(limit.Max, (ulong)needed) };
        if (setrlimit(NoFile, ref raised) != 0)
        {
            raised = new Limit { Current = limit.Max, Max = limit.Max };
            setrlimit(NoFile, ref raised);
        }
    }
}

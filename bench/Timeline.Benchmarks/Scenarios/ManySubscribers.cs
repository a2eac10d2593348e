// Ten thousand live subscribers on one instance: every event to every client, append → delivery
// beside the append round trip, and what each open stream costs the service in memory.

using System.Net;
using System.Net.Sockets;

namespace Timeline.Benchmarks;

public static partial class Scenarios
{
    public static async Task<IEnumerable<Result>> ManySubscribersAsync(Service service, BenchOptions o)
    {
        var clients = o.Quick ? 1_000 : 10_000;
        var posts = o.Quick ? 10 : 50;
        Console.WriteLine($"subscribers: {clients:N0} SSE clients, {posts} appends …");
        // Plain sockets reading "id: N" lines, as the engine scenario's: the readers share the service's 2 cores,
        // and an HttpClient with an SSE parser per stream spent more of them than the service's own writes did.
        // Each reader keeps its arrivals to itself; one shared counter says when an event has reached them all.
        var endpoint = new IPEndPoint(IPAddress.Loopback, new Uri(service.BaseUrl).Port);
        var subscribe = Encoding.ASCII.GetBytes($"GET /api/subscribe?party=bench-many HTTP/1.1\r\nHost: {new Uri(service.BaseUrl).Authority}\r\nAccept: text/event-stream\r\n\r\n");
        var arrivals = new List<(long Id, long At)>[clients];
        long arrived = 0;
        // A new stream first says where it starts ("id: N" with no event): ids up to the highest of those are not
        // counted as arrivals; until the appends begin, nothing is (the floor is set then).
        long startedAt = 0;
        var floor = long.MaxValue;
        using var stop = new CancellationTokenSource();
        var before = service.RssMb();
        var ready = 0;
        var failed = 0;
        string? firstFailure = null;
        var connecting = Progress.Start("connecting subscribers", clients);
        var readers = new List<Task>(clients);
        for (var i = 0; i < clients; i++)
        {
            var mine = arrivals[i] = new List<(long, long)>(posts + 4);
            readers.Add(Task.Run(async () =>
            {
                var buffer = GC.AllocateUninitializedArray<byte>(4096, pinned: true);
                using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await socket.ConnectAsync(endpoint, stop.Token);
                    await socket.SendAsync(subscribe, SocketFlags.None, stop.Token);
                    var refusal = await ReadIdsAsync(socket, buffer, () =>
                    {
                        Interlocked.Increment(ref ready);
                        connecting.Advance();
                    }, (ids, now) =>
                    {
                        foreach (var id in ids)
                        {
                            mine.Add((id, now));
                            if (id > Volatile.Read(ref floor)) Interlocked.Increment(ref arrived);
                            else for (var seen = Volatile.Read(ref startedAt); id > seen && Interlocked.CompareExchange(ref startedAt, id, seen) != seen; seen = Volatile.Read(ref startedAt)) { }
                        }
                    }, stop.Token);
                    if (refusal is not null)
                    {
                        Interlocked.CompareExchange(ref firstFailure, refusal, null);
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (OperationCanceledException) { }
                catch (SocketException e)
                {
                    Interlocked.CompareExchange(ref firstFailure, e.Message, null);
                    Interlocked.Increment(ref failed);
                }
            }));
            if (i % 200 == 199) await Task.Delay(50); // opened in waves, as readers arrive on a busy day
        }
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref ready) + Volatile.Read(ref failed) < clients && deadline.Elapsed < TimeSpan.FromMinutes(3)) await Task.Delay(100);
        connecting.Dispose();
        if (ready < clients) Console.WriteLine($"subscribers: only {ready:N0} of {clients:N0} connected ({failed:N0} refused or failed; the first: {firstFailure})");
        await Task.Delay(1000);
        var connected = service.RssMb();
        service.ResetPeakRss();

        var roundTrips = new List<double>();
        var started = new Dictionary<long, long>();
        Volatile.Write(ref floor, Volatile.Read(ref startedAt));
        // One append, waited for until every stream has it (or 30 s): when it was sent, answered, and its sequence.
        var sent = 0;
        async Task<(long Start, long Answered, long Sequence)> Append()
        {
            var i = sent++;
            var statement = Generator.Statements(1, seed: 12_000 + i)[0];
            statement["figure"]!["party"] = "bench-many";
            statement["quote"] = $"many {i}";
            var start = Stopwatch.GetTimestamp();
            using var posted = await service.Http.PostAsync("/api/statements", new StringContent(statement.ToJsonString(), Encoding.UTF8, "application/json"));
            var answered = Stopwatch.GetTimestamp();
            var sequence = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt64();
            var wait = Stopwatch.StartNew();
            while (Volatile.Read(ref arrived) < (long)sent * ready && wait.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(5);
            return (start, answered, sequence);
        }
        // Three appends first, delivered to every stream and not measured: the first event through 10,000 fresh
        // streams was otherwise measured while the JIT (the service's and the readers') compiled its paths, and it
        // alone is a tenth of a p99 over 50 appends. Its latency is printed.
        for (var w = 0; w < 3; w++)
        {
            var (start, _, _) = await Append();
            Console.WriteLine($"  warm-up append {w + 1}: at every stream {Stopwatch.GetElapsedTime(start).TotalMilliseconds:N0} ms after it was sent");
            await Task.Delay(200);
        }
        await Task.Delay(1500); // the exporter answers scrapes from a short-lived cache
        var gcBefore = await service.GcAsync();
        var jitAtStart = await service.JitAsync();
        using (var appending = Progress.Start($"appends to {ready:N0} clients", posts))
            for (var i = 0; i < posts; i++)
            {
                appending.Advance();
                var (start, answered, sequence) = await Append();
                started[sequence] = start;
                roundTrips.Add(Stopwatch.GetElapsedTime(start, answered).TotalMilliseconds);
                await Task.Delay(200);
            }
        var peak = service.PeakRssMb();
        await Task.Delay(1500);
        var gcAfter = await service.GcAsync();
        var jitAtEnd = await service.JitAsync();
        var gc = $"service GC during the appends: {gcAfter.Collections - gcBefore.Collections} collections ({gcAfter.Gen2 - gcBefore.Gen2} gen2), {gcAfter.PausedMs - gcBefore.PausedMs:N0} ms paused; the JIT compiled {jitAtEnd.Methods - jitAtStart.Methods:N0} methods in {jitAtEnd.Seconds - jitAtStart.Seconds:N2} s";
        await stop.CancelAsync();
        try { await Task.WhenAll(readers); } catch (Exception) { /* streams cut on purpose */ }
        // Every reader has ended: its arrivals are read here, matched to the appends by sequence (an event a
        // client got twice counts once, so a duplicate cannot hide a loss).
        var latencies = new List<double>(posts * clients);
        var delivered = 0L;
        foreach (var mine in arrivals)
            foreach (var (id, at) in mine.DistinctBy(a => a.Id))
                if (started.TryGetValue(id, out var start))
                {
                    latencies.Add(Stopwatch.GetElapsedTime(start, at).TotalMilliseconds);
                    delivered++;
                }
        var expected = (long)posts * clients;
        var perConnection = ready == 0 ? 0 : (connected - before) * 1024 / ready;
        var label = $"{clients:N0} clients";
        return
        [
            new("subscribers", $"p50 append→SSE ({label})", Stats.Percentile(latencies, 50), Stats.Percentile(roundTrips, 50), "ms", "—",
                Note: $"{delivered:N0}/{expected:N0} delivered"),
            new("subscribers", $"p99 append→SSE ({label})", Stats.Percentile(latencies, 99), Stats.Percentile(roundTrips, 99), "ms", "≤ 10× append round trip",
                Failed: delivered < expected,
                Note: $"{delivered:N0}/{expected:N0} delivered; {gc}" + (ready < clients ? $"; {clients - ready:N0} clients never connected: {firstFailure}" : "")),
            new("subscribers", $"service RSS, {label} open", peak, null, "MB", "< 1 GB", Failed: peak >= 1024,
                Note: $"{before:N0} MB before connecting; {perConnection:N1} KB per open stream"),
        ];
    }
}

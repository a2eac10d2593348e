// Loopback ports for servers the tests start in other processes (PostgreSQL, Patroni, etcd, nginx,
// a service, a receiver). They are probed here and bound there a moment later, so they are chosen
// outside the kernel's ephemeral range: a port the kernel hands out (port 0, or the local end of any
// outgoing connection) may be taken in that moment. One was: a Patroni node's port (32778) was in
// use by the time the node started.
using System.Net;
using System.Net.Sockets;

namespace Timeline.Tests.Support;

public static class Ports
{
    const int Lowest = 10_000, Highest = 65_535;
    static readonly HashSet<int> Given = [];
    static readonly (int Low, int High) Ephemeral = EphemeralRange();

    /// <summary>A base port with <paramref name="count"/> free ports from it, outside the ephemeral range, not given before in this run.</summary>
    public static int Free(int count = 1)
    {
        // Below the ephemeral range, or above it when there is no room below.
        var (from, to) = Ephemeral.Low - count > Lowest ? (Lowest, Ephemeral.Low - count) : (Ephemeral.High + 1, Highest - count);
        lock (Given)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var port = Random.Shared.Next(from, to);
                // Not one handed out already: its server may not have bound it yet.
                if (Enumerable.Range(port, count).Any(Given.Contains)) continue;
                if (!AllFree(port, count)) continue;
                Given.UnionWith(Enumerable.Range(port, count));
                return port;
            }
        }
        throw new InvalidOperationException($"no run of {count} free ports outside the ephemeral range");
    }

    static bool AllFree(int port, int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, port + i);
                listener.Start();
                listeners.Add(listener);
            }
            return true;
        }
        catch (SocketException) { return false; }
        finally { foreach (var l in listeners) l.Stop(); }
    }

    static (int, int) EphemeralRange()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
                .Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
                .Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return (range[0], range[1]);
        }
        catch (IOException) { return (32_768, 60_999); } // Linux's default
    }
}

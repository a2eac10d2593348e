// Loopback ports for servers the tests start in other processes (PostgreSQL, Patroni, etcd, nginx,
// a service, a receiver). They are probed here and bound there a moment later, so they are chosen
// below the kernel's ephemeral range: a port the kernel hands out (port 0, or the local end of any
// outgoing connection) can be taken in that moment, and once was (a Patroni node's port, by a
// connection of a test running beside it).
using System.Net;
using System.Net.Sockets;

namespace Timeline.Tests.Support;

public static class Ports
{
    const int Lowest = 10_000;
    static readonly HashSet<int> Given = [];

    /// <summary>A base port with <paramref name="count"/> free ports from it, outside the ephemeral range.</summary>
    public static int Free(int count = 1)
    {
        var ceiling = EphemeralLow() - count;
        lock (Given) return FreeFrom(ceiling, count);
    }

    static int FreeFrom(int ceiling, int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(Lowest, ceiling);
            // Not one handed out already: its server may not have bound it yet.
            if (Enumerable.Range(port, count).Any(Given.Contains)) continue;
            var listeners = new List<TcpListener>();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var listener = new TcpListener(IPAddress.Loopback, port + i);
                    listener.Start();
                    listeners.Add(listener);
                }
                Given.UnionWith(Enumerable.Range(port, count));
                return port;
            }
            catch (SocketException) { }
            finally { foreach (var l in listeners) l.Stop(); }
        }
        throw new InvalidOperationException($"no run of {count} free ports below the ephemeral range");
    }

    static int EphemeralLow()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 32_768; }
    }
}

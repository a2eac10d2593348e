// The client a per-client limit counts. An IPv6 client is its /64: a subscriber is usually given a
// whole /64, so counted per address one host could take 2^64 buckets and never be limited.
using System.Net;
using System.Net.Sockets;

namespace Timeline.Http;

public static class ClientAddress
{
    public static string Key(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4(); // a dual-stack socket's IPv4 client is that IPv4 address
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear(); // the interface identifier (and the scope) go; the network stays
        return new IPAddress(bytes) + "/64";
    }
}

// Where a webhook may be delivered: public internet addresses only, so the service cannot be made
// to probe its own network (loopback, RFC 1918, link-local and cloud metadata, CGNAT, unique-local,
// multicast, unspecified, and IPv4 hidden inside IPv6). Checked when a webhook is registered (the
// URL's host, and what its name resolves to) and again on every connection, against the address
// actually connected to, so a name that resolves elsewhere later (DNS rebinding) gets nowhere.
// Timeline:Webhooks:AllowPrivateAddresses lets a private deployment (or the tests) opt out.
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Timeline.Webhooks;

// Name resolution, replaceable so tests can play a name that changes its answer.
public interface IReceiverResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}

public sealed class DnsResolver : IReceiverResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}

public sealed class ReceiverRefusedException(string message) : HttpRequestException(message);

public sealed class ReceiverAddresses
{
    readonly IReceiverResolver resolver;
    readonly Func<bool> allowPrivate;
    readonly IReadOnlySet<IPAddress> alsoAllowed;
    readonly string receiver;

    public ReceiverAddresses(IReceiverResolver resolver, IOptions<WebhookOptions> options) : this(resolver, () => options.Value.AllowPrivateAddresses, new HashSet<IPAddress>(), "receiver") { }

    // The same guard for another kind of outbound request (feeds): its own switch, the addresses it trusts, its own word for the other end.
    public ReceiverAddresses(IReceiverResolver resolver, Func<bool> allowPrivate, IReadOnlySet<IPAddress> alsoAllowed, string receiver)
    {
        this.resolver = resolver;
        this.allowPrivate = allowPrivate;
        this.alsoAllowed = alsoAllowed;
        this.receiver = receiver;
    }

    bool AllowPrivate => allowPrivate();

    bool Allowed(IPAddress a) => IsPublic(a) || alsoAllowed.Contains(a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a);

    // Why the URL may not receive webhooks, or null if it may (names that do not resolve yet are let through).
    public async Task<string?> RefusalAsync(Uri url, CancellationToken ct)
    {
        if (AllowPrivate) return null;
        if (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal))
            return Allowed(literal) ? null : $"must not point at a private, loopback, link-local or otherwise non-public address ({literal})";
        if (url.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase) || url.IdnHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return "must not point at this machine (localhost)";
        IPAddress[] addresses;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            addresses = await resolver.ResolveAsync(url.IdnHost, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException) { return null; }
        return addresses.FirstOrDefault(a => !Allowed(a)) is { } inner
            ? $"must not point at a name that resolves to a non-public address ({url.IdnHost} is {inner})"
            : null;
    }

    // SocketsHttpHandler.ConnectCallback: resolve, refuse any non-public address, connect to what was checked.
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await resolver.ResolveAsync(host, ct);
        if (!AllowPrivate && addresses.FirstOrDefault(a => !Allowed(a)) is { } refused)
            throw new ReceiverRefusedException($"the {receiver}'s address {refused} is not a public one; nothing was sent");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // Whether an address is on the public internet (IPv4 inside IPv6 judged as the IPv4 it carries).
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return IsPublic(address.MapToIPv4());
        if (address.AddressFamily == AddressFamily.InterNetwork) return IsPublicV4(address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        var b = address.GetAddressBytes();
        if (IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6None.Equals(address)) return false;
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast) return false;
        if ((b[0] & 0xFE) == 0xFC) return false;                                        // fc00::/7 unique-local
        if (b.Take(12).All(x => x == 0)) return false;                                  // ::/96, IPv4-compatible and unspecified
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) return IsPublicV4(b[12..]); // 64:ff9b::/96 NAT64
        if (b[0] == 0x20 && b[1] == 0x02) return IsPublicV4(b[2..6]);                   // 2002::/16 6to4
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) return false;       // 2001::/32 Teredo
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) return false; // 2001:db8::/32 documentation
        return (b[0] & 0xE0) == 0x20;                                                   // 2000::/3 global unicast only
    }

    static bool IsPublicV4(byte[] b) => !(
        b[0] is 0 or 10 or 127 or >= 224                    // "this" network, private, loopback, multicast and reserved, broadcast
        || (b[0] == 100 && (b[1] & 0xC0) == 64)             // 100.64.0.0/10 CGNAT
        || (b[0] == 169 && b[1] == 254)                     // link-local, cloud metadata (169.254.169.254)
        || (b[0] == 172 && (b[1] & 0xF0) == 16)             // 172.16.0.0/12
        || (b[0] == 192 && b[1] == 168)                     // 192.168.0.0/16
        || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)     // IETF protocol assignments, TEST-NET-1
        || (b[0] == 198 && (b[1] & 0xFE) == 18)             // 198.18.0.0/15 benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)       // TEST-NET-2
        || (b[0] == 203 && b[1] == 0 && b[2] == 113));      // TEST-NET-3
}

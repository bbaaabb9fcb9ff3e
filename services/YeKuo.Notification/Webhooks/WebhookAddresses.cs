using System.Net;
using System.Net.Sockets;

namespace YeKuo.Notification.Webhooks;

/// <summary>Classifies addresses the way the dispatcher must see them: an IPv4 address written as IPv6 is judged as IPv4.</summary>
public static class WebhookAddresses
{
    /// <summary>
    /// The IPv4 address inside an IPv4-mapped (<c>::ffff:a.b.c.d</c>), IPv4-compatible (<c>::a.b.c.d</c>), NAT64
    /// (<c>64:ff9b::a.b.c.d</c>) or 6to4 (<c>2002:aabb:ccdd::</c>) IPv6 address; any other address as it is.
    /// </summary>
    public static IPAddress Normalize(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        var firstTwelveZero = bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0;
        if (firstTwelveZero && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && bytes[15] <= 1))
        {
            // ::a.b.c.d (deprecated IPv4-compatible); :: and ::1 stay IPv6.
            return new IPAddress(bytes.AsSpan(12, 4));
        }
        if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b && bytes.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }
        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return new IPAddress(bytes.AsSpan(2, 4));
        }
        return address;
    }

    public static WebhookAddressKind Classify(IPAddress address)
    {
        address = Normalize(address);
        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return b[0] switch
            {
                0 => WebhookAddressKind.Unspecified,
                127 => WebhookAddressKind.Loopback,
                10 => WebhookAddressKind.Private,
                172 when b[1] is >= 16 and <= 31 => WebhookAddressKind.Private,
                192 when b[1] == 168 => WebhookAddressKind.Private,
                169 when b[1] == 254 => WebhookAddressKind.LinkLocal,
                100 when b[1] is >= 64 and <= 127 => WebhookAddressKind.Shared,
                >= 224 and <= 239 => WebhookAddressKind.Multicast,
                >= 240 => WebhookAddressKind.Reserved,
                192 when b[1] == 0 && b[2] is 0 or 2 => WebhookAddressKind.Reserved,
                198 when b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100) => WebhookAddressKind.Reserved,
                203 when b[1] == 0 && b[2] == 113 => WebhookAddressKind.Reserved,
                _ => WebhookAddressKind.Public,
            };
        }
        if (address.Equals(IPAddress.IPv6None))
        {
            return WebhookAddressKind.Unspecified;
        }
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return WebhookAddressKind.Loopback;
        }
        if (b[0] == 0xff)
        {
            return WebhookAddressKind.Multicast;
        }
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
        {
            return WebhookAddressKind.LinkLocal;
        }
        if ((b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0))
        {
            return WebhookAddressKind.Private;
        }
        // Only 2000::/3 is global unicast; within it, documentation (2001:db8::/32) and Teredo (2001::/32) are not targets.
        var globalUnicast = (b[0] & 0xe0) == 0x20;
        var documentationOrTeredo = b[0] == 0x20 && b[1] == 0x01 && ((b[2] == 0x0d && b[3] == 0xb8) || (b[2] == 0 && b[3] == 0));
        return globalUnicast && !documentationOrTeredo ? WebhookAddressKind.Public : WebhookAddressKind.Reserved;
    }
}

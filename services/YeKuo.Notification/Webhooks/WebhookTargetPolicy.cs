using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace YeKuo.Notification.Webhooks;

/// <summary>
/// The one rule for where a webhook may go, applied when a partner registers a URL and again in the dispatcher's connect
/// step (<see cref="WebhookConnector"/>), so a name that later resolves elsewhere (DNS rebinding) is caught where the
/// socket connects. Names are resolved, then every address is judged (IPv4 written as IPv6 counts as IPv4): public
/// addresses only; loopback with <see cref="WebhookOptions.AllowLoopback"/> (local runs), private ranges with
/// <see cref="WebhookOptions.AllowPrivate"/>; link-local, shared (100.64/10), unspecified, multicast and reserved
/// addresses and cloud metadata names never.
/// </summary>
public sealed class WebhookTargetPolicy(IOptions<WebhookOptions> options, IWebhookAddressResolver resolver)
{
    /// <summary>Name suffixes that only ever mean a private network.</summary>
    private static readonly string[] PrivateSuffixes = [".internal", ".local", ".localdomain", ".home.arpa", ".lan", ".intranet", ".corp"];

    /// <summary>The host of a URL as the checks compare it: IDN in punycode, lower case, without brackets or a trailing dot.</summary>
    public static string HostOf(Uri url) => Normalize(url.HostNameType == UriHostNameType.IPv6 ? url.DnsSafeHost : url.IdnHost);

    public static string Normalize(string host) => host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();

    public async Task<WebhookTarget> CheckAsync(string host, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        host = Normalize(host);
        if (host.Length == 0)
        {
            return WebhookTarget.Refused(host, "The URL has no host.");
        }
        if (IPAddress.TryParse(host, out var literal))
        {
            return Judge(host, [literal], settings, resolved: false);
        }
        if (host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal))
        {
            // RFC 6761: localhost names are this machine, whatever DNS says.
            return Judge(host, [IPAddress.Loopback, IPAddress.IPv6Loopback], settings, resolved: false);
        }
        if (IsMetadataName(host))
        {
            return WebhookTarget.Refused(host, $"{host} is a cloud metadata name; webhooks go to partners' public hosts only.");
        }
        if (!settings.AllowPrivate && (!host.Contains('.') || PrivateSuffixes.Any(s => host.EndsWith(s, StringComparison.Ordinal))))
        {
            return WebhookTarget.Refused(host, $"{host} is a private network name; webhooks go to public host names only.");
        }
        if (settings.AllowedHosts.Count > 0 && !settings.AllowedHosts.Any(h => Normalize(h) == host))
        {
            return WebhookTarget.Refused(host, $"{host} is not one of the allowed webhook hosts.");
        }

        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            addresses = [];
        }
        return addresses.Length == 0
            ? WebhookTarget.Refused(host, $"{host} does not resolve to an address.")
            : Judge(host, addresses, settings, resolved: true);
    }

    /// <summary>Allowed only if every address is: one private answer among public ones is how rebinding starts.</summary>
    private static WebhookTarget Judge(string host, IReadOnlyList<IPAddress> addresses, WebhookOptions settings, bool resolved)
    {
        foreach (var address in addresses)
        {
            var kind = WebhookAddresses.Classify(address);
            var allowed = kind == WebhookAddressKind.Public
                || (kind == WebhookAddressKind.Loopback && settings.AllowLoopback)
                || (kind == WebhookAddressKind.Private && settings.AllowPrivate);
            if (!allowed)
            {
                return WebhookTarget.Refused(host, $"{host} {(resolved ? "resolves to" : "is")} {Describe(kind)}; webhooks go to public addresses only.");
            }
        }
        return new WebhookTarget(host, addresses.Select(WebhookAddresses.Normalize).Distinct().ToArray(), null);
    }

    private static bool IsMetadataName(string host) =>
        host == "instance-data" || host.StartsWith("instance-data.", StringComparison.Ordinal)
        || host.Split('.').Contains("metadata");

    private static string Describe(WebhookAddressKind kind) => kind switch
    {
        WebhookAddressKind.Loopback => "a loopback address",
        WebhookAddressKind.Private => "a private address",
        WebhookAddressKind.LinkLocal => "a link-local address",
        WebhookAddressKind.Shared => "a shared (carrier-grade NAT) address",
        WebhookAddressKind.Unspecified => "an unspecified address",
        WebhookAddressKind.Multicast => "a multicast address",
        _ => "a reserved address",
    };
}

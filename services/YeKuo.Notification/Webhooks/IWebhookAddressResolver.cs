using System.Net;

namespace YeKuo.Notification.Webhooks;

/// <summary>Resolves a webhook host name to addresses (DNS in production; tests supply their own, so nothing leaves the machine).</summary>
public interface IWebhookAddressResolver
{
    /// <summary>The host's addresses; none (or an exception) when it does not resolve.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>The system resolver.</summary>
public sealed class DnsWebhookAddressResolver : IWebhookAddressResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}

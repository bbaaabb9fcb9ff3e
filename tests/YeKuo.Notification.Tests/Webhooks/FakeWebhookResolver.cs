using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using YeKuo.Notification.Webhooks;

namespace YeKuo.Notification.Tests.Webhooks;

/// <summary>
/// DNS for the tests, answered in-process (no query leaves the machine): names set by a test, and nip.io-style names
/// that spell their address (<c>127.0.0.1.nip.io</c>); anything else does not resolve.
/// </summary>
public sealed class FakeWebhookResolver : IWebhookAddressResolver
{
    private readonly ConcurrentDictionary<string, IPAddress[]> _names = new(StringComparer.OrdinalIgnoreCase);

    public void Set(string host, params string[] addresses) => _names[host] = addresses.Select(IPAddress.Parse).ToArray();

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (_names.TryGetValue(host, out var addresses))
        {
            return Task.FromResult(addresses);
        }
        if (host.EndsWith(".nip.io", StringComparison.OrdinalIgnoreCase) && IPAddress.TryParse(host[..^".nip.io".Length], out var spelled))
        {
            return Task.FromResult(new[] { spelled });
        }
        throw new SocketException((int)SocketError.HostNotFound);
    }
}

/// <summary>
/// The dispatcher's connector with a guard: it records every address it was about to connect to and connects only to
/// loopback, so even a policy bug cannot make a test send a packet elsewhere (the test then fails on the record).
/// </summary>
public sealed class LoopbackOnlyConnector(WebhookTargetPolicy policy) : WebhookConnector(policy)
{
    private readonly ConcurrentQueue<IPEndPoint> _attempts = new();

    public IReadOnlyList<IPEndPoint> Attempts => _attempts.ToArray();

    protected override ValueTask ConnectSocketAsync(Socket socket, IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        _attempts.Enqueue(endpoint);
        return IPAddress.IsLoopback(endpoint.Address)
            ? base.ConnectSocketAsync(socket, endpoint, cancellationToken)
            : throw new SocketException((int)SocketError.AccessDenied);
    }
}

using System.Net;
using System.Net.Sockets;

namespace YeKuo.Notification.Webhooks;

/// <summary>
/// The dispatcher's connect step (<see cref="SocketsHttpHandler.ConnectCallback"/>): resolves the host itself, judges
/// every address with <see cref="WebhookTargetPolicy"/>, and connects only to an address it judged. The socket goes
/// exactly where the check looked, so neither DNS rebinding nor an address spelled another way gets past it.
/// </summary>
public class WebhookConnector(WebhookTargetPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var target = await policy.CheckAsync(context.DnsEndPoint.Host, cancellationToken);
        if (!target.IsAllowed)
        {
            throw new WebhookTargetRefusedException(target.Refusal!);
        }

        SocketException? last = null;
        foreach (var address in target.Addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await ConnectSocketAsync(socket, new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostUnreachable);
    }

    /// <summary>Connects <paramref name="socket"/> to an address the policy allowed (a seam for tests that must stay on loopback).</summary>
    protected virtual ValueTask ConnectSocketAsync(Socket socket, IPEndPoint endpoint, CancellationToken cancellationToken) =>
        socket.ConnectAsync(endpoint, cancellationToken);
}

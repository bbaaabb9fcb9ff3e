using System.Collections.Concurrent;
using System.Net.Sockets;

namespace YeKuo.Gateway;

/// <summary>
/// How the forwarder connects to a service that is restarting (after a crash, during a deploy). A refused connection
/// (or one reset while being made) means the service never saw the request, so connecting again cannot do anything twice: the gateway keeps trying, with
/// a short backoff, while that service has been refusing for less than the hold (<c>Forwarding:HoldWhileRefusedSeconds</c>,
/// default 15 s; a killed service listens again after 3–8 s on the 2-core machine), and the caller gets the service's
/// answer instead of a 502. Once a service has refused for longer than the hold, requests to it fail at once (502) until
/// it accepts a connection again, so a service that stays down does not pile up waiting requests. A connection lost after
/// the request was sent is <see cref="ResendLostRequests"/>' concern: the service may have acted on it.
/// </summary>
public sealed class RestartHold(TimeSpan hold, TimeProvider time)
{
    public const string HoldSetting = "Forwarding:HoldWhileRefusedSeconds";

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromMilliseconds(500);

    /// <summary>Since when (timestamp) each host:port has refused every connection.</summary>
    private readonly ConcurrentDictionary<string, long> _refusingSince = new();

    public TimeSpan Hold => hold;

    public static RestartHold From(IConfiguration configuration, TimeProvider time) =>
        new(TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue(HoldSetting, 15.0))), time);

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/>: the default connect, repeated while refused within the hold.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var key = $"{endpoint.Host}:{endpoint.Port}";
        var backoff = FirstBackoff;
        while (true)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(endpoint, cancellationToken);
                _refusingSince.TryRemove(key, out _);
                return new NetworkStream(socket, ownsSocket: true);
            }
            // Reset: the dying process's kernel took the connection into its listen backlog and reset it.
            catch (SocketException refused) when (refused.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
            {
                socket.Dispose();
                var remaining = hold - time.GetElapsedTime(_refusingSince.GetOrAdd(key, _ => time.GetTimestamp()));
                if (remaining <= TimeSpan.Zero)
                {
                    throw;
                }
                await Task.Delay(backoff < remaining ? backoff : remaining, time, cancellationToken);
                backoff = backoff * 2 < LongestBackoff ? backoff * 2 : LongestBackoff;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }
}

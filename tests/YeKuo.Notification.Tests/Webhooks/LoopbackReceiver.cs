using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace YeKuo.Notification.Tests.Webhooks;

/// <summary>
/// A webhook receiver on one port of both loopback addresses (127.0.0.1 and ::1), so a delivery that reaches this
/// machine by any spelling (<c>[::]</c>, <c>[::ffff:127.0.0.1]</c>, <c>localhost.</c>) is counted. Answers 204.
/// </summary>
public sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly TcpListener _v4;
    private readonly TcpListener _v6;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;
    private readonly ConcurrentQueue<string> _requests = new();

    public LoopbackReceiver()
    {
        _v4 = new TcpListener(IPAddress.Loopback, 0);
        _v4.Start();
        Port = ((IPEndPoint)_v4.LocalEndpoint).Port;
        _v6 = new TcpListener(IPAddress.IPv6Loopback, Port);
        _v6.Start();
        _loops = [AcceptAsync(_v4), AcceptAsync(_v6)];
    }

    public int Port { get; }

    /// <summary>The request lines received (e.g. <c>POST /hooks HTTP/1.1</c>).</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = AnswerAsync(client);
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                var requestLine = await reader.ReadLineAsync(_stop.Token) ?? "";
                _requests.Enqueue(requestLine);
                await stream.WriteAsync("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _v4.Stop();
        _v6.Stop();
        await Task.WhenAll(_loops);
        _stop.Dispose();
    }
}

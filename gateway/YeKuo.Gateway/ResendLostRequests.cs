using System.Net.Sockets;
using YeKuo.ServiceDefaults;

namespace YeKuo.Gateway;

/// <summary>
/// A request whose connection was lost before the answer came (its service killed while working on it, or before it read
/// the request) is sent again,
/// up to twice, each time on a new connection (<paramref name="resends"/>), whose connect waits in
/// <see cref="RestartHold"/> for the service to come back.
/// <list type="bullet">
/// <item>A read (GET, HEAD) is simply sent again: reading twice changes nothing.</item>
/// <item>A write is sent again with <see cref="RequestHeaders.Resent"/> and its <see cref="RequestHeaders.RequestId"/>
/// unchanged: the service answers 409 "already carried out" when the first copy committed (its audit row commits with the
/// change), and carries it out when it did not. Its body is held in memory for that (up to
/// <see cref="LargestResendableBody"/>; a larger one is streamed as before and answered 502 when lost).</item>
/// </list>
/// A connection that was never made is not resent here: <see cref="RestartHold"/> already waited for it. Writes are resent
/// only to the department services (<paramref name="resendWrites"/>), which all keep that rule; the web front end does not.
/// </summary>
public sealed class ResendLostRequests(HttpMessageHandler inner, HttpMessageHandler resends, bool resendWrites) : DelegatingHandler(inner)
{
    /// <summary>Sends the resends: on a new connection each (the pooled ones may have died with the service).</summary>
    private readonly HttpMessageInvoker _resends = new(resends, disposeHandler: true);

    public const int LargestResendableBody = 1 << 20;

    private const int Attempts = 3;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!await CanResendAsync(request, cancellationToken))
        {
            return await base.SendAsync(request, cancellationToken);
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return attempt == 1
                    ? await base.SendAsync(request, cancellationToken)
                    : await _resends.SendAsync(request, cancellationToken);
            }
            catch (Exception lost) when (attempt < Attempts && !cancellationToken.IsCancellationRequested && IsLost(lost))
            {
                if (!IsRead(request) && !request.Headers.Contains(RequestHeaders.Resent))
                {
                    request.Headers.TryAddWithoutValidation(RequestHeaders.Resent, "1");
                }
            }
        }
    }

    /// <summary>
    /// The connection broke: after the request was sent (the response ended, or the write failed), or while it was being
    /// set up. The latter surfaces as a bare <see cref="SocketException"/> when a killed service's kernel accepted the
    /// connection into its listen backlog and reset it a moment later (the handler reads the socket's remote end point
    /// after our connect, and that read throws "not connected"); the request was never sent then.
    /// </summary>
    private static bool IsLost(Exception exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.Unknown } or SocketException;

    /// <summary>A read without a body; or a write whose service can recognise a second copy, its body now in memory.</summary>
    private async Task<bool> CanResendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (IsRead(request))
        {
            return request.Content is null;
        }
        if (!resendWrites || !request.Headers.Contains(RequestHeaders.RequestId))
        {
            return false;
        }
        if (request.Content is not { } streamed)
        {
            return true;
        }
        if (streamed.Headers.ContentLength is > LargestResendableBody)
        {
            return false;
        }
        // The forwarder's content copies the caller's body once; a byte array can be sent any number of times. The
        // server's own request body limit bounds a body of unknown length.
        var held = new ByteArrayContent(await streamed.ReadAsByteArrayAsync(cancellationToken));
        foreach (var (name, values) in streamed.Headers.NonValidated)
        {
            held.Headers.TryAddWithoutValidation(name, values);
        }
        request.Content = held;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _resends.Dispose();
        }
        base.Dispose(disposing);
    }

    private static bool IsRead(HttpRequestMessage request) => request.Method == HttpMethod.Get || request.Method == HttpMethod.Head;
}

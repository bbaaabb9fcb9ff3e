namespace YeKuo.Gateway;

/// <summary>
/// A GET or HEAD whose connection was lost before the answer came (its service killed while working on it) is sent
/// again, up to twice: reading again changes nothing, and the next connect waits in <see cref="RestartHold"/> for the
/// service to come back. Any other method is answered 502 instead: the service may have acted on it, and only the caller
/// can tell whether to send it again (a repeated completion is answered 409 "already Completed"). A connection that was
/// never made is not resent here: <see cref="RestartHold"/> already waited for it.
/// </summary>
public sealed class ResendLostReads(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private const int Attempts = 3;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!IsRead(request))
        {
            return await base.SendAsync(request, cancellationToken);
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException lost) when (attempt < Attempts && !cancellationToken.IsCancellationRequested
                && lost.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.Unknown)
            {
            }
        }
    }

    private static bool IsRead(HttpRequestMessage request) =>
        (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head) && request.Content is null;
}

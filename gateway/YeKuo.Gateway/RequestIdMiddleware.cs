using System.Diagnostics;
using YeKuo.ServiceDefaults;

namespace YeKuo.Gateway;

/// <summary>
/// Every request gets an <c>X-Request-Id</c> (the caller's when it sent a sane one), forwarded to the service, echoed
/// in the response and tagged on the trace, so a customer's complaint can be matched to logs. A caller's
/// <c>X-Request-Resent</c> is dropped: only the gateway's own resend (<see cref="ResendLostRequests"/>) says so.
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[RequestHeaders.RequestId].ToString();
        var requestId = IsAcceptable(incoming) ? incoming : Guid.NewGuid().ToString("N");
        context.Request.Headers[RequestHeaders.RequestId] = requestId;
        context.Request.Headers.Remove(RequestHeaders.Resent);
        context.Response.Headers[RequestHeaders.RequestId] = requestId;
        Activity.Current?.SetTag("http.request.id", requestId);
        return next(context);
    }

    private static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}

using Yarp.ReverseProxy.Forwarder;

namespace YeKuo.Gateway;

/// <summary>
/// A request the gateway could not get answered (the service down past <see cref="RestartHold"/>, its connection lost,
/// no answer in time) gets a ProblemDetails body naming the service and, for 502/503, a <c>Retry-After</c>, instead
/// of YARP's empty answer. The status stays YARP's: 502 (no answer), 503 (no destination), 504 (timed out).
/// </summary>
public static class ForwarderErrors
{
    private const int RetryAfterSeconds = 2;

    public static void UseForwarderProblemDetails(this IReverseProxyApplicationBuilder proxy) => proxy.Use(async (context, next) =>
    {
        await next();
        if (context.GetForwarderErrorFeature() is not { } error || context.Response.HasStarted || context.Response.StatusCode < 500)
        {
            return;
        }
        var service = context.GetReverseProxyFeature().Route.Config.ClusterId;
        var status = context.Response.StatusCode;
        if (status is StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = status,
                Title = status == StatusCodes.Status504GatewayTimeout ? $"The {service} service did not answer in time." : $"The {service} service could not be reached.",
                Detail = NeverReached(error)
                    ? "The request did not reach the service; send it again in a moment."
                    : "The connection to the service was lost; the request may or may not have been carried out. Check before sending it again.",
            },
        });
    });

    /// <summary>No connection to the service was made (or it broke while being set up), so it cannot have acted on the request.</summary>
    private static bool NeverReached(IForwarderErrorFeature error) =>
        error.Error is ForwarderError.NoAvailableDestinations
        || error.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } or System.Net.Sockets.SocketException;
}

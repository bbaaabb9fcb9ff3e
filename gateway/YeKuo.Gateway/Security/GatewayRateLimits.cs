using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace YeKuo.Gateway.Security;

/// <summary>
/// Per-client rate limits at the front door: public endpoints (the calendar, token issuing, submissions) get a
/// token bucket per client address; an exceeded limit answers 429 with <c>Retry-After</c>.
/// </summary>
public static class GatewayRateLimits
{
    public const string Public = "public";

    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("RateLimits:Public:PermitsPerWindow", 60);
        var window = TimeSpan.FromSeconds(configuration.GetValue("RateLimits:Public:WindowSeconds", 10));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Public, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientKey(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests.", Detail = "Slow down and retry after the time in Retry-After." },
                });
            };
        });
        return services;
    }

    /// <summary>The client: its authenticated subject when known, else its address.</summary>
    private static string ClientKey(HttpContext context) =>
        context.User.FindFirst("sub")?.Value is { } subject ? "sub:" + subject : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}

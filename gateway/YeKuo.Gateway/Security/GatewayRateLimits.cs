using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using YeKuo.ServiceDefaults.Security;

namespace YeKuo.Gateway.Security;

/// <summary>
/// Rate limits at the front door, each counted both per client address and per token subject, so that minting more
/// tokens (or sharing one) buys no more requests:
/// <list type="bullet">
/// <item>public endpoints (calendar, policies, dev tokens; the <see cref="Public"/> policy): <c>RateLimits:Public:*</c>;</item>
/// <item>state-changing requests (POST, PUT, PATCH, DELETE) under <c>/api</c>: <c>RateLimits:Writes:*</c>, a user's own
/// limit and a larger one for their address (an office behind one NAT).</item>
/// </list>
/// Beyond a limit: 429 with <c>Retry-After</c> and a ProblemDetails body. The counters are this gateway instance's; the
/// per-customer limit on submissions is counted by Acceptance in its database, whatever gateway a request came through.
/// </summary>
public static class GatewayRateLimits
{
    public const string Public = "public";

    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var publicWindow = TimeSpan.FromSeconds(configuration.GetValue("RateLimits:Public:WindowSeconds", 10));
        var publicPermits = configuration.GetValue("RateLimits:Public:PermitsPerWindow", 60);
        var writeWindow = TimeSpan.FromSeconds(configuration.GetValue("RateLimits:Writes:WindowSeconds", 10));
        var writePermits = configuration.GetValue("RateLimits:Writes:PermitsPerWindow", 30);
        var writePermitsPerAddress = configuration.GetValue("RateLimits:Writes:PermitsPerAddress", 300);

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // The public policy's own partition is the address; its subject partition is in the global chain below.
            limiter.AddPolicy(Public, context => Window("public:" + AddressOf(context), publicPermits, publicWindow));
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsPublic(context) && SubjectOf(context) is { } subject ? Window("public-sub:" + subject, publicPermits, publicWindow) : Unlimited()),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsWrite(context) ? Window("write:" + AddressOf(context), writePermitsPerAddress, writeWindow) : Unlimited()),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsWrite(context) && SubjectOf(context) is { } subject ? Window("write-sub:" + subject, writePermits, writeWindow) : Unlimited()));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : publicWindow;
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

    private static RateLimitPartition<string> Window(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true,
        });

    private static RateLimitPartition<string> Unlimited() => RateLimitPartition.GetNoLimiter("");

    /// <summary>A public route's request (the calendar, policies, dev tokens): those carry the <see cref="Public"/> policy.</summary>
    private static bool IsPublic(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Public
        || GatewayRoutes.PublicPrefixes.Any(p => context.Request.Path.StartsWithSegments(p));

    private static bool IsWrite(HttpContext context) =>
        !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        && context.Request.Path.StartsWithSegments("/api");

    private static string? SubjectOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? UserAccess.SubjectOf(context.User) : null;

    /// <summary>
    /// The client's address: the connection's, or the one a trusted proxy forwarded (<c>ForwardedHeaders</c>, see
    /// <c>Gateway:TrustedProxies</c>); never a header the client set itself.
    /// </summary>
    private static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

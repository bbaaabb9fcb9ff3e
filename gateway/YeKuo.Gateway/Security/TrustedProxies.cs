using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace YeKuo.Gateway.Security;

/// <summary>
/// <c>Gateway:TrustedProxies</c>: the addresses or networks (CIDR) of the load balancer or ingress in front of the
/// gateway. Only a request that arrives from one of them may say, in <c>X-Forwarded-For</c>, which client it carries;
/// the rate limits then count that client. With none configured the connection's address counts and the header is
/// ignored, so a client cannot pick its own rate-limit bucket.
/// </summary>
public static class TrustedProxies
{
    public const string Key = "Gateway:TrustedProxies";

    public static WebApplication UseTrustedForwardedHeaders(this WebApplication app)
    {
        var trusted = app.Configuration.GetSection(Key).Get<string[]>() ?? [];
        if (trusted.Length == 0)
        {
            return app;
        }
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in trusted)
        {
            if (entry.Contains('/'))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
            }
            else
            {
                options.KnownProxies.Add(IPAddress.Parse(entry));
            }
        }
        app.UseForwardedHeaders(options);
        return app;
    }
}

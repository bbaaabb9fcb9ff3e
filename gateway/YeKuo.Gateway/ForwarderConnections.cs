using Yarp.ReverseProxy.Forwarder;

namespace YeKuo.Gateway;

/// <summary>
/// How the forwarder reaches the services, in one place:
/// <list type="bullet">
/// <item>no activity propagator, so SocketsHttpHandler leaves out its DiagnosticsHandler and makes no client span per hop
/// (<see cref="TraceContextForwarding"/> writes the server span's context on the request instead);</item>
/// <item>connections go through <see cref="RestartHold"/>, and the connect timeout outlasts its hold;</item>
/// <item>a request whose connection was lost is sent again (<see cref="ResendLostRequests"/>).</item>
/// </list>
/// </summary>
public sealed class ForwarderConnections(RestartHold hold, ILogger<ForwarderHttpClientFactory> logger) : ForwarderHttpClientFactory(logger)
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ActivityHeadersPropagator = null;
        handler.ConnectCallback = hold.ConnectAsync;
        handler.ConnectTimeout = hold.Hold + TimeSpan.FromSeconds(15);
    }

    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler)
    {
        // Resends go out on connections of their own, never reused: the pool's idle connections to a service that was just
        // killed are dead, and a resend handed one of them would be lost again at once (seen in the chaos run).
        var fresh = new SocketsHttpHandler();
        ConfigureHandler(context, fresh);
        fresh.PooledConnectionLifetime = TimeSpan.Zero;
        return new ResendLostRequests(base.WrapHandler(context, handler), fresh, resendWrites: context.ClusterId != GatewayRoutes.WebService);
    }
}

public static class ForwarderConnectionsExtensions
{
    public static IReverseProxyBuilder ConfigureForwarderConnections(this IReverseProxyBuilder proxy, IConfiguration configuration)
    {
        proxy.Services.AddSingleton(RestartHold.From(configuration, TimeProvider.System));
        proxy.Services.AddSingleton<IForwarderHttpClientFactory, ForwarderConnections>();
        return proxy;
    }
}

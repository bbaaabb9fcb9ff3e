using Yarp.ReverseProxy.Forwarder;

namespace YeKuo.Gateway;

/// <summary>
/// The forwarder's HTTP handler, configured in this one place (a proxy takes a single <c>ConfigureHttpClient</c>):
/// <list type="bullet">
/// <item>no activity propagator, so SocketsHttpHandler leaves out its DiagnosticsHandler and makes no client span per hop
/// (<see cref="TraceContextForwarding"/> writes the server span's context on the request instead);</item>
/// <item>connections go through <see cref="RestartHold"/>, and the connect timeout outlasts its hold.</item>
/// </list>
/// </summary>
public static class ForwarderConnections
{
    public static IReverseProxyBuilder ConfigureForwarderConnections(this IReverseProxyBuilder proxy, IConfiguration configuration)
    {
        var hold = RestartHold.From(configuration, TimeProvider.System);
        proxy.Services.AddSingleton(hold);
        return proxy.ConfigureHttpClient((_, handler) =>
        {
            handler.ActivityHeadersPropagator = null;
            handler.ConnectCallback = hold.ConnectAsync;
            handler.ConnectTimeout = hold.Hold + TimeSpan.FromSeconds(15);
        });
    }
}

using System.Diagnostics;
using Yarp.ReverseProxy.Transforms;

namespace YeKuo.Gateway;

/// <summary>
/// A proxied request continues the gateway's own server span: its trace context is written on the forwarded request
/// (replacing the caller's trace headers), and the forwarder's HTTP handler makes no client span per hop. That span only
/// repeated the server span around it (same route, almost the same timing) and cost about as much CPU again; the
/// service's server span now hangs directly under the gateway's. The handler's side of it is in <see cref="ForwarderConnections"/>.
/// </summary>
public static class TraceContextForwarding
{
    public static IReverseProxyBuilder ForwardServerSpanContext(this IReverseProxyBuilder proxy) => proxy
        .AddTransforms(context => context.AddRequestTransform(transform =>
        {
            Inject(transform.ProxyRequest);
            return ValueTask.CompletedTask;
        }));

    private static void Inject(HttpRequestMessage request)
    {
        var propagator = DistributedContextPropagator.Current;
        foreach (var field in propagator.Fields)
        {
            request.Headers.Remove(field);
        }
        propagator.Inject(Activity.Current, request, static (carrier, name, value) =>
        {
            if (carrier is HttpRequestMessage message && value is not null)
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        });
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace YeKuo.AppHost.Infrastructure;

/// <summary>Readiness checks for executables that are not HTTP servers, so <c>WaitFor</c> waits until they serve.</summary>
public static class ReadinessChecks
{
    /// <summary>Healthy once the endpoint accepts a TCP connection on 127.0.0.1.</summary>
    public static IResourceBuilder<T> WithTcpHealthCheck<T>(this IResourceBuilder<T> resource, Func<T, EndpointReference> endpoint)
        where T : IResource
    {
        var key = $"{resource.Resource.Name}-tcp";
        resource.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(key, async cancellationToken =>
        {
            try
            {
                using var client = await ConnectAsync(endpoint(resource.Resource), cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is SocketException or IOException or InvalidOperationException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("not listening yet", e);
            }
        });
        return resource.WithHealthCheck(key);
    }

    /// <summary>Healthy once Redis answers <c>PING</c> with <c>+PONG</c> (it refuses commands while loading its data).</summary>
    public static IResourceBuilder<RedisServerResource> WithRedisPingHealthCheck(this IResourceBuilder<RedisServerResource> redis)
    {
        var key = $"{redis.Resource.Name}-ping";
        redis.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(key, async cancellationToken =>
        {
            try
            {
                using var client = await ConnectAsync(redis.Resource.Endpoint, cancellationToken);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
                var buffer = new byte[64];
                var read = await stream.ReadAsync(buffer, cancellationToken);
                var reply = Encoding.ASCII.GetString(buffer, 0, read);
                return reply.StartsWith("+PONG", StringComparison.Ordinal) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(reply.Trim());
            }
            catch (Exception e) when (e is SocketException or IOException or InvalidOperationException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("not answering yet", e);
            }
        });
        return redis.WithHealthCheck(key);
    }

    private static async Task<TcpClient> ConnectAsync(EndpointReference endpoint, CancellationToken cancellationToken)
    {
        if (!endpoint.IsAllocated)
        {
            throw new InvalidOperationException($"{endpoint.Resource.Name}: no port allocated yet.");
        }
        var client = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, endpoint.TargetPort ?? endpoint.Port, timeout.Token);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}

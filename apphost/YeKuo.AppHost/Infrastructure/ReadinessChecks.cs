using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace YeKuo.AppHost.Infrastructure;

/// <summary>Readiness checks for executables that are not HTTP servers, so <c>WaitFor</c> waits until they serve.</summary>
public static class ReadinessChecks
{
    /// <summary>Healthy once the Erlang port mapper answers a NAMES request (a bare connect would make it log a partial packet).</summary>
    public static IResourceBuilder<ErlangPortMapperResource> WithEpmdHealthCheck(this IResourceBuilder<ErlangPortMapperResource> epmd)
    {
        var key = $"{epmd.Resource.Name}-names";
        epmd.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(key, async cancellationToken =>
        {
            try
            {
                using var client = await ConnectAsync(epmd.Resource.Endpoint, cancellationToken);
                var stream = client.GetStream();
                // EPMD_NAMES_REQ: length 1, code 110; the answer starts with epmd's own port (4 bytes).
                await stream.WriteAsync(new byte[] { 0, 1, 110 }, cancellationToken);
                var buffer = new byte[4];
                var read = await stream.ReadAsync(buffer, cancellationToken);
                return read == 4 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("no NAMES answer");
            }
            catch (Exception e) when (e is SocketException or IOException or InvalidOperationException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("not listening yet", e);
            }
        });
        return epmd.WithHealthCheck(key);
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

using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace YeKuo.Acceptance.Progress;

/// <summary>Redis (the progress cache) answers a PING. Down is Degraded, not Unhealthy: the database still answers.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!redis.IsConnected)
            {
                return HealthCheckResult.Degraded("Redis is not connected; the progress view is served from the database.");
            }
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.#} ms");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Degraded("Redis does not answer; the progress view is served from the database.", ex);
        }
    }
}

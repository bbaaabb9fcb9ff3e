using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using YeKuo.Messaging;

namespace YeKuo.Acceptance.Progress;

public sealed class ProgressCacheOptions
{
    /// <summary><c>Progress:Cache</c> = on/off: serve the customer's progress from Redis (on) or always from the database (off).</summary>
    public string Cache { get; set; } = "on";

    /// <summary>How long a cached view lives without a refresh; bounds the staleness of a lost refresh.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(12);

    public bool Enabled => !string.Equals(Cache, "off", StringComparison.OrdinalIgnoreCase) && !string.Equals(Cache, "false", StringComparison.OrdinalIgnoreCase);
}

public enum CacheOutcome
{
    /// <summary>Served from Redis.</summary>
    Hit,

    /// <summary>Not in Redis: read from the database and written back.</summary>
    Miss,

    /// <summary>Redis is switched off or unreachable: read from the database.</summary>
    Bypass,
}

/// <summary>
/// The customer's progress view in Redis (<c>ConnectionStrings:cache</c>). Write-through for the views in use: consumers
/// refresh a cached view after their commit; the API fills it on a miss. Every Redis failure is logged and answered from the database instead, so
/// a Redis outage never fails a request or a consumer.
/// </summary>
public sealed class ProgressCache(
    IServiceProvider services, IServiceScopeFactory scopes, IOptions<ProgressCacheOptions> options, ILogger<ProgressCache> logger)
{
    private IDatabase? Redis => options.Value.Enabled ? services.GetService<IConnectionMultiplexer>()?.GetDatabase() : null;

    /// <summary>
    /// v3: the view says who acts on each step and where the application waits (customer waits); v2 held the view before
    /// that, v1 the view alone without its owner.
    /// </summary>
    public static string KeyOf(Guid applicationId) => $"yekuo:acceptance:progress:v3:{applicationId:N}";

    public bool Enabled => options.Value.Enabled && services.GetService<IConnectionMultiplexer>() is not null;

    public async Task<(CachedProgress? Progress, CacheOutcome Outcome)> GetAsync(Guid applicationId, ProgressReader reader, CancellationToken cancellationToken)
    {
        var redis = Redis;
        if (redis is not null)
        {
            try
            {
                var cached = await redis.StringGetAsync(KeyOf(applicationId));
                if (cached.HasValue)
                {
                    return (JsonSerializer.Deserialize<CachedProgress>(cached.ToString(), MessageJson.Options), CacheOutcome.Hit);
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or JsonException or ObjectDisposedException)
            {
                logger.LogWarning(ex, "Progress cache read failed for {ApplicationId}; answering from the database.", applicationId);
                redis = null;
            }
        }

        var snapshot = await reader.LoadAsync(applicationId, cancellationToken);
        if (snapshot is null)
        {
            return (null, redis is null ? CacheOutcome.Bypass : CacheOutcome.Miss);
        }
        var progress = ToCached(snapshot);
        if (redis is not null && await TryWriteAsync(redis, progress))
        {
            return (progress, CacheOutcome.Miss);
        }
        return (progress, CacheOutcome.Bypass);
    }

    /// <summary>
    /// Rebuilds a cached view from the database (committed state) and writes it; never throws. A view nobody has read
    /// (not in Redis) is not built: most applications change far more often than their customer looks, and the first read
    /// builds it from the same committed state.
    /// </summary>
    public async Task RefreshAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        var redis = Redis;
        if (redis is null)
        {
            return;
        }
        try
        {
            if (!await redis.KeyExistsAsync(KeyOf(applicationId)))
            {
                return;
            }
            await using var scope = scopes.CreateAsyncScope();
            var snapshot = await scope.ServiceProvider.GetRequiredService<ProgressReader>().LoadAsync(applicationId, cancellationToken);
            if (snapshot is null)
            {
                await redis.KeyDeleteAsync(KeyOf(applicationId));
                return;
            }
            await TryWriteAsync(redis, ToCached(snapshot));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The API rebuilds on a miss and the TTL bounds staleness; a refresh must not fail the consumer.
            logger.LogWarning(ex, "Progress cache refresh failed for {ApplicationId}.", applicationId);
            try
            {
                await redis.KeyDeleteAsync(KeyOf(applicationId), CommandFlags.FireAndForget);
            }
            catch (Exception)
            {
                // Redis is down: nothing cached can be served from it either.
            }
        }
    }

    private static CachedProgress ToCached(ProgressSnapshot snapshot) =>
        new(snapshot.Application.CustomerId, ProgressReader.ToCustomerView(snapshot));

    private async Task<bool> TryWriteAsync(IDatabase redis, CachedProgress cached)
    {
        var progress = cached.Progress;
        try
        {
            await redis.StringSetAsync(KeyOf(progress.ApplicationId), JsonSerializer.Serialize(cached, MessageJson.Options), options.Value.TimeToLive);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            logger.LogWarning(ex, "Progress cache write failed for {ApplicationId}.", progress.ApplicationId);
            return false;
        }
    }
}

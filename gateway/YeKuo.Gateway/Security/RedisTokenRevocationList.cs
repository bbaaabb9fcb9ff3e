using StackExchange.Redis;

namespace YeKuo.Gateway.Security;

/// <summary>
/// The revocation list in Redis (<c>ConnectionStrings:cache</c>), shared by every gateway instance: one key per
/// revoked token id, expiring with the token.
/// </summary>
public sealed class RedisTokenRevocationList(IConnectionMultiplexer redis, TimeProvider time) : ITokenRevocationList
{
    private const string Prefix = "yekuo:revoked-token:";

    public async Task RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var remaining = expiresAt - time.GetUtcNow() + TokenRevocation.ClockSkew;
        if (remaining > TimeSpan.Zero)
        {
            await redis.GetDatabase().StringSetAsync(Prefix + tokenId, "1", remaining);
        }
    }

    public Task<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken) =>
        redis.GetDatabase().KeyExistsAsync(Prefix + tokenId);
}

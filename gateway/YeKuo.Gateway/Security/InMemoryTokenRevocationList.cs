using System.Collections.Concurrent;

namespace YeKuo.Gateway.Security;

/// <summary>
/// The revocation list of a single gateway in Development without a cache: correct for one instance only, so any
/// other environment must configure Redis (<see cref="TokenRevocation"/> refuses to start otherwise).
/// </summary>
public sealed class InMemoryTokenRevocationList(TimeProvider time) : ITokenRevocationList
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);

    public Task RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (id, until) in _revoked)
        {
            if (until < now)
            {
                _revoked.TryRemove(id, out _);
            }
        }
        _revoked[tokenId] = expiresAt + TokenRevocation.ClockSkew;
        return Task.CompletedTask;
    }

    public Task<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken) =>
        Task.FromResult(_revoked.TryGetValue(tokenId, out var until) && until >= time.GetUtcNow());
}

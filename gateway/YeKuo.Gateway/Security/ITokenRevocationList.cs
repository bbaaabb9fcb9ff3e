namespace YeKuo.Gateway.Security;

/// <summary>
/// The ids (<c>jti</c>) of tokens signed out before they expired. An entry lives until its token would have expired:
/// after that the token is refused for its lifetime anyway, so the list never grows beyond the tokens still alive.
/// </summary>
public interface ITokenRevocationList
{
    Task RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    Task<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken);
}

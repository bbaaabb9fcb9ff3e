using System.Net.Http.Headers;

namespace YeKuo.Web.Auth;

/// <summary>
/// Signing out of the web app also ends the API token it held: <c>POST /auth/signout</c> at the gateway puts the
/// token on the revocation list until it expires, so a copy of it (or of the cookie) is worth nothing afterwards.
/// </summary>
public sealed partial class GatewaySignOut(HttpClient http, ILogger<GatewaySignOut> logger)
{
    /// <summary>Revokes <paramref name="accessToken"/>; false when the gateway could not be told (the cookie is cleared anyway).</summary>
    public async Task<bool> RevokeAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "auth/signout");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            // 401: already revoked or expired, nothing left to end.
            if (response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                return true;
            }
            LogNotRevoked((int)response.StatusCode);
            return false;
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway answered {Status} to sign-out: the token stays valid until it expires")]
    private partial void LogNotRevoked(int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway could not be reached to sign out: the token stays valid until it expires")]
    private partial void LogUnreachable(Exception exception);
}

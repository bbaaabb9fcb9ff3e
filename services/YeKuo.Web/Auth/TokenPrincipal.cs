using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.IdentityModel.JsonWebTokens;
using YeKuo.ServiceDefaults.Security;

namespace YeKuo.Web.Auth;

/// <summary>
/// The signed-in user as the web app sees them: the claims of their API token (<c>sub</c>, <c>role</c>,
/// <c>department</c>, <c>name</c>) plus the token itself, kept in the (encrypted, HTTP-only) auth cookie so that
/// pages call the APIs as that user. The services validate the token on every call.
/// </summary>
public static class TokenPrincipal
{
    public const string AccessTokenClaim = "access_token";

    public static ClaimsPrincipal FromToken(string accessToken, out DateTimeOffset expiresAt)
    {
        var jwt = new JsonWebTokenHandler().ReadJsonWebToken(accessToken);
        expiresAt = jwt.ValidTo == DateTime.MinValue ? DateTimeOffset.UtcNow.AddHours(1) : new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        var claims = jwt.Claims
            .Where(c => c.Type is ClaimNames.Subject or ClaimNames.Role or ClaimNames.Department or ClaimNames.Name)
            .Select(c => new Claim(c.Type, c.Value))
            .Append(new Claim(AccessTokenClaim, accessToken));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, ClaimNames.Subject, ClaimNames.Role));
    }

    public static string? AccessToken(this ClaimsPrincipal user) => user.FindFirst(AccessTokenClaim)?.Value;

    public static string Subject(this ClaimsPrincipal user) => user.FindFirst(ClaimNames.Subject)?.Value ?? "";

    public static string? Department(this ClaimsPrincipal user) => user.FindFirst(ClaimNames.Department)?.Value;

    public static string? Role(this ClaimsPrincipal user) => user.FindFirst(ClaimNames.Role)?.Value;

    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirst(ClaimNames.Name)?.Value ?? user.Subject();

    /// <summary>Works this department's queue: its staff and head, counter clerks for 受理, admins everywhere (as the APIs decide).</summary>
    public static bool WorksIn(this ClaimsPrincipal user, string department) => SecurityExtensions.IsStaffOf(user, department);

    public static bool IsHeadOf(this ClaimsPrincipal user, string department) => SecurityExtensions.IsHeadOf(user, department);
}

extern alias gateway;
using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using YeKuo.Tests.Support;

namespace YeKuo.Security.Tests;

/// <summary>
/// Token rules at the gateway: the signing algorithm is pinned, a token names exactly one role, every token has an id
/// (jti) and signing out revokes it until it would have expired. The gateway in-process, no services behind it: a
/// request it lets through answers 502.
/// </summary>
public sealed class TokenTests : IClassFixture<GatewayDefenceTests.Gateway>
{
    private readonly GatewayDefenceTests.Gateway _gateway;

    public TokenTests(GatewayDefenceTests.Gateway gateway) => _gateway = gateway;

    /// <summary>A token as an issuer would sign it, with the claims and algorithm given.</summary>
    internal static string Sign(string algorithm, params Claim[] claims)
    {
        var now = DateTime.UtcNow;
        var token = new JwtSecurityToken(TestTokens.Issuer, TestTokens.Audience, claims, notBefore: now.AddMinutes(-1), expires: now.AddHours(1),
            signingCredentials: new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestTokens.SigningKey)), algorithm));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    private async Task<HttpStatusCode> StatusWithAsync(string token, string path = "/api/applications")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _gateway.CreateClient().SendAsync(request);
        return response.StatusCode;
    }

    private static Claim[] Admin(string subject = "alg-admin") =>
        [new("sub", subject), new("role", "admin"), new("jti", Guid.NewGuid().ToString())];

    [Theory]
    [InlineData(SecurityAlgorithms.HmacSha384)]
    [InlineData(SecurityAlgorithms.HmacSha512)]
    public async Task A_token_signed_with_the_right_key_but_another_algorithm_is_refused(string algorithm)
    {
        Assert.Equal(HttpStatusCode.BadGateway, await StatusWithAsync(Sign(SecurityAlgorithms.HmacSha256, Admin())));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(Sign(algorithm, Admin())));
    }

    [Fact]
    public async Task A_token_with_two_roles_or_none_is_refused()
    {
        var twoRoles = Sign(SecurityAlgorithms.HmacSha256, new("sub", "two-hats"), new("role", "customer"), new("role", "admin"), new("jti", Guid.NewGuid().ToString()));
        var noRole = Sign(SecurityAlgorithms.HmacSha256, new("sub", "no-hat"), new("jti", Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(twoRoles));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(noRole));
    }

    [Fact]
    public async Task A_token_without_an_id_cannot_be_revoked_and_is_refused()
    {
        var anonymousToken = Sign(SecurityAlgorithms.HmacSha256, new("sub", "no-jti"), new("role", "admin"));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(anonymousToken));
    }

    [Fact]
    public async Task Signing_out_revokes_that_token_at_once_and_only_that_one()
    {
        var client = _gateway.CreateClient();
        async Task<string> IssueAsync()
        {
            using var issued = await client.PostAsJsonAsync("/auth/dev-token", new { subject = "signing-out", role = "customer" });
            Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
            return (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        }
        var session = await IssueAsync();
        var otherSession = await IssueAsync();
        Assert.Equal(HttpStatusCode.BadGateway, await StatusWithAsync(session));

        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/auth/signout");
        signOut.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session);
        using var signedOut = await client.SendAsync(signOut);

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(session));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(session, "/api/notifications?customerId=signing-out"));
        Assert.Equal(HttpStatusCode.BadGateway, await StatusWithAsync(otherSession));
    }
}

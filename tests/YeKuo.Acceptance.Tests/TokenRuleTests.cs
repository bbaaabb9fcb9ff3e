using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using YeKuo.Tests.Support;

namespace YeKuo.Acceptance.Tests;

/// <summary>A service reached directly applies the token rules too: one role per token, HS256 only.</summary>
public sealed class TokenRuleTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    private static string Sign(string algorithm, params Claim[] claims)
    {
        var now = DateTime.UtcNow;
        return new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(TestTokens.Issuer, TestTokens.Audience, claims, now.AddMinutes(-1), now.AddHours(1),
            new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestTokens.SigningKey)), algorithm)));
    }

    public static TheoryData<string> RefusedTokens => new()
    {
        Sign(SecurityAlgorithms.HmacSha256, new Claim("sub", "cust-two-hats"), new Claim("role", "customer"), new Claim("role", "admin")),
        Sign(SecurityAlgorithms.HmacSha256, new Claim("sub", "no-hat")),
        Sign(SecurityAlgorithms.HmacSha512, new Claim("sub", "cust-hs512"), new Claim("role", "customer")),
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task Two_roles_no_role_or_another_algorithm_is_401(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.GetAsync("/api/applications");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

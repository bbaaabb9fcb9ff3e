using System.IdentityModel.Tokens.Jwt;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace YeKuo.Tests.Support;

/// <summary>
/// Tokens for in-process tests (linked into every component test project): the test host validates with
/// <see cref="SigningKey"/> (random per test run, never stored), and these are signed with it. The identities the tests
/// used to send as <c>X-User</c> get a role from their name (see <see cref="TestIdentities.IdentityOf"/>).
/// </summary>
public static class TestTokens
{
    /// <summary>Random per test process: nothing to leak, nothing in the repository.</summary>
    public static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    public const string Issuer = "yekuo";
    public const string Audience = "yekuo-api";

    /// <summary>Who acts when a test names nobody: an admin ("test-operator"), who may read and do everything.</summary>
    public const string Operator = TestIdentities.Operator;

    public static string Create(string subject, string role, string? department = null, TimeSpan? lifetime = null, string? signingKey = null)
    {
        // Every token has an id (jti): the gateway refuses tokens it could not revoke.
        var claims = new List<Claim> { new("sub", subject), new("role", role), new("jti", Guid.NewGuid().ToString()) };
        if (department is not null)
        {
            claims.Add(new Claim("department", department));
        }
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromHours(2));
        var notBefore = expires < now ? expires.AddMinutes(-10) : now.AddMinutes(-1);
        var token = new JwtSecurityToken(Issuer, Audience, claims, notBefore: notBefore, expires: expires,
            signingCredentials: new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey ?? SigningKey)), SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    public static string For(string user, string defaultDepartment)
    {
        var (role, department) = TestIdentities.IdentityOf(user, defaultDepartment);
        return Create(user, role, department);
    }

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    /// <summary>Sets the client's identity to <paramref name="user"/> (null: no token at all).</summary>
    public static HttpClient As(this HttpClient client, string? user, string defaultDepartment)
    {
        client.DefaultRequestHeaders.Authorization = user is null ? null : Bearer(For(user, defaultDepartment));
        return client;
    }
}

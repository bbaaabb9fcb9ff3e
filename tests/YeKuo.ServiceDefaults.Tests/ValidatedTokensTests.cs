using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using YeKuo.ServiceDefaults.Security;

namespace YeKuo.ServiceDefaults.Tests;

/// <summary>A bearer token is validated once for a while; what it grants stays per request, and a refused token is never kept.</summary>
public sealed class ValidatedTokensTests
{
    private static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes("a-test-signing-key-of-at-least-32-bytes!"));

    private static readonly TokenValidationParameters Parameters = new()
    {
        ValidIssuer = "yekuo",
        ValidAudience = "yekuo-api",
        IssuerSigningKey = Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CountingHandler _inner = new();

    private ValidatedTokens NewCache() => new(_inner, _time);

    private static string TokenFor(string subject, TimeSpan lifetime, SecurityKey? key = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "yekuo",
            Audience = "yekuo-api",
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("role", "staff")]),
            Expires = DateTime.UtcNow + lifetime,
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.HmacSha256),
        });

    [Fact]
    public async Task A_token_is_validated_once_and_each_request_gets_its_own_identity()
    {
        var cache = NewCache();
        var token = TokenFor("staff-1", TimeSpan.FromHours(1));

        var first = await cache.ValidateTokenAsync(token, Parameters);
        first.ClaimsIdentity.AddClaim(new Claim("added-by-the-first-request", "x"));
        var second = await cache.ValidateTokenAsync(token, Parameters);

        Assert.Equal(1, _inner.Calls);
        Assert.True(first.IsValid && second.IsValid);
        Assert.Equal("staff-1", second.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Null(second.ClaimsIdentity.FindFirst("added-by-the-first-request"));
        Assert.Equal(first.ClaimsIdentity.GetType(), second.ClaimsIdentity.GetType());
        Assert.Same(first.SecurityToken, second.SecurityToken);
    }

    [Fact]
    public async Task A_kept_validation_ends_when_the_token_expires()
    {
        var cache = NewCache();
        var token = TokenFor("staff-1", TimeSpan.FromMinutes(2));
        await cache.ValidateTokenAsync(token, Parameters);

        _time.Advance(TimeSpan.FromMinutes(1));
        await cache.ValidateTokenAsync(token, Parameters);
        Assert.Equal(1, _inner.Calls);

        _time.Advance(TimeSpan.FromMinutes(1.1));
        await cache.ValidateTokenAsync(token, Parameters);
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task A_long_lived_token_is_validated_again_after_the_longest_a_validation_is_kept()
    {
        var cache = NewCache();
        var token = TokenFor("staff-1", TimeSpan.FromHours(8));
        await cache.ValidateTokenAsync(token, Parameters);

        _time.Advance(ValidatedTokens.MaxAge - TimeSpan.FromSeconds(1));
        await cache.ValidateTokenAsync(token, Parameters);
        Assert.Equal(1, _inner.Calls);

        _time.Advance(TimeSpan.FromSeconds(2));
        await cache.ValidateTokenAsync(token, Parameters);
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task A_refused_token_is_refused_every_time_and_never_kept()
    {
        var cache = NewCache();
        var forged = TokenFor("admin", TimeSpan.FromHours(1), new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-key-that-is-also-32-bytes-long!!")));

        var first = await cache.ValidateTokenAsync(forged, Parameters);
        var second = await cache.ValidateTokenAsync(forged, Parameters);

        Assert.False(first.IsValid);
        Assert.False(second.IsValid);
        Assert.Equal(2, _inner.Calls);
    }

    private sealed class CountingHandler : TokenHandler
    {
        private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

        public int Calls { get; private set; }

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Calls++;
            return _handler.ValidateTokenAsync(token, validationParameters);
        }
    }
}

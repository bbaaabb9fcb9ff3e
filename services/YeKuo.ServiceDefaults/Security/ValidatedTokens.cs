using System.Collections.Concurrent;
using Microsoft.IdentityModel.Tokens;

namespace YeKuo.ServiceDefaults.Security;

/// <summary>
/// Validates each bearer token once for a while instead of on every request: a client sends the same token with every
/// request for its whole life, and parsing it, checking its signature and building its claims was ≈ 8 % of the gateway's
/// CPU. A token that passed is answered from here until it expires, at most <see cref="MaxAge"/> after its validation (so a
/// signing key withdrawn by the identity provider stops being honoured within that time); every request still gets its own
/// claims identity, and everything after validation (the one-role rule, the gateway's revocation check) still runs per
/// request. A token that failed is never kept: it is validated, and refused, every time.
/// </summary>
public sealed class ValidatedTokens(TokenHandler inner, TimeProvider time) : TokenHandler
{
    /// <summary>How long a validation is trusted at most, whatever the token's own expiry.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    /// <summary>Tokens kept at most; beyond it the expired ones go, and if that is not enough, all of them.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Validated> _validated = new(StringComparer.Ordinal);

    private sealed record Validated(TokenValidationResult Result, DateTimeOffset Until);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow();
        if (_validated.TryGetValue(token, out var known))
        {
            if (now < known.Until)
            {
                return CopyOf(known.Result);
            }
            _validated.TryRemove(token, out _);
        }

        var result = await inner.ValidateTokenAsync(token, validationParameters);
        if (result is { IsValid: true, SecurityToken: { } validatedToken, ClaimsIdentity: not null })
        {
            var expires = new DateTimeOffset(DateTime.SpecifyKind(validatedToken.ValidTo, DateTimeKind.Utc));
            var until = expires < now + MaxAge ? expires : now + MaxAge;
            if (until > now)
            {
                MakeRoom(now);
                _validated[token] = new Validated(result, until);
                return CopyOf(result);
            }
        }
        return result;
    }

    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    /// <summary>Each request its own identity: a claims identity is mutable, and one request must not change another's.</summary>
    private static TokenValidationResult CopyOf(TokenValidationResult validated) => new()
    {
        IsValid = true,
        SecurityToken = validated.SecurityToken,
        ClaimsIdentity = validated.ClaimsIdentity.Clone(),
        Issuer = validated.Issuer,
        TokenType = validated.TokenType,
    };

    private void MakeRoom(DateTimeOffset now)
    {
        if (_validated.Count < Capacity)
        {
            return;
        }
        foreach (var (token, validated) in _validated)
        {
            if (validated.Until <= now)
            {
                _validated.TryRemove(token, out _);
            }
        }
        if (_validated.Count >= Capacity)
        {
            _validated.Clear();
        }
    }
}

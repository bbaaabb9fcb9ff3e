using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace YeKuo.AppHost.Infrastructure;

/// <summary>A compact HS256 JWT (the scheme local hosts validate) for clients of the AppHost's own, such as the metrics scraper.</summary>
public static class LocalJwt
{
    public static string Create(string signingKey, string issuer, string audience, string subject, TimeSpan lifetime,
        IReadOnlyDictionary<string, string>? claims = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = new Dictionary<string, object>
        {
            ["sub"] = subject, ["iss"] = issuer, ["aud"] = audience, ["iat"] = now, ["nbf"] = now, ["exp"] = now + (long)lifetime.TotalSeconds,
            // The gateway refuses tokens without an id (they could not be revoked).
            ["jti"] = Guid.NewGuid().ToString(),
        };
        foreach (var (key, value) in claims ?? new Dictionary<string, string>())
        {
            payload[key] = value;
        }
        var unsigned = Base64Url(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload));
        return unsigned + "." + Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.UTF8.GetBytes(unsigned)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

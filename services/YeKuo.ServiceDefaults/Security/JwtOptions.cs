namespace YeKuo.ServiceDefaults.Security;

/// <summary>
/// Token validation settings (<c>Jwt:*</c>). Production points <see cref="Authority"/> at any OIDC provider; local runs
/// and tests share a symmetric <see cref="SigningKey"/> handed out by the AppHost. Never stored in the repository.
/// </summary>
public sealed class JwtOptions
{
    public const string Section = "Jwt";

    public string Issuer { get; set; } = "yekuo";

    public string Audience { get; set; } = "yekuo-api";

    /// <summary>OIDC authority (production): keys are fetched from its discovery document.</summary>
    public string? Authority { get; set; }

    /// <summary>A shared secret of at least 32 bytes (development and tests only).</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// The only signing algorithms accepted (a token signed otherwise is refused, whatever its key): HS256 with a
    /// <see cref="SigningKey"/>; with an <see cref="Authority"/>, what its keys use (default RS256).
    /// </summary>
    public List<string> Algorithms { get; set; } = [];

    public IReadOnlyList<string> EffectiveAlgorithms =>
        Algorithms.Count > 0 ? Algorithms : Authority is null ? ["HS256"] : ["RS256"];
}

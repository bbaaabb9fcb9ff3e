using Microsoft.Extensions.Configuration;

namespace YeKuo.AppHost;

/// <summary>
/// What differs between a developer's run (<c>./run.sh</c>) and a test's: where state lives, the gateway's port, and
/// whether state is kept. Read from the <c>YeKuo</c> configuration section (<c>--YeKuo:GatewayPort=5081</c>,
/// <c>YeKuo__StateDirectory=/tmp/x</c>); <c>YEKUO_GATEWAY_PORT</c> is still honoured.
/// </summary>
public sealed record LocalSettings(string StateDirectory, int? GatewayPort, bool Ephemeral)
{
    public const int DefaultGatewayPort = 5080;

    /// <summary>Token issuer and audience of local runs (the dev-token issuer signs with them, every host validates them).</summary>
    public const string JwtIssuer = "yekuo-local";

    public const string JwtAudience = "yekuo-api";

    /// <summary>The repository root (two levels above the AppHost project).</summary>
    public static string RepositoryRoot(IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));

    public static LocalSettings From(IDistributedApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("YeKuo");
        var stateDirectory = section["StateDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(RepositoryRoot(builder), ".yekuo");
        var port = section.GetValue<int?>("GatewayPort") ?? builder.Configuration.GetValue<int?>("YEKUO_GATEWAY_PORT") ?? DefaultGatewayPort;
        return new LocalSettings(stateDirectory, port == 0 ? null : port, section.GetValue("Ephemeral", false));
    }

    /// <summary>A resource's own folder under the state directory.</summary>
    public string DirectoryOf(string resourceName) => Path.Combine(StateDirectory, resourceName);
}

namespace YeKuo.AppHost.Infrastructure;

/// <summary>Debian's <c>redis-server</c> in the foreground on a loopback port; <c>ConnectionStrings__&lt;name&gt;</c> = <c>127.0.0.1:port</c>.</summary>
public sealed class RedisServerResource(string name, string command, string dataDirectory)
    : ExecutableResource(name, command, dataDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public string DataDirectory { get; } = dataDirectory;

    public EndpointReference Endpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"127.0.0.1:{Endpoint.Property(EndpointProperty.Port)}");
}

namespace YeKuo.AppHost.Infrastructure;

/// <summary>
/// A private RabbitMQ node run from Debian's <c>rabbitmq-server</c> (no container runtime here), every file under its own
/// folder of the state directory. Services get <c>ConnectionStrings__&lt;name&gt;</c> = <c>amqp://guest:guest@127.0.0.1:port/</c>.
/// </summary>
public sealed class RabbitMQNodeResource(string name, string dataDirectory)
    : ExecutableResource(name, ServerPath, dataDirectory), IResourceWithConnectionString
{
    public const string BinDirectory = "/usr/lib/rabbitmq/bin";
    public const string ServerPath = BinDirectory + "/rabbitmq-server";
    public const string AmqpEndpointName = "amqp";
    public const string DistributionEndpointName = "dist";
    public const string ManagementEndpointName = "management";
    public const string UserName = "guest";
    public const string Password = "guest";

    public string DataDirectory { get; } = dataDirectory;

    public EndpointReference Amqp => new(this, AmqpEndpointName);

    /// <summary>The node binds 127.0.0.1 only, so the address is spelled out rather than "localhost" (which may be ::1 first).</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"amqp://{UserName}:{Password}@127.0.0.1:{Amqp.Property(EndpointProperty.Port)}/");
}

/// <summary>The Erlang port mapper of one <see cref="RabbitMQNodeResource"/>, run in the foreground on a private port so the
/// orchestrator stops it with the node (a node that starts its own <c>epmd -daemon</c> leaves it behind).</summary>
public sealed class ErlangPortMapperResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory)
{
    public const string EndpointName = "epmd";

    public EndpointReference Endpoint => new(this, EndpointName);
}

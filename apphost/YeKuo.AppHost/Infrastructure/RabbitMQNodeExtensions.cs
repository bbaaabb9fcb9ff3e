using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace YeKuo.AppHost.Infrastructure;

public static class RabbitMQNodeExtensions
{
    /// <summary>
    /// A RabbitMQ node with its own port mapper, healthy once it accepts an AMQP connection (so <c>WaitFor</c> means
    /// "accepts connections"). Durable queues and persistent messages survive restarts on the same state directory; an
    /// ephemeral node skips the management UI. Published, the broker is a connection string parameter (a deployment
    /// brings its own cluster).
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddRabbitMQNode(this IDistributedApplicationBuilder builder, string name, LocalSettings settings)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder.AddConnectionString(name);
        }

        var dataDirectory = settings.DirectoryOf(name);
        // The node name is unique per state directory, so a developer's node and a test's never meet.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(settings.StateDirectory)))[..8];
        var nodeName = $"yekuo-{name}-{hash}@localhost";

        var epmd = builder.AddResource(new ErlangPortMapperResource($"{name}-epmd", FindEpmd(), dataDirectory))
            .WithEndpoint(name: ErlangPortMapperResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                var endpoint = ((ErlangPortMapperResource)context.Resource).Endpoint;
                context.Args.Add("-port");
                context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("-address");
                context.Args.Add("127.0.0.1");
            })
            .WithEpmdHealthCheck()
            // epmd runs in the node's directory and starts first (the node waits for it), before the node writes its files.
            .WithDirectoryBeforeStart(dataDirectory);

        var node = builder.AddResource(new RabbitMQNodeResource(name, dataDirectory))
            .WithEndpoint(name: RabbitMQNodeResource.AmqpEndpointName, scheme: "tcp", env: "RABBITMQ_NODE_PORT", isProxied: false)
            .WithEndpoint(name: RabbitMQNodeResource.DistributionEndpointName, scheme: "tcp", env: "RABBITMQ_DIST_PORT", isProxied: false)
            .WithEnvironment(context =>
            {
                foreach (var (key, value) in NodeEnvironment(dataDirectory, nodeName))
                {
                    context.EnvironmentVariables[key] = value;
                }
                context.EnvironmentVariables["ERL_EPMD_PORT"] = epmd.Resource.Endpoint.Property(EndpointProperty.TargetPort);
            })
            .WaitFor(epmd)
            .WithAmqpHealthCheck()
            .WithUrlForEndpoint(RabbitMQNodeResource.AmqpEndpointName, url => url.DisplayLocation = UrlDisplayLocation.DetailsOnly);
        epmd.WithParentRelationship(node);

        if (!settings.Ephemeral)
        {
            node.WithHttpEndpoint(name: RabbitMQNodeResource.ManagementEndpointName, isProxied: false)
                .WithUrlForEndpoint(RabbitMQNodeResource.ManagementEndpointName, url => url.DisplayText = "Management UI (guest/guest)");
        }

        // The configuration files need the ports DCP allocated: write them just before the node starts.
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(node.Resource, async (_, cancellationToken) =>
        {
            int? management = node.Resource.TryGetEndpoints(out var endpoints)
                && endpoints.Any(e => e.Name == RabbitMQNodeResource.ManagementEndpointName)
                ? int.Parse(await new EndpointReference(node.Resource, RabbitMQNodeResource.ManagementEndpointName)
                    .Property(EndpointProperty.TargetPort).GetValueAsync(cancellationToken) ?? "0", System.Globalization.CultureInfo.InvariantCulture)
                : null;
            WriteNodeFiles(dataDirectory, management);
        });
        return node.AsConnectionString();
    }

    private static Dictionary<string, string> NodeEnvironment(string dataDirectory, string nodeName) => new()
    {
        ["HOME"] = Path.Combine(dataDirectory, "home"),
        // The script then execs the Erlang VM (as under systemd) instead of waiting for it behind a signal trap, so the stop
        // signal DCP sends reaches the node itself and the VM never outlives its resource.
        ["RUNNING_UNDER_SYSTEMD"] = "true",
        ["RABBITMQ_NODENAME"] = nodeName,
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(dataDirectory, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(dataDirectory, "log"),
        ["RABBITMQ_LOGS"] = "-",
        ["RABBITMQ_PID_FILE"] = Path.Combine(dataDirectory, "rabbitmq.pid"),
        ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(dataDirectory, "rabbitmq-env.conf"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(dataDirectory, "rabbitmq.conf"),
        ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(dataDirectory, "advanced.config"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(dataDirectory, "enabled_plugins"),
        ["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(dataDirectory, "plugins-expand"),
        // The node shares the machine with the services it serves: half the cores' worth of Erlang schedulers, not bound
        // to cores (the default binds one to each core, where it waits while that core runs a service). On the 2-core
        // bench machine one scheduler cut the node's CPU per application by ≈ 22 % (bench/results/2026-12-07-e2e.md).
        ["RABBITMQ_SCHEDULER_BIND_TYPE"] = "u",
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = $"+S {Schedulers}:{Schedulers}",
    };

    private static int Schedulers => Math.Max(1, Environment.ProcessorCount / 2);

    private static void WriteNodeFiles(string dataDirectory, int? managementPort)
    {
        if (!File.Exists(RabbitMQNodeResource.ServerPath))
        {
            throw new DistributedApplicationException($"{RabbitMQNodeResource.ServerPath} not found: install rabbitmq-server (eng/install-prereqs.sh).");
        }
        foreach (var folder in new[] { "home", "mnesia", "log" })
        {
            Directory.CreateDirectory(Path.Combine(dataDirectory, folder));
        }
        File.WriteAllText(Path.Combine(dataDirectory, "rabbitmq-env.conf"), "# written by the YeKuo AppHost\n");
        var conf = new StringBuilder()
            .AppendLine("# written by the YeKuo AppHost on every start: a private development node")
            .AppendLine("loopback_users = none")
            .AppendLine("disk_free_limit.absolute = 50MB")
            .AppendLine("log.console = true")
            .AppendLine("log.console.level = warning")
            .AppendLine("log.file = false");
        if (managementPort is { } port)
        {
            conf.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"management.tcp.port = {port}").AppendLine("management.tcp.ip = 127.0.0.1");
        }
        File.WriteAllText(Path.Combine(dataDirectory, "rabbitmq.conf"), conf.ToString());
        File.WriteAllText(Path.Combine(dataDirectory, "enabled_plugins"), managementPort is null ? "[].\n" : "[rabbitmq_management].\n");
    }

    /// <summary>Healthy once the node completes an AMQP handshake with the resource's own connection string.</summary>
    private static IResourceBuilder<RabbitMQNodeResource> WithAmqpHealthCheck(this IResourceBuilder<RabbitMQNodeResource> node)
    {
        var key = $"{node.Resource.Name}-amqp";
        node.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(key, async cancellationToken =>
        {
            try
            {
                var uri = await node.Resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
                var factory = new ConnectionFactory { Uri = new Uri(uri!), RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
                await using var connection = await factory.CreateConnectionAsync($"{node.Resource.Name}-health", cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("no AMQP connection yet", e);
            }
        });
        return node.WithHealthCheck(key);
    }

    private static string FindEpmd() =>
        new[] { "/usr/bin/epmd", "/usr/lib/erlang/bin/epmd" }.FirstOrDefault(File.Exists) ?? "epmd";
}

using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using YeKuo.Messaging.ErrorQueues;
using YeKuo.Messaging.PartnerEvents;

namespace YeKuo.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ from <c>ConnectionStrings:messaging</c> (<c>amqp://user:pass@host:port/vhost</c>):
    /// endpoints named <c>{service}-{consumer}</c> in kebab case, durable quorum queues, retries then the endpoint's
    /// <c>_error</c> queue. The service starts even while the broker is down; its health then reports degraded.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator> configure)
    {
        var connectionString = builder.Configuration.GetConnectionString("messaging")
            ?? throw new InvalidOperationException("ConnectionStrings:messaging is not set (an amqp:// URI of the broker).");
        var broker = new Uri(connectionString);
        HandoffTelemetry.ReceivingDepartment = HandoffTelemetry.DepartmentOf(serviceName);
        var endpoints = new ReceiveEndpointRegistry();
        builder.Services.AddSingleton(endpoints);
        builder.Services.AddSingleton<ErrorQueueAdmin>();
        builder.Services.TryAddSingleton<CloudEventPublisher>();
        builder.Services.AddHealthChecks().AddCheck<PartnerExchangeHealthCheck>("partner-exchange", tags: ["ready"]);

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Name = "broker";
                health.MinimalFailureStatus = HealthStatus.Degraded;
                health.Tags.Add("ready");
            });
            configure(bus);

            bus.AddConfigureEndpointsCallback((_, queue, endpoint) =>
            {
                endpoints.Add(queue);
                endpoint.UseMessageRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200)));
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    // Replicated, durable, and poison-aware; survives a broker restart with its messages.
                    rabbit.SetQuorumQueue();
                    rabbit.PrefetchCount = 32;
                }
            });

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker.Host, (ushort)(broker.IsDefaultPort ? 5672 : broker.Port), VirtualHostOf(broker), host =>
                {
                    var (user, password) = CredentialsOf(broker);
                    host.Username(user);
                    host.Password(password);
                    host.PublisherConfirmation = true;
                });
                foreach (var topology in context.GetServices<IBrokerTopology>())
                {
                    topology.Configure(rabbit);
                }
                rabbit.ConfigureEndpoints(context);
            });
        });

        builder.Services.Configure<MassTransitHostOptions>(host =>
        {
            host.WaitUntilStarted = false;
            host.StartTimeout = TimeSpan.FromSeconds(30);
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return builder;
    }

    private static string VirtualHostOf(Uri broker)
    {
        var path = Uri.UnescapeDataString(broker.AbsolutePath.Trim('/'));
        return path.Length == 0 ? "/" : path;
    }

    private static (string User, string Password) CredentialsOf(Uri broker)
    {
        if (string.IsNullOrEmpty(broker.UserInfo))
        {
            return ("guest", "guest");
        }
        var parts = broker.UserInfo.Split(':', 2);
        return (Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
    }
}

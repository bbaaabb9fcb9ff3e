using System.Security.Authentication;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using YeKuo.Messaging.ErrorQueues;
using YeKuo.Messaging.PartnerEvents;
using YeKuo.ServiceDefaults.Security;

namespace YeKuo.Messaging;

public static class MessagingExtensions
{
    /// <summary>Unacknowledged messages the broker sends each endpoint ahead (and, by MassTransit's default, how many it handles at once).</summary>
    public const int PrefetchCount = 32;

    /// <summary>
    /// MassTransit over RabbitMQ from <c>ConnectionStrings:messaging</c> (<see cref="BrokerAddress"/>; outside Development
    /// a user of its own with a password, never guest):
    /// endpoints named <c>{service}-{consumer}</c> in kebab case, durable quorum queues, retries then the endpoint's
    /// <c>_error</c> queue. The service starts even while the broker is down; its health then reports degraded.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator> configure)
    {
        var connectionString = builder.Configuration.GetConnectionString("messaging")
            ?? throw new InvalidOperationException("ConnectionStrings:messaging is not set (an amqp:// URI of the broker).");
        var broker = BrokerAddress.Parse(connectionString);
        InfrastructureCredentials.RequireBrokerCredentials(broker.User, broker.Password, builder.Environment, "ConnectionStrings:messaging");
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
                    rabbit.PrefetchCount = PrefetchCount;
                }
            });

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker.Host, (ushort)broker.Port, broker.VirtualHost, host =>
                {
                    host.Username(broker.User);
                    host.Password(broker.Password);
                    host.PublisherConfirmation = true;
                    if (broker.UseTls)
                    {
                        // The broker's certificate must chain to a trusted root and name the host (no opt-out).
                        host.UseSsl(ssl =>
                        {
                            ssl.ServerName = broker.Host;
                            ssl.Protocol = SslProtocols.Tls12 | SslProtocols.Tls13;
                        });
                    }
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
            // No start timeout: a bus whose start is cancelled stays faulted for the life of the process, consuming nothing,
            // so a service started during a broker outage longer than the timeout would never receive again. Without one
            // the endpoints keep reconnecting until the broker is back, however long that takes.
            host.StartTimeout = null;
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return builder;
    }
}

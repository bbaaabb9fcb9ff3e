using MassTransit;

namespace YeKuo.Messaging;

/// <summary>
/// Broker topology a host adds to its bus when it runs on RabbitMQ (e.g. the routing key an event is published with);
/// <see cref="MessagingExtensions.AddMessaging"/> applies every registered one before the endpoints are configured.
/// </summary>
public interface IBrokerTopology
{
    void Configure(IRabbitMqBusFactoryConfigurator rabbit);
}

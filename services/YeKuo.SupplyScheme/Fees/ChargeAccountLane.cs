using MassTransit;

namespace YeKuo.SupplyScheme.Fees;

/// <summary>
/// The one queue where an account's opening (<see cref="OpenChargeAccountConsumer"/>) and a reply that came before it
/// (<see cref="ChargeRepliedSchemeConsumer"/>) meet, handled one message at a time by one consumer (single active
/// consumer, so also across replicas). Each reads what the other wrote and then commits; run side by side, both could
/// read before either committed and neither would assess the charges. Serialised, the second always sees the first.
/// </summary>
public static class ChargeAccountLane
{
    /// <summary>The lane's queue, <c>{service}-charge-accounts</c>.</summary>
    public static string QueueOf(string serviceName) => $"{serviceName}-charge-accounts";

    public static void AddChargeAccountLane(this IBusRegistrationConfigurator bus, string serviceName)
    {
        bus.AddConsumer<OpenChargeAccountConsumer>().Endpoint(endpoint => OneAtATime(endpoint, serviceName));
        bus.AddConsumer<ChargeRepliedSchemeConsumer>().Endpoint(endpoint => OneAtATime(endpoint, serviceName));
    }

    private static void OneAtATime(IEndpointRegistrationConfigurator endpoint, string serviceName)
    {
        endpoint.Name = QueueOf(serviceName);
        endpoint.ConcurrentMessageLimit = 1;
        endpoint.AddConfigureEndpointCallback(receive =>
        {
            if (receive is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.SingleActiveConsumer = true;
            }
        });
    }
}

using MassTransit;
using YeKuo.Contracts.Events;

namespace YeKuo.SupplyScheme.Fees;

/// <summary>
/// The one queue where an account's opening (<see cref="OpenChargeAccountConsumer"/>), a reply that came before it
/// (<see cref="ChargeRepliedSchemeConsumer"/>) and the withdrawal (<see cref="RefundOnWithdrawalConsumer"/>) meet: the
/// messages of one application are handled one at a time (by application, so different applications still go side by
/// side), by one consumer (single active consumer, so also across replicas). Each reads what another wrote and then
/// commits; run side by side, both could read before either committed (the reply finds no account and the opening no
/// reply, the withdrawal no account and the opening no withdrawal) and the charges would go unassessed, or stay payable
/// for a withdrawn application. Serialised, the second always sees the first.
/// </summary>
public static class ChargeAccountLane
{
    /// <summary>How many applications' messages are handled at once.</summary>
    private const int Partitions = 8;

    /// <summary>The lane's queue, <c>{service}-charge-accounts</c>.</summary>
    public static string QueueOf(string serviceName) => $"{serviceName}-charge-accounts";

    public static void AddChargeAccountLane(this IBusRegistrationConfigurator bus, string serviceName)
    {
        var queue = QueueOf(serviceName);
        bus.AddConsumer<OpenChargeAccountConsumer>().Endpoint(endpoint => endpoint.Name = queue);
        bus.AddConsumer<ChargeRepliedSchemeConsumer>().Endpoint(endpoint => endpoint.Name = queue);
        bus.AddConsumer<RefundOnWithdrawalConsumer>().Endpoint(endpoint => endpoint.Name = queue);
        bus.AddConfigureEndpointsCallback((_, name, endpoint) =>
        {
            if (name != queue)
            {
                return;
            }
            endpoint.ConcurrentMessageLimit = Partitions;
            // One partitioner for both message types: the same application always lands in the same partition.
            var byApplication = endpoint.CreatePartitioner(Partitions);
            endpoint.UsePartitioner<ApplicationAccepted>(byApplication, context => context.Message.ApplicationId);
            endpoint.UsePartitioner<SchemeRepliedBeforeAcceptance>(byApplication, context => context.Message.ApplicationId);
            endpoint.UsePartitioner<ApplicationWithdrawn>(byApplication, context => context.Message.ApplicationId);
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.SingleActiveConsumer = true;
            }
        });
    }
}

using MassTransit;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Inbox;

namespace YeKuo.Acceptance.IntegrationEvents;

/// <summary>装表接电 done: the application is finished.</summary>
public sealed class PowerConnectedConsumer(AcceptanceDbContext db, TimeProvider time)
    : IdempotentConsumer<PowerConnected, AcceptanceDbContext>(db, time)
{
    protected override async Task HandleAsync(PowerConnected message, ConsumeContext<PowerConnected> context)
    {
        var application = await Db.Applications.FindAsync([message.ApplicationId], context.CancellationToken);
        application?.MarkPowerConnected(message.ConnectedAt);
    }
}

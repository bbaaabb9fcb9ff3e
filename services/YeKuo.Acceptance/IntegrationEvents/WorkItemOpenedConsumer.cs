using MassTransit;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Inbox;

namespace YeKuo.Acceptance.IntegrationEvents;

/// <summary>A department opened a step: the timeline shows it as started (and due). In batches, as the completions.</summary>
public sealed class WorkItemOpenedConsumer(AcceptanceDbContext db, TimeProvider time)
    : IdempotentBatchConsumer<WorkItemOpened, AcceptanceDbContext>(db, time)
{
    protected override Task HandleAsync(WorkItemOpened message, ConsumeContext<WorkItemOpened> context) =>
        Timeline.RecordOpeningAsync(Db, message, context.CancellationToken);
}

using MassTransit;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Inbox;

namespace YeKuo.Acceptance.IntegrationEvents;

/// <summary>A department's step waits on the customer: the timeline records the pause and its reason.</summary>
public sealed class WorkItemPausedConsumer(AcceptanceDbContext db, TimeProvider time)
    : IdempotentConsumer<WorkItemPaused, AcceptanceDbContext>(db, time)
{
    protected override async Task HandleAsync(WorkItemPaused message, ConsumeContext<WorkItemPaused> context)
    {
        var pause = await Timeline.PauseAsync(Db, message.WorkItemId, message.PausedAt, context.CancellationToken);
        pause.Reason = message.Reason;
    }
}

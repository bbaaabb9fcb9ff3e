using MassTransit;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Inbox;

namespace YeKuo.Acceptance.IntegrationEvents;

/// <summary>A step got its 责任人 (claimed or reassigned): the timeline and the 客户经理's worklist show who has it.</summary>
public sealed class WorkItemClaimedConsumer(AcceptanceDbContext db, TimeProvider time)
    : IdempotentConsumer<WorkItemClaimed, AcceptanceDbContext>(db, time)
{
    protected override async Task HandleAsync(WorkItemClaimed message, ConsumeContext<WorkItemClaimed> context)
    {
        var entry = await Timeline.EntryAsync(Db, message.WorkItemId, message.ApplicationId, message.Step, message.Department, 1, context.CancellationToken);
        if (entry.CompletedAt is null && (entry.ClaimedAt is null || message.ClaimedAt >= entry.ClaimedAt))
        {
            entry.Assignee = message.Assignee;
            entry.ClaimedAt = message.ClaimedAt;
        }
    }
}

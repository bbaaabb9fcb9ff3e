using MassTransit;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Inbox;

namespace YeKuo.Acceptance.IntegrationEvents;

/// <summary>A paused step runs again: the pause gets its end and the step its later due (paused time added back).</summary>
public sealed class WorkItemResumedConsumer(AcceptanceDbContext db, TimeProvider time)
    : IdempotentConsumer<WorkItemResumed, AcceptanceDbContext>(db, time)
{
    protected override async Task HandleAsync(WorkItemResumed message, ConsumeContext<WorkItemResumed> context)
    {
        var pause = await Timeline.PauseAsync(Db, message.WorkItemId, message.PausedAt, context.CancellationToken);
        pause.ResumedAt = message.ResumedAt;

        // Round 1 only until WorkItemOpened (which carries the round) arrives, if it has not yet.
        var entry = await Timeline.EntryAsync(Db, message.WorkItemId, message.ApplicationId, message.Step, message.Department, 1, context.CancellationToken);
        if (entry.CompletedAt is null)
        {
            entry.DueAt = message.DueAt;
            entry.DueAssumedYears = message.DueAssumedYears ?? entry.DueAssumedYears;
        }
    }
}

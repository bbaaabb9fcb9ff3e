using MassTransit;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Inbox;

namespace YeKuo.Acceptance.IntegrationEvents;

/// <summary>A department opened a step: the timeline shows it as started (and due).</summary>
public sealed class WorkItemOpenedConsumer(AcceptanceDbContext db, TimeProvider time)
    : IdempotentConsumer<WorkItemOpened, AcceptanceDbContext>(db, time)
{
    protected override async Task HandleAsync(WorkItemOpened message, ConsumeContext<WorkItemOpened> context)
    {
        var entry = await Timeline.EntryAsync(Db, message.WorkItemId, message.ApplicationId, message.Step, message.Department, message.Round, context.CancellationToken);
        entry.Round = message.Round;
        entry.OpenedAt = message.OpenedAt;
        // A resume (which moves the due) or the completion may have arrived first; theirs is the later due.
        if (entry.DueAt is null)
        {
            entry.DueAt = message.DueAt;
            entry.DueAssumedYears = message.DueAssumedYears ?? [];
        }
        entry.Assignee ??= message.Assignee;
    }
}

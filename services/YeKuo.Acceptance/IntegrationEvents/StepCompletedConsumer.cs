using MassTransit;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Inbox;

namespace YeKuo.Acceptance.IntegrationEvents;

/// <summary>
/// A department completed a step: the timeline records who and when, and the next step's opening when the completion
/// opened it in the same commit (<see cref="StepCompleted.NextOpened"/>). In batches: every department's completions
/// come here, a dozen per application.
/// </summary>
public sealed class StepCompletedConsumer(AcceptanceDbContext db, TimeProvider time)
    : IdempotentBatchConsumer<StepCompleted, AcceptanceDbContext>(db, time)
{
    protected override async Task HandleAsync(StepCompleted message, ConsumeContext<StepCompleted> context)
    {
        var entry = await Timeline.EntryAsync(Db, message.WorkItemId, message.ApplicationId, message.Step, message.Department, message.Round, context.CancellationToken);
        entry.Round = message.Round;
        entry.OpenedAt ??= message.OpenedAt;
        entry.DueAt = message.DueAt;
        entry.DueAssumedYears = message.DueAssumedYears ?? entry.DueAssumedYears;
        entry.CompletedAt = message.CompletedAt;
        entry.CompletedBy = message.CompletedBy;
        entry.Assignee = message.CompletedBy;
        entry.Outcome = message.Outcome;
        if (message.NextOpened is { } opened)
        {
            await Timeline.RecordOpeningAsync(Db, opened, context.CancellationToken);
        }
    }
}

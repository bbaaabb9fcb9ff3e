using MassTransit;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Inbox;
using YeKuo.Workflow.Hosting.Persistence;

namespace YeKuo.Workflow.Hosting.Consumers;

/// <summary>
/// The customer withdrew: cancel this department's open work for the application and open no more. A handoff opening
/// work at the same moment may have read the application as not closed while this read no work open; the supervision
/// scan cancels what that left (<see cref="Supervision.SupervisionScanner"/>).
/// </summary>
public sealed class CloseOnWithdrawalConsumer<TContext>(TContext db, TimeProvider time)
    : IdempotentConsumer<ApplicationWithdrawn, TContext>(db, time)
    where TContext : WorkflowDbContext
{
    protected override async Task HandleAsync(ApplicationWithdrawn message, ConsumeContext<ApplicationWithdrawn> context)
    {
        var now = Time.GetUtcNow();
        await Db.CancelWithdrawnWorkAsync(message.ApplicationId, message.Reason, now, context.CancellationToken);
        await Db.RecordWithdrawalAsync(message.ApplicationId, now, context.CancellationToken);
    }
}

using MassTransit;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Inbox;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Persistence;

namespace YeKuo.Workflow.Hosting.Consumers;

/// <summary>The customer withdrew: cancel this department's open work for the application and open no more.</summary>
public sealed class CloseOnWithdrawalConsumer<TContext>(TContext db, TimeProvider time)
    : IdempotentConsumer<ApplicationWithdrawn, TContext>(db, time)
    where TContext : WorkflowDbContext
{
    protected override async Task HandleAsync(ApplicationWithdrawn message, ConsumeContext<ApplicationWithdrawn> context)
    {
        var now = Time.GetUtcNow();
        var open = await Db.WorkItems
            .Where(w => w.ApplicationId == message.ApplicationId
                && (w.Status == WorkItemStatus.Open || w.Status == WorkItemStatus.InProgress || w.Status == WorkItemStatus.Paused))
            .ToListAsync(context.CancellationToken);
        foreach (var item in open)
        {
            item.Cancel($"客户撤回: {message.Reason}", now);
        }

        if (!await Db.ClosedApplications.AnyAsync(c => c.ApplicationId == message.ApplicationId, context.CancellationToken))
        {
            Db.ClosedApplications.Add(new ClosedApplication { ApplicationId = message.ApplicationId, Reason = "withdrawn", ClosedAt = now });
        }
    }
}

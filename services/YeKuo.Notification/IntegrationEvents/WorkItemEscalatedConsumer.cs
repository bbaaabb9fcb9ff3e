using MassTransit;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Inbox;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;

namespace YeKuo.Notification.IntegrationEvents;

/// <summary>
/// Overdue work escalated: a staff notice to the department head named in the event, who then records the handling
/// (超时处理). Once per work item, whatever the message id.
/// </summary>
public sealed class WorkItemEscalatedConsumer(NotificationDbContext db, TimeProvider time)
    : IdempotentConsumer<WorkItemEscalated, NotificationDbContext>(db, time)
{
    protected override async Task HandleAsync(WorkItemEscalated message, ConsumeContext<WorkItemEscalated> context) =>
        await Db.AddIfNewAsync(StaffNotice.Escalation(message, Time.GetUtcNow()), context.CancellationToken);
}

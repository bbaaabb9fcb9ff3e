using YeKuo.Contracts.Events;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;

namespace YeKuo.Notification.IntegrationEvents;

/// <summary>
/// Overdue work escalated: a staff notice to the department head named in the event, who then records the handling
/// (超时处理). Once per work item, whatever the message id. The head never hears before the 客户经理: the escalation
/// fires at due + <c>Supervision:EscalateAfter</c>, after the overdue warning, and should the relay deliver it first,
/// the manager's 超时 notice is made here, in the same transaction and ahead of the head's (the warning, arriving
/// later, then finds it and adds no second one).
/// </summary>
public sealed class WorkItemEscalatedConsumer(NotificationDbContext db, TimeProvider time)
    : NotificationConsumer<WorkItemEscalated>(db, time)
{
    protected override async Task RecordAsync(WorkItemEscalated message, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        if (await Db.ManagerOfAsync(message.ApplicationId, cancellationToken) is { } manager)
        {
            await Db.AddIfNewAsync(StaffNotice.ManagerWarning(message, manager, now), cancellationToken);
        }
        await Db.AddIfNewAsync(StaffNotice.Escalation(message, now), cancellationToken);
    }
}

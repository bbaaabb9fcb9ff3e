using YeKuo.Contracts.Events;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;

namespace YeKuo.Notification.IntegrationEvents;

/// <summary>
/// Overdue work escalated: a staff notice to the department head named in the event, who then records the handling
/// (超时处理). Once per work item, whatever the message id.
/// </summary>
public sealed class WorkItemEscalatedConsumer(NotificationDbContext db, TimeProvider time)
    : NotificationConsumer<WorkItemEscalated>(db, time)
{
    protected override Task RecordAsync(WorkItemEscalated message, CancellationToken cancellationToken) =>
        Db.AddIfNewAsync(StaffNotice.Escalation(message, Time.GetUtcNow()), cancellationToken);
}

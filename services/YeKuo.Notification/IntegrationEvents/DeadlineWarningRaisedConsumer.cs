using YeKuo.Contracts.Events;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;

namespace YeKuo.Notification.IntegrationEvents;

/// <summary>
/// 超时预警 (50%, 80%, overdue): a staff notice to the work item's assignee, or to the department's queue while nobody
/// has claimed it. Once per work item and level: the inbox skips a redelivery, the (work item, kind) key a copy
/// republished under another message id.
/// </summary>
public sealed class DeadlineWarningRaisedConsumer(NotificationDbContext db, TimeProvider time)
    : NotificationConsumer<DeadlineWarningRaised>(db, time)
{
    protected override Task RecordAsync(DeadlineWarningRaised message, CancellationToken cancellationToken) =>
        Db.AddIfNewAsync(StaffNotice.Warning(message, Time.GetUtcNow()), cancellationToken);
}

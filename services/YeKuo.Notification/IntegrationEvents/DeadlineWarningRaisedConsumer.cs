using YeKuo.Contracts.Events;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;

namespace YeKuo.Notification.IntegrationEvents;

/// <summary>
/// 超时预警 (50%, 80%, overdue): a staff notice to the application's 客户经理 (seed 003: the project manager learns
/// first) and one to the work item's assignee, or to the department's queue while nobody has claimed it. Once per work
/// item, level and audience: the inbox skips a redelivery, the (work item, kind, audience) key a copy republished under
/// another message id.
/// </summary>
public sealed class DeadlineWarningRaisedConsumer(NotificationDbContext db, TimeProvider time)
    : NotificationConsumer<DeadlineWarningRaised>(db, time)
{
    protected override async Task RecordAsync(DeadlineWarningRaised message, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        if (await Db.ManagerOfAsync(message.ApplicationId, cancellationToken) is { } manager)
        {
            await Db.AddIfNewAsync(StaffNotice.ManagerWarning(message, manager, now), cancellationToken);
        }
        await Db.AddIfNewAsync(StaffNotice.Warning(message, now), cancellationToken);
    }
}

using YeKuo.Contracts.Events;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;

namespace YeKuo.Notification.IntegrationEvents;

/// <summary>撤回: confirms to the customer that the application was withdrawn.</summary>
public sealed class ApplicationWithdrawnConsumer(NotificationDbContext db, TimeProvider time)
    : NoticeConsumer<ApplicationWithdrawn>(db, time)
{
    protected override Notice NoticeFor(ApplicationWithdrawn message, DateTimeOffset now) =>
        Create(NoticeComposer.Withdrawn(message.ApplicationNumber, message.Reason), message.ApplicationId, message.ApplicationNumber, message.CustomerId, now);
}

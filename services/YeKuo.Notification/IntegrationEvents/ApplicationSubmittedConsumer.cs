using YeKuo.Contracts.Events;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;

namespace YeKuo.Notification.IntegrationEvents;

/// <summary>申请已提交: confirms receipt to the customer.</summary>
public sealed class ApplicationSubmittedConsumer(NotificationDbContext db, TimeProvider time)
    : NoticeConsumer<ApplicationSubmitted>(db, time)
{
    protected override Notice NoticeFor(ApplicationSubmitted message, DateTimeOffset now) =>
        Create(NoticeComposer.Submitted(message.ApplicationNumber), message.ApplicationId, message.ApplicationNumber, message.CustomerId, now);
}

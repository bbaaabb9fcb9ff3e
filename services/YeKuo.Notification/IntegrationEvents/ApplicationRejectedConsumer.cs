using YeKuo.Contracts.Events;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;

namespace YeKuo.Notification.IntegrationEvents;

/// <summary>不予受理: tells the customer why, so they can complete the documents and apply again.</summary>
public sealed class ApplicationRejectedConsumer(NotificationDbContext db, TimeProvider time)
    : NoticeConsumer<ApplicationRejected>(db, time)
{
    protected override Notice NoticeFor(ApplicationRejected message, DateTimeOffset now) =>
        Create(
            NoticeComposer.Rejected(message.ApplicationNumber, (message.Reasons ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).ToArray()),
            message.ApplicationId, message.ApplicationNumber, message.CustomerId, now);
}

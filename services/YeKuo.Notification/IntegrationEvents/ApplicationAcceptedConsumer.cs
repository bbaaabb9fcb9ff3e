using YeKuo.Contracts.Events;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;

namespace YeKuo.Notification.IntegrationEvents;

/// <summary>
/// 已受理: tells the customer who their 客户经理 is. Acceptance publishes this together with the 受理 step's
/// <c>StepCompleted</c>, which carries no manager, so this event (not that one) is the notice's source.
/// </summary>
public sealed class ApplicationAcceptedConsumer(NotificationDbContext db, TimeProvider time)
    : NoticeConsumer<ApplicationAccepted>(db, time)
{
    protected override Notice NoticeFor(ApplicationAccepted message, DateTimeOffset now) =>
        Create(NoticeComposer.Accepted(message.ApplicationNumber, message.CustomerManager), message.ApplicationId, message.ApplicationNumber, message.CustomerId, now);
}

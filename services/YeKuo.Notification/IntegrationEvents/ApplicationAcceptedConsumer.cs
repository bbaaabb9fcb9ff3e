using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts.Events;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;

namespace YeKuo.Notification.IntegrationEvents;

/// <summary>
/// 已受理: tells the customer who their 客户经理 is, and remembers that manager for the ownership checks
/// (<see cref="ManagedApplication"/>). Acceptance publishes this together with the 受理 step's <c>StepCompleted</c>,
/// which carries no manager, so this event (not that one) is the notice's source.
/// </summary>
public sealed class ApplicationAcceptedConsumer(NotificationDbContext db, TimeProvider time)
    : NoticeConsumer<ApplicationAccepted>(db, time)
{
    protected override Notice NoticeFor(ApplicationAccepted message, DateTimeOffset now) =>
        Create(NoticeComposer.Accepted(message.ApplicationNumber, message.CustomerManager), message.ApplicationId, message.ApplicationNumber, message.CustomerId, now);

    protected override async Task RecordAsync(ApplicationAccepted message, CancellationToken cancellationToken)
    {
        await base.RecordAsync(message, cancellationToken);
        var managed = await Db.ManagedApplications.FirstOrDefaultAsync(m => m.ApplicationId == message.ApplicationId, cancellationToken);
        if (managed is null)
        {
            Db.ManagedApplications.Add(ManagedApplication.Create(message.ApplicationId, message.CustomerId, message.CustomerManager, message.AcceptedAt));
        }
        else
        {
            managed.Assign(message.CustomerManager, message.AcceptedAt);
        }
    }
}

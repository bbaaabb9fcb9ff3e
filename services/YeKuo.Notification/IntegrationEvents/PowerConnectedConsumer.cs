using YeKuo.Contracts.Events;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Policies;

namespace YeKuo.Notification.IntegrationEvents;

/// <summary>
/// Power connected: opens the application's 回访 (follow-up) task for customer service, once per application, due within
/// the policy's working-day limit from the connection. The customer's notice of the
/// connection comes from the PowerConnection step's <c>StepCompleted</c> (which <see cref="StepCompletedConsumer"/> reads).
/// </summary>
public sealed class PowerConnectedConsumer(NotificationDbContext db, TimeProvider time, TimeLimitPolicyBook policies, WorkingDayCalendar calendar)
    : NotificationConsumer<PowerConnected>(db, time)
{
    protected override Task RecordAsync(PowerConnected message, CancellationToken cancellationToken)
    {
        var due = ServiceDeadline.For(ServiceTask.FollowUpVisit, message.ConnectedAt, policies, calendar);
        return Db.AddIfNewAsync(FollowUp.After(message, due, Time.GetUtcNow()), cancellationToken);
    }
}

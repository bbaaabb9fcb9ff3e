using YeKuo.Contracts.Events;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;

namespace YeKuo.Notification.IntegrationEvents;

/// <summary>
/// Power connected: opens the application's 回访 (follow-up) task, once per application. The customer's notice of the
/// connection comes from the PowerConnection step's <c>StepCompleted</c> (which <see cref="StepCompletedConsumer"/> reads).
/// </summary>
public sealed class PowerConnectedConsumer(NotificationDbContext db, TimeProvider time)
    : NotificationConsumer<PowerConnected>(db, time)
{
    protected override Task RecordAsync(PowerConnected message, CancellationToken cancellationToken) =>
        Db.AddIfNewAsync(FollowUp.After(message, Time.GetUtcNow()), cancellationToken);
}

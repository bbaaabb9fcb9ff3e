using YeKuo.Contracts.Events;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;

namespace YeKuo.Notification.IntegrationEvents;

/// <summary>临时用电 ends soon: asks the customer to choose removal or conversion.</summary>
public sealed class TemporarySupplyEndingSoonConsumer(NotificationDbContext db, TimeProvider time)
    : NoticeConsumer<TemporarySupplyEndingSoon>(db, time)
{
    protected override Notice NoticeFor(TemporarySupplyEndingSoon message, DateTimeOffset now) =>
        Create(NoticeComposer.TemporarySupplyEndingSoon(message.ApplicationNumber, message.EndsOn), message.ApplicationId, message.ApplicationNumber, message.CustomerId, now);
}

/// <summary>临时用电's end decided: confirms the choice to the customer.</summary>
public sealed class TemporarySupplyEndedConsumer(NotificationDbContext db, TimeProvider time)
    : NoticeConsumer<TemporarySupplyEnded>(db, time)
{
    protected override Notice NoticeFor(TemporarySupplyEnded message, DateTimeOffset now) =>
        Create(NoticeComposer.TemporarySupplyEnded(message.ApplicationNumber, message.Ending, message.EndsOn), message.ApplicationId, message.ApplicationNumber, message.CustomerId, now);
}

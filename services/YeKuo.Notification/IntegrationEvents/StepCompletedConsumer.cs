using YeKuo.Contracts.Events;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;

namespace YeKuo.Notification.IntegrationEvents;

/// <summary>
/// A step completed: tells the customer when the step is customer-facing (勘查, 方案答复, the three inspections,
/// 合同, 接电). A failed inspection tells them the defects to rectify.
/// </summary>
public sealed class StepCompletedConsumer(NotificationDbContext db, TimeProvider time)
    : NoticeConsumer<StepCompleted>(db, time)
{
    protected override Notice? NoticeFor(StepCompleted message, DateTimeOffset now) =>
        NoticeComposer.StepCompleted(message.Step, message.Round, message.ApplicationNumber, message.Outcome) is { } draft
            ? Create(draft, message.ApplicationId, message.ApplicationNumber, message.CustomerId, now)
            : null;
}

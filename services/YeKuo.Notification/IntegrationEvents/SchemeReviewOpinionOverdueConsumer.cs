using YeKuo.Contracts.Events;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;

namespace YeKuo.Notification.IntegrationEvents;

/// <summary>
/// A late review opinion (并行审批): a staff notice to the reviewing department's queue (its reviewers) and one to its
/// head. Once per revision, department and audience: the inbox skips a redelivery, the (work item, kind, audience,
/// department) key a copy republished under another message id.
/// </summary>
public sealed class SchemeReviewOpinionOverdueConsumer(NotificationDbContext db, TimeProvider time)
    : NotificationConsumer<SchemeReviewOpinionOverdue>(db, time)
{
    protected override async Task RecordAsync(SchemeReviewOpinionOverdue message, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        await Db.AddIfNewAsync(StaffNotice.LateOpinion(message, StaffNoticeAudience.Responsible, now), cancellationToken);
        await Db.AddIfNewAsync(StaffNotice.LateOpinion(message, StaffNoticeAudience.DepartmentHead, now), cancellationToken);
    }
}

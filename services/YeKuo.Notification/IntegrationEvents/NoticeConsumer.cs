using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;

namespace YeKuo.Notification.IntegrationEvents;

/// <summary>
/// Records the customer notice an event calls for, once: the inbox skips a redelivered message id, and the notice's
/// identity (application, kind, step, round) skips a copy republished under another id.
/// </summary>
public abstract class NoticeConsumer<TMessage>(NotificationDbContext db, TimeProvider time)
    : NotificationConsumer<TMessage>(db, time)
    where TMessage : class
{
    /// <summary>The notice for <paramref name="message"/>, or null when the customer is not told about it.</summary>
    protected abstract Notice? NoticeFor(TMessage message, DateTimeOffset now);

    protected override async Task RecordAsync(TMessage message, CancellationToken cancellationToken)
    {
        if (NoticeFor(message, Time.GetUtcNow()) is { } notice)
        {
            await Db.AddIfNewAsync(notice, cancellationToken);
        }
    }

    protected static Notice Create(NoticeDraft draft, Guid applicationId, string applicationNumber, string customerId, DateTimeOffset now) =>
        Notice.Create(draft.Kind, draft.Step, draft.Round, applicationId, applicationNumber, customerId, draft.Text, now);
}

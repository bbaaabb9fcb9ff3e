using YeKuo.Notification.Domain;

namespace YeKuo.Notification.Infrastructure.Delivery;

/// <summary>
/// Sends a recorded notice over an outside channel (SMS gateway, mail server). The implementation resolves the
/// customer's contact from <see cref="Notice.CustomerId"/>; contact details never pass through this service's data.
/// Throwing means "not sent": the notice is tried again later. Delivery is at least once: after a crash a notice can be
/// sent again, with the same <see cref="Notice.Id"/> (an SMS or mail gateway that takes a client message id can deduplicate on it).
/// </summary>
public interface INoticeSender
{
    Task SendAsync(NoticeChannel channel, Notice notice, CancellationToken cancellationToken);
}

using YeKuo.Notification.Domain;

namespace YeKuo.Notification.Infrastructure.Delivery;

/// <summary>
/// Sends a recorded notice over an outside channel (SMS gateway, mail server). The implementation resolves the
/// customer's contact from <see cref="Notice.CustomerId"/>; contact details never pass through this service's data.
/// Throwing means "not sent": the notice is tried again later.
/// </summary>
public interface INoticeSender
{
    Task SendAsync(NoticeChannel channel, Notice notice, CancellationToken cancellationToken);
}

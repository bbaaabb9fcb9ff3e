using YeKuo.Notification.Domain;

namespace YeKuo.Notification.Infrastructure.Delivery;

/// <summary>
/// Sends a staff notice over an outside channel (SMS, e-mail) when <c>Notification:Delivery:StaffChannels</c> names
/// any. The implementation resolves the staff member's (or the department queue's) contact from
/// <see cref="StaffNotice.Recipient"/> and <see cref="StaffNotice.Department"/>. Throwing means "not sent".
/// </summary>
public interface IStaffNoticeSender
{
    Task SendAsync(NoticeChannel channel, StaffNotice notice, CancellationToken cancellationToken);
}

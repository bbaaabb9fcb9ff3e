using YeKuo.Notification.Domain;

namespace YeKuo.Notification.Infrastructure.Delivery;

/// <summary>The default staff sender: logs channel, application number, kind and department only.</summary>
public sealed partial class LoggingStaffNoticeSender(ILogger<LoggingStaffNoticeSender> logger) : IStaffNoticeSender
{
    public Task SendAsync(NoticeChannel channel, StaffNotice notice, CancellationToken cancellationToken)
    {
        LogSent(channel, notice.ApplicationNumber, notice.Kind, notice.Department.ToString());
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff notice sent by {Channel} for application {ApplicationNumber}: {Kind} ({Department})")]
    private partial void LogSent(NoticeChannel channel, string applicationNumber, StaffNoticeKind kind, string department);
}

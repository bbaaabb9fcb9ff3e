using YeKuo.Notification.Domain;

namespace YeKuo.Notification.Infrastructure.Delivery;

/// <summary>
/// The default sender until an SMS gateway and a mail server are connected: logs that a notice would go out. Logs the
/// channel, application number and notice kind only — never contact details, ID numbers or the text.
/// </summary>
public sealed partial class LoggingNoticeSender(ILogger<LoggingNoticeSender> logger) : INoticeSender
{
    public Task SendAsync(NoticeChannel channel, Notice notice, CancellationToken cancellationToken)
    {
        LogSent(channel, notice.ApplicationNumber, notice.Kind);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notice sent by {Channel} for application {ApplicationNumber}: {Kind}")]
    private partial void LogSent(NoticeChannel channel, string applicationNumber, NoticeKind kind);
}

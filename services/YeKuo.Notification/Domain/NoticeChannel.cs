namespace YeKuo.Notification.Domain;

/// <summary>How a notice reaches the customer. Every notice is in the in-app inbox; SMS and e-mail are sent after it is recorded.</summary>
public enum NoticeChannel
{
    InApp,
    Sms,
    Email,
}

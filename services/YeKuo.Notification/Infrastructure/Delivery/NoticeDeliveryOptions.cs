using YeKuo.Notification.Domain;

namespace YeKuo.Notification.Infrastructure.Delivery;

/// <summary><c>Notification:Delivery</c>: how recorded notices are sent over SMS and e-mail.</summary>
public sealed class NoticeDeliveryOptions
{
    /// <summary>The outside channels every notice is sent over (besides the in-app inbox); default SMS and e-mail.</summary>
    public NoticeChannel[]? Channels { get; set; }

    /// <summary>
    /// The outside channels staff notices are also sent over; default none (in-app inbox only). A staff notice
    /// already read in the app is not sent.
    /// </summary>
    public NoticeChannel[]? StaffChannels { get; set; }

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int BatchSize { get; set; } = 50;

    /// <summary>After this many failed attempts a notice stays in the inbox only (and an error is logged).</summary>
    public int MaxAttempts { get; set; } = 10;

    internal IReadOnlyList<NoticeChannel> OutsideChannels =>
        (Channels is { Length: > 0 } channels ? channels : [NoticeChannel.Sms, NoticeChannel.Email])
            .Where(c => c != NoticeChannel.InApp).Distinct().ToArray();

    internal IReadOnlyList<NoticeChannel> StaffOutsideChannels =>
        (StaffChannels ?? []).Where(c => c != NoticeChannel.InApp).Distinct().ToArray();
}

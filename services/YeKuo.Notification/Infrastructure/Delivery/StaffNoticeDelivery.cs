using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using YeKuo.Notification.Domain;
using YeKuo.ServiceDefaults.Hosting;

namespace YeKuo.Notification.Infrastructure.Delivery;

/// <summary>
/// Sends committed staff notices over the configured <c>StaffChannels</c>; with none configured (the default) it does
/// nothing and staff notices stay in the in-app inbox. Notices already read in the app are not sent.
/// </summary>
internal sealed partial class StaffNoticeDelivery(
    IServiceScopeFactory scopes, IStaffNoticeSender sender, IOptions<NoticeDeliveryOptions> options, TimeProvider time,
    ILogger<StaffNoticeDelivery> logger) : RecurringPass(time, logger)
{
    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override string PassName => "delivery of staff notices";

    protected override bool IsEnabled => options.Value.StaffOutsideChannels.Count > 0;

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        while (await DeliverBatchAsync(settings, cancellationToken) == settings.BatchSize)
        {
        }
    }

    private async Task<int> DeliverBatchAsync(NoticeDeliveryOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
        var pending = await db.StaffNotices
            .Where(n => n.DeliveredAt == null && n.ReadAt == null && n.DeliveryAttempts < settings.MaxAttempts)
            .OrderBy(n => n.CreatedAt)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        return await DeliveryBatch.SendAsync(db, pending, settings.StaffOutsideChannels, sender.SendAsync,
            notice => notice.MarkDelivered(Time.GetUtcNow()),
            (notice, ex) =>
            {
                notice.DeliveryFailed();
                LogSendFailed(Logger, ex, notice.ApplicationNumber, notice.Kind, notice.DeliveryAttempts);
            },
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending staff notice {Kind} for application {ApplicationNumber} failed (attempt {Attempts})")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string applicationNumber, StaffNoticeKind kind, int attempts);
}

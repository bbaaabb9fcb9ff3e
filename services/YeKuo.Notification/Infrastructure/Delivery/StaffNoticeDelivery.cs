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

        var sent = 0;
        try
        {
            foreach (var notice in pending)
            {
                try
                {
                    foreach (var channel in settings.StaffOutsideChannels)
                    {
                        await sender.SendAsync(channel, notice, cancellationToken);
                    }
                    notice.MarkDelivered(Time.GetUtcNow());
                    sent++;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    notice.DeliveryFailed();
                    LogSendFailed(Logger, ex, notice.ApplicationNumber, notice.Kind, notice.DeliveryAttempts);
                }
            }
        }
        finally
        {
            // One commit for the batch, as for customer notices (NoticeDelivery).
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending staff notice {Kind} for application {ApplicationNumber} failed (attempt {Attempts})")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string applicationNumber, StaffNoticeKind kind, int attempts);
}

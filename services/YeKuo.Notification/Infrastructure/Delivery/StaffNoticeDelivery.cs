using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using YeKuo.Notification.Domain;

namespace YeKuo.Notification.Infrastructure.Delivery;

/// <summary>
/// Sends committed staff notices over the configured <c>StaffChannels</c>; with none configured (the default) it does
/// nothing and staff notices stay in the in-app inbox. Notices already read in the app are not sent.
/// </summary>
internal sealed partial class StaffNoticeDelivery(
    IServiceScopeFactory scopes, IStaffNoticeSender sender, IOptions<NoticeDeliveryOptions> options, TimeProvider time,
    ILogger<StaffNoticeDelivery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var channels = settings.StaffOutsideChannels;
        if (channels.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.PollInterval, time);
        do
        {
            try
            {
                while (await DeliverBatchAsync(settings, channels, stoppingToken) == settings.BatchSize)
                {
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogScanFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<int> DeliverBatchAsync(
        NoticeDeliveryOptions settings, IReadOnlyList<NoticeChannel> channels, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
        var pending = await db.StaffNotices
            .Where(n => n.DeliveredAt == null && n.ReadAt == null && n.DeliveryAttempts < settings.MaxAttempts)
            .OrderBy(n => n.CreatedAt)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var notice in pending)
        {
            try
            {
                foreach (var channel in channels)
                {
                    await sender.SendAsync(channel, notice, cancellationToken);
                }
                notice.MarkDelivered(time.GetUtcNow());
                sent++;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                notice.DeliveryFailed();
                LogSendFailed(ex, notice.ApplicationNumber, notice.Kind, notice.DeliveryAttempts);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanning staff notices for delivery failed; retrying on the next tick")]
    private partial void LogScanFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending staff notice {Kind} for application {ApplicationNumber} failed (attempt {Attempts})")]
    private partial void LogSendFailed(Exception exception, string applicationNumber, StaffNoticeKind kind, int attempts);
}

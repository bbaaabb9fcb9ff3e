using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using YeKuo.Notification.Domain;

namespace YeKuo.Notification.Infrastructure.Delivery;

/// <summary>
/// Sends recorded notices over SMS and e-mail after they are committed, so a consumer that rolls back never texts the
/// customer, and a notice recorded once is sent until a sender accepts it (at least once per channel).
/// </summary>
internal sealed partial class NoticeDelivery(
    IServiceScopeFactory scopes, INoticeSender sender, IOptions<NoticeDeliveryOptions> options, TimeProvider time,
    ILogger<NoticeDelivery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.PollInterval, time);
        do
        {
            try
            {
                // A full batch all sent: more may be waiting. Failures wait for the next tick (no hot retry loop).
                while (await DeliverBatchAsync(settings, stoppingToken) == settings.BatchSize)
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

    /// <summary>Sends one batch of pending notices; returns how many were sent.</summary>
    internal async Task<int> DeliverBatchAsync(NoticeDeliveryOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
        var pending = await db.Notices
            .Where(n => n.DeliveredAt == null && n.DeliveryAttempts < settings.MaxAttempts)
            .OrderBy(n => n.CreatedAt)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var notice in pending)
        {
            try
            {
                foreach (var channel in settings.OutsideChannels)
                {
                    await sender.SendAsync(channel, notice, cancellationToken);
                }
                notice.MarkDelivered(time.GetUtcNow());
                sent++;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                notice.DeliveryFailed();
                if (notice.DeliveryAttempts >= settings.MaxAttempts)
                {
                    LogGaveUp(ex, notice.ApplicationNumber, notice.Kind, notice.DeliveryAttempts);
                }
                else
                {
                    LogSendFailed(ex, notice.ApplicationNumber, notice.Kind, notice.DeliveryAttempts);
                }
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanning notices for delivery failed; retrying on the next tick")]
    private partial void LogScanFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending notice {Kind} for application {ApplicationNumber} failed (attempt {Attempts})")]
    private partial void LogSendFailed(Exception exception, string applicationNumber, NoticeKind kind, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up sending notice {Kind} for application {ApplicationNumber} after {Attempts} attempts; it stays in the in-app inbox")]
    private partial void LogGaveUp(Exception exception, string applicationNumber, NoticeKind kind, int attempts);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using YeKuo.Notification.Domain;
using YeKuo.ServiceDefaults.Hosting;

namespace YeKuo.Notification.Infrastructure.Delivery;

/// <summary>
/// Sends recorded notices over SMS and e-mail after they are committed, so a consumer that rolls back never texts the
/// customer, and a notice recorded once is sent until a sender accepts it (at least once per channel).
/// </summary>
internal sealed partial class NoticeDelivery(
    IServiceScopeFactory scopes, INoticeSender sender, IOptions<NoticeDeliveryOptions> options, TimeProvider time,
    ILogger<NoticeDelivery> logger) : RecurringPass(time, logger)
{
    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override string PassName => "delivery of notices";

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        // A full batch all sent: more may be waiting. Failures wait for the next pass (no hot retry loop).
        var settings = options.Value;
        while (await DeliverBatchAsync(settings, cancellationToken) == settings.BatchSize)
        {
        }
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

        return await DeliveryBatch.SendAsync(db, pending, settings.OutsideChannels, sender.SendAsync,
            notice => notice.MarkDelivered(Time.GetUtcNow()),
            (notice, ex) =>
            {
                notice.DeliveryFailed();
                if (notice.DeliveryAttempts >= settings.MaxAttempts)
                {
                    LogGaveUp(Logger, ex, notice.ApplicationNumber, notice.Kind, notice.DeliveryAttempts);
                }
                else
                {
                    LogSendFailed(Logger, ex, notice.ApplicationNumber, notice.Kind, notice.DeliveryAttempts);
                }
            },
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending notice {Kind} for application {ApplicationNumber} failed (attempt {Attempts})")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string applicationNumber, NoticeKind kind, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up sending notice {Kind} for application {ApplicationNumber} after {Attempts} attempts; it stays in the in-app inbox")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string applicationNumber, NoticeKind kind, int attempts);
}

using YeKuo.Notification.Domain;

namespace YeKuo.Notification.Infrastructure.Delivery;

/// <summary>
/// Sends one batch of committed notices (customer or staff) over the outside channels and commits what happened to all
/// of them at once: one commit per batch, also when the pass is stopped halfway. A crash before that commit sends the
/// batch's notices again (at least once; the sender has each notice's stable id to deduplicate on).
/// </summary>
internal static class DeliveryBatch
{
    /// <returns>How many notices every channel accepted.</returns>
    public static async Task<int> SendAsync<TNotice>(
        NotificationDbContext db,
        IReadOnlyList<TNotice> pending,
        IReadOnlyList<NoticeChannel> channels,
        Func<NoticeChannel, TNotice, CancellationToken, Task> send,
        Action<TNotice> delivered,
        Action<TNotice, Exception> failed,
        CancellationToken cancellationToken)
    {
        var sent = 0;
        try
        {
            foreach (var notice in pending)
            {
                try
                {
                    foreach (var channel in channels)
                    {
                        await send(channel, notice, cancellationToken);
                    }
                    delivered(notice);
                    sent++;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failed(notice, ex);
                }
            }
        }
        finally
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return sent;
    }
}

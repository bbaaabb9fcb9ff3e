using Microsoft.EntityFrameworkCore;
using YeKuo.Messaging.Persistence;

namespace YeKuo.Messaging.Retention;

/// <summary>
/// Deletes the outbox rows sent and the inbox rows handled longer ago than <see cref="MessageRetentionOptions"/> says,
/// so neither table grows with every application ever handled (64 events and 54 handled messages per high-voltage
/// application). Unsent outbox rows are never deleted, however old: the relay still owes them to the broker.
/// </summary>
public static class MessageRetention
{
    /// <returns>How many outbox rows (sent events) and inbox rows (handled message ids) were deleted.</returns>
    public static async Task<(int SentEvents, int HandledMessages)> DeleteOldAsync(
        ServiceDbContext db, MessageRetentionOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sentBefore = now - options.KeepSentEventsFor;
        var handledBefore = now - options.KeepHandledMessagesFor;
        var sentEvents = await DeleteInBatchesAsync(db,
            db.OutboxMessages.Where(m => m.SentAt != null && m.SentAt < sentBefore).OrderBy(m => m.Sequence).Take(options.BatchSize),
            options.BatchSize, cancellationToken);
        var handledMessages = await DeleteInBatchesAsync(db,
            db.InboxMessages.Where(m => m.ProcessedAt < handledBefore).Take(options.BatchSize),
            options.BatchSize, cancellationToken);
        return (sentEvents, handledMessages);
    }

    private static async Task<int> DeleteInBatchesAsync<T>(ServiceDbContext db, IQueryable<T> batch, int batchSize, CancellationToken cancellationToken)
    {
        var deleted = 0;
        while (true)
        {
            int rows;
            // A batch at a time in the database's write turn, so requests and consumers get theirs in between.
            using (await db.WriteTurnAsync(cancellationToken))
            {
                rows = await batch.ExecuteDeleteAsync(cancellationToken);
            }
            deleted += rows;
            if (rows < batchSize)
            {
                return deleted;
            }
        }
    }
}

using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using YeKuo.Messaging.Persistence;

namespace YeKuo.Messaging.Inbox;

/// <summary>
/// <see cref="IdempotentConsumer{TMessage,TContext}"/> for a stream of small, frequent events (the timeline's): the
/// messages that arrived together (<see cref="BatchConsumerRegistration"/>) are checked against the inbox in one
/// statement and committed in one transaction, inbox rows with their effects, instead of one commit (and one fsync) each.
/// A failed batch is retried whole from the database; what it had committed before is recognised by the inbox.
/// </summary>
/// <remarks>
/// Subclasses handle one message at a time, as an <see cref="IdempotentConsumer{TMessage,TContext}"/> does, on the
/// shared unit of work: a later message of the batch sees what an earlier one changed (look-ups through the tracker,
/// e.g. <c>FindAsync</c>). Every handled message of a batch that changed anything gets its inbox row.
/// </remarks>
public abstract class IdempotentBatchConsumer<TMessage, TContext>(TContext db, TimeProvider time) : IConsumer<Batch<TMessage>>
    where TMessage : class
    where TContext : ServiceDbContext
{
    /// <summary>The name of the batch-size histogram (messages committed together), tagged with the consumer.</summary>
    public const string BatchSizeInstrument = "yekuo.inbox.batch.size";

    private static readonly Histogram<int> BatchSize = MessagingTelemetry.Meter.CreateHistogram<int>(
        BatchSizeInstrument, unit: "{message}", description: "Messages a batch consumer handled in one transaction.");

    protected TContext Db => db;

    protected TimeProvider Time => time;

    /// <summary>The inbox's consumer name: the class's, as for a consumer of single messages.</summary>
    private string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        var cancellationToken = context.CancellationToken;
        var candidates = new List<ConsumeContext<TMessage>>(context.Message.Length);
        var seen = new HashSet<Guid>();
        foreach (var message in context.Message)
        {
            var messageId = message.MessageId
                ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a MessageId; it cannot be deduplicated.");
            // A redelivered copy in the same batch is the same message.
            if (Concerns(message.Message) && seen.Add(messageId))
            {
                candidates.Add(message);
            }
        }
        if (candidates.Count == 0)
        {
            return;
        }

        try
        {
            var ids = candidates.Select(c => c.MessageId!.Value).ToList();
            var consumer = ConsumerName;
            var handled = (await db.InboxMessages.AsNoTracking()
                .Where(m => m.Consumer == consumer && ids.Contains(m.MessageId))
                .Select(m => m.MessageId)
                .ToListAsync(cancellationToken)).ToHashSet();
            var now = time.GetUtcNow();
            var processed = new List<Guid>(candidates.Count);
            foreach (var message in candidates)
            {
                if (handled.Contains(message.MessageId!.Value))
                {
                    continue;
                }
                HandoffTelemetry.Record(message, now);
                await HandleAsync(message.Message, message);
                processed.Add(message.MessageId!.Value);
            }
            if (!db.ChangeTracker.HasChanges())
            {
                return;
            }
            var processedAt = time.GetUtcNow();
            foreach (var messageId in processed)
            {
                db.InboxMessages.Add(new InboxMessage { MessageId = messageId, Consumer = consumer, ProcessedAt = processedAt });
            }
            await db.SaveChangesAsync(cancellationToken);
            BatchSize.Record(processed.Count, new KeyValuePair<string, object?>("yekuo.consumer", consumer));
        }
        catch
        {
            // A retry starts from the database (where the inbox now knows whatever another replica committed meanwhile).
            db.ChangeTracker.Clear();
            throw;
        }
    }

    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context);

    /// <summary>False for a message this consumer ignores whatever the state; decided from the message alone.</summary>
    protected virtual bool Concerns(TMessage message) => true;
}

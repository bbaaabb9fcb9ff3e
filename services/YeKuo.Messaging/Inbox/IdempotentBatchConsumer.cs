using MassTransit;
using YeKuo.Messaging.Persistence;

namespace YeKuo.Messaging.Inbox;

/// <summary>
/// Base of a consumer that takes its messages in batches (<see cref="Batch{T}"/>, registered with
/// <see cref="BatchConsumerRegistration.AddBatchConsumer{TConsumer, TMessage}"/>): the messages that arrive within
/// <see cref="BatchConsumerRegistration.TimeLimit"/> of the first are handled on one connection and committed together,
/// with their inbox records, in one SaveChanges: one transaction and one fsync instead of one per message. For
/// high-volume events whose handling is a small upsert of this service's own copy (the timeline), where a few
/// milliseconds more before the copy shows the change cost nobody anything. Same contract as
/// <see cref="IdempotentConsumer{TMessage, TContext}"/>: subclasses change the DbContext and enqueue events, never save.
/// </summary>
/// <remarks>
/// A batch whose commit fails is handled again message by message, each in its own commit: the others commit, and only
/// the failing ones fail the batch, which goes round the endpoint's retry (the committed ones skip on the inbox) and, when
/// the retries are spent, sends only the failing ones to the error queue. In a commit that changes anything every
/// message gets its inbox record, also one that changed nothing by itself (a copy of it would change nothing either).
/// </remarks>
public abstract class IdempotentBatchConsumer<TMessage, TContext>(TContext db, TimeProvider time) : IConsumer<Batch<TMessage>>
    where TMessage : class
    where TContext : ServiceDbContext
{
    protected TContext Db => db;

    protected TimeProvider Time => time;

    private string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        var messages = context.Message.Where(m => Concerns(m.Message)).ToList();
        if (messages.Count == 0)
        {
            return;
        }
        // One connection for the whole batch, as IdempotentConsumer does for one message.
        await db.OnOneConnectionAsync(() => ConsumeOnceAsync(messages, context.CancellationToken), context.CancellationToken);
    }

    private async Task ConsumeOnceAsync(List<ConsumeContext<TMessage>> messages, CancellationToken cancellationToken)
    {
        var unhandled = new List<ConsumeContext<TMessage>>(messages.Count);
        foreach (var message in messages)
        {
            // A batch holds one copy of a message id (MassTransit keys it by the id); earlier copies are in the inbox.
            if (!await InboxQuery<TContext>.AlreadyHandled(db, InboxRecord.MessageIdOf(message), ConsumerName, cancellationToken))
            {
                unhandled.Add(message);
            }
        }
        if (unhandled.Count == 0)
        {
            return;
        }
        HandoffTelemetry.RecordBatch(unhandled, time.GetUtcNow());

        try
        {
            await CommitAsync(unhandled, cancellationToken);
        }
        catch (Exception ex) when (unhandled.Count > 1 && ex is not OperationCanceledException)
        {
            // The batch failed as a whole (a message its handler or the database refuses, or a conflict): each message
            // again on its own, so the others commit and only the failing ones fail.
            await CommitOneByOneAsync(unhandled, cancellationToken);
        }
    }

    private async Task CommitOneByOneAsync(List<ConsumeContext<TMessage>> messages, CancellationToken cancellationToken)
    {
        var committed = new List<ConsumeContext<TMessage>>(messages.Count);
        var failures = new List<Exception>();
        foreach (var message in messages)
        {
            try
            {
                await CommitAsync([message], cancellationToken);
                committed.Add(message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add(ex);
            }
        }
        if (failures.Count == 0)
        {
            return;
        }
        // The batch fails and is retried (its copies of the committed messages skip on the inbox); once its retries are
        // spent MassTransit faults each message of the batch except those marked delivered: the committed ones.
        foreach (var message in committed)
        {
            await message.NotifyConsumed(message, TimeSpan.Zero, ConsumerName);
        }
        throw failures.Count == 1 ? failures[0] : new AggregateException(failures);
    }

    /// <summary>Handles the messages and commits their effects with their inbox records in one SaveChanges.</summary>
    private async Task CommitAsync(IReadOnlyList<ConsumeContext<TMessage>> messages, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var message in messages)
            {
                using (MessageSpan.Enter(message))
                {
                    await HandleAsync(message.Message, message);
                }
            }
            if (!db.ChangeTracker.HasChanges())
            {
                return;
            }
            var processedAt = time.GetUtcNow();
            foreach (var message in messages)
            {
                InboxRecord.Add(db, InboxRecord.MessageIdOf(message), ConsumerName, processedAt);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // What follows (a message alone, a retry) must start from the database, not from this attempt's changes.
            db.ChangeTracker.Clear();
            throw;
        }
    }

    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context);

    /// <summary>False for a message this consumer ignores whatever the state; decided from the message alone.</summary>
    protected virtual bool Concerns(TMessage message) => true;
}

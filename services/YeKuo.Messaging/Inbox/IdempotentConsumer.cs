using MassTransit;
using Microsoft.EntityFrameworkCore;
using YeKuo.Messaging.Persistence;

namespace YeKuo.Messaging.Inbox;

/// <summary>
/// Base of every consumer (<see cref="IdempotentBatchConsumer{TMessage, TContext}"/> of those taking batches): skips a
/// message id this consumer already handled, and commits the inbox record together
/// with the consumer's effects and the events they raise (outbox rows) in one SaveChanges. Subclasses change the
/// DbContext and enqueue events, but never save.
/// </summary>
/// <remarks>
/// A message the consumer decides to ignore (nothing changed: not this department's step, a notice the customer already
/// has) commits nothing, not even an inbox row: deciding again on a copy changes nothing either, so the inbox only has
/// to guard effects. A subclass must therefore decide from the message and the state it reads, never from the clock or
/// chance, whether to change anything.
/// </remarks>
public abstract class IdempotentConsumer<TMessage, TContext>(TContext db, TimeProvider time) : IConsumer<TMessage>
    where TMessage : class
    where TContext : ServiceDbContext
{
    protected TContext Db => db;

    protected TimeProvider Time => time;

    private string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = InboxRecord.MessageIdOf(context);
        if (!Concerns(context.Message))
        {
            return;
        }

        // One connection for the whole consume (the inbox check, the handler's reads, the save): EF Core would open and
        // close it around each of them, and each SQLite open registers EF Core's functions on it again.
        await db.OnOneConnectionAsync(() => ConsumeOnceAsync(context, messageId, context.CancellationToken), context.CancellationToken);
    }

    private async Task ConsumeOnceAsync(ConsumeContext<TMessage> context, Guid messageId, CancellationToken cancellationToken)
    {
        if (await InboxQuery<TContext>.AlreadyHandled(db, messageId, ConsumerName, cancellationToken))
        {
            return;
        }
        HandoffTelemetry.Record(context, time.GetUtcNow());

        try
        {
            await HandleAsync(context.Message, context);
            if (!db.ChangeTracker.HasChanges())
            {
                return;
            }
            InboxRecord.Add(db, messageId, ConsumerName, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            // A retry must start from the database, not from this attempt's half-applied changes.
            db.ChangeTracker.Clear();
            if (ex is DbUpdateException && await InboxQuery<TContext>.AlreadyHandled(db, messageId, ConsumerName, cancellationToken))
            {
                // Another replica (or a redelivery racing this one) committed the same message first.
                return;
            }
            throw;
        }
    }

    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context);

    /// <summary>
    /// False for a message this consumer ignores whatever the state (e.g. a step another department hosts): it is dropped
    /// before the inbox is even read. Decided from the message alone.
    /// </summary>
    protected virtual bool Concerns(TMessage message) => true;
}

/// <summary>The inbox check: one indexed statement (the primary key), compiled once per context type.</summary>
internal static class InboxQuery<TContext> where TContext : ServiceDbContext
{
    public static readonly Func<TContext, Guid, string, CancellationToken, Task<bool>> AlreadyHandled =
        EF.CompileAsyncQuery((TContext db, Guid messageId, string consumer, CancellationToken _) =>
            db.InboxMessages.Any(m => m.MessageId == messageId && m.Consumer == consumer));
}

using MassTransit;
using Microsoft.EntityFrameworkCore;
using YeKuo.Messaging.Persistence;

namespace YeKuo.Messaging.Inbox;

/// <summary>
/// Base of every consumer: skips a message id this consumer already handled, and commits the inbox record together
/// with the consumer's effects and the events they raise (outbox rows) in one SaveChanges. Subclasses change the
/// DbContext and enqueue events, but never save.
/// </summary>
public abstract class IdempotentConsumer<TMessage, TContext>(TContext db, TimeProvider time) : IConsumer<TMessage>
    where TMessage : class
    where TContext : ServiceDbContext
{
    protected TContext Db => db;

    protected TimeProvider Time => time;

    private string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a MessageId; it cannot be deduplicated.");
        var cancellationToken = context.CancellationToken;

        if (await AlreadyHandledAsync(messageId, cancellationToken))
        {
            return;
        }
        HandoffTelemetry.Record(context, time.GetUtcNow());

        try
        {
            await HandleAsync(context.Message, context);
            db.InboxMessages.Add(new InboxMessage { MessageId = messageId, Consumer = ConsumerName, ProcessedAt = time.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            // A retry must start from the database, not from this attempt's half-applied changes.
            db.ChangeTracker.Clear();
            if (ex is DbUpdateException && await AlreadyHandledAsync(messageId, cancellationToken))
            {
                // Another replica (or a redelivery racing this one) committed the same message first.
                return;
            }
            throw;
        }
    }

    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context);

    private Task<bool> AlreadyHandledAsync(Guid messageId, CancellationToken cancellationToken) =>
        db.InboxMessages.AsNoTracking().AnyAsync(m => m.MessageId == messageId && m.Consumer == ConsumerName, cancellationToken);
}

using MassTransit;
using YeKuo.Messaging.Persistence;

namespace YeKuo.Messaging.Inbox;

/// <summary>A message's record in its consumer's inbox, as both consumer bases key and write it.</summary>
internal static class InboxRecord
{
    public static Guid MessageIdOf<TMessage>(ConsumeContext<TMessage> context) where TMessage : class => context.MessageId
        ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a MessageId; it cannot be deduplicated.");

    /// <summary>Adds the record to the consume's commit. Does not save.</summary>
    public static void Add(ServiceDbContext db, Guid messageId, string consumer, DateTimeOffset processedAt) =>
        db.InboxMessages.Add(new InboxMessage { MessageId = messageId, Consumer = consumer, ProcessedAt = processedAt });
}

using MassTransit;
using YeKuo.Messaging.Inbox;
using YeKuo.Notification.Infrastructure;
using YeKuo.Notification.Webhooks;

namespace YeKuo.Notification.IntegrationEvents;

/// <summary>
/// Notification's one consumer of an event: what the event means here (a customer notice, a staff notice, a 回访 task)
/// and its partner webhook deliveries, in one transaction with its inbox row. Every consumer of the service listens on
/// one endpoint (<see cref="Extensions.ApplicationServiceExtensions"/>), so an event is handled once, not once per concern;
/// the events of one kind that arrive together commit together (<see cref="IdempotentBatchConsumer{TMessage, TContext}"/>):
/// a notice reaches the customer's list a few milliseconds later and costs one fsync per batch, not one per event.
/// </summary>
public abstract class NotificationConsumer<TMessage>(NotificationDbContext db, TimeProvider time)
    : IdempotentBatchConsumer<TMessage, NotificationDbContext>(db, time)
    where TMessage : class
{
    /// <summary>Adds what <paramref name="message"/> means for this service (nothing when it means nothing).</summary>
    protected abstract Task RecordAsync(TMessage message, CancellationToken cancellationToken);

    protected sealed override async Task HandleAsync(TMessage message, ConsumeContext<TMessage> context)
    {
        await RecordAsync(message, context.CancellationToken);
        await WebhookDeliveries.AddAsync(Db, message, context.MessageId!.Value, Time.GetUtcNow(), context.CancellationToken);
    }
}

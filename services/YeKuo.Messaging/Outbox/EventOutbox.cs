using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using YeKuo.Contracts;
using YeKuo.Messaging.Persistence;

namespace YeKuo.Messaging.Outbox;

/// <summary>
/// Adds an event to the unit of work as an outbox row. The partner CloudEvents it maps to are not rows: they are built
/// from the row when it is published (<see cref="OutboxPublisher"/>), with ids derived from its message id.
/// </summary>
internal sealed class EventOutbox<TContext>(TContext db, TimeProvider time) : IEventOutbox
    where TContext : ServiceDbContext
{
    public void Enqueue<TEvent>(TEvent @event, Guid? applicationId = null) where TEvent : class
    {
        var activity = Activity.Current;
        db.OutboxMessages.Add(new OutboxMessage
        {
            MessageId = NewId.NextSequentialGuid(),
            MessageType = Messages.UrnOf(typeof(TEvent)),
            Body = JsonSerializer.Serialize(@event, MessageJson.Options),
            ApplicationId = applicationId,
            TraceParent = activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null,
            TraceState = activity?.TraceStateString,
            CreatedAt = time.GetUtcNow(),
            Event = @event,
        });
    }
}

using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MassTransit;
using YeKuo.Contracts;
using YeKuo.Messaging.PartnerEvents;
using YeKuo.Messaging.Persistence;

namespace YeKuo.Messaging.Outbox;

/// <summary>
/// Adds an event to the unit of work as an outbox row, and each partner CloudEvent it maps to as a row of its own, so
/// the partner copy is published (and confirmed) apart from the handoff.
/// </summary>
internal sealed class EventOutbox<TContext>(TContext db, TimeProvider time, CloudEventPublisher partnerEvents) : IEventOutbox
    where TContext : ServiceDbContext
{
    public void Enqueue<TEvent>(TEvent @event, Guid? applicationId = null) where TEvent : class
    {
        var activity = Activity.Current;
        var traceParent = activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null;
        var now = time.GetUtcNow();
        var messageId = NewId.NextSequentialGuid();
        db.OutboxMessages.Add(new OutboxMessage
        {
            MessageId = messageId,
            MessageType = Messages.UrnOf(typeof(TEvent)),
            Body = JsonSerializer.Serialize(@event, MessageJson.Options),
            ApplicationId = applicationId,
            TraceParent = traceParent,
            TraceState = activity?.TraceStateString,
            CreatedAt = now,
            Event = @event,
        });

        foreach (var partnerEvent in PartnerEventMapper.Map(@event))
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                MessageId = NewId.NextSequentialGuid(),
                MessageType = partnerEvent.Type,
                Body = Encoding.UTF8.GetString(PartnerCloudEvents.Encode(
                    partnerEvent, PartnerEventMapper.IdOf(messageId, partnerEvent), traceParent, partnerEvents.Source).Span),
                ApplicationId = applicationId,
                TraceParent = traceParent,
                TraceState = activity?.TraceStateString,
                CreatedAt = now,
            });
        }
    }
}

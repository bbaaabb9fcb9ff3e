using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using YeKuo.Contracts;
using YeKuo.Messaging.PartnerEvents;

namespace YeKuo.Messaging.Outbox;

/// <summary>
/// Publishes one outbox row: an internal event through MassTransit with the row's MessageId, and beside it the partner
/// CloudEvents it maps to (<see cref="PartnerEventMapper"/>) on <c>yekuo.events</c>, each with its id derived from the
/// row's (the same on every re-publish). The partner events are not rows of their own: they are built from the event when
/// it is published, so each costs a publish and its confirm but no insert, stamp or bytes in the database. Shared by the
/// publish right after the commit (<see cref="OutboxDispatcher{TContext}"/>) and the relay.
/// </summary>
internal sealed class OutboxPublisher(IServiceProvider services, CloudEventPublisher partnerEvents)
{
    private static readonly Counter<long> Published = MessagingTelemetry.Meter.CreateCounter<long>(
        "yekuo.outbox.published", description: "Outbox rows published to the broker.");

    // A host without a bus (a built, not started, test host) publishes nothing; the rows wait in the outbox.
    private readonly Lazy<IBus?> _bus = new(services.GetService<IBus>);

    public bool HasBus => _bus.Value is not null;

    /// <summary>Partner events go to the bus's own broker; an in-memory bus (component tests) has none, so they count as sent.</summary>
    private bool HasBroker => _bus.Value?.Address.Scheme.StartsWith("rabbitmq", StringComparison.Ordinal) == true;

    /// <summary>Publishes the row and waits for every confirm (the event's and its partner events').</summary>
    /// <param name="span">The span's name (the relay's, or the publish right after the commit under the request's own span).</param>
    /// <param name="parent">The trace to continue; default = the current activity.</param>
    public Task PublishAsync(OutboxMessage row, string span, ActivityContext parent, CancellationToken cancellationToken) =>
        Publish(row, span, parent, cancellationToken).Confirmed;

    /// <summary>
    /// Starts publishing the row: <see cref="OutboxPublication.Handoff"/> completes with the internal event's confirm (the
    /// handoff is on the broker), <see cref="OutboxPublication.Confirmed"/> once its partner events are confirmed too.
    /// </summary>
    public OutboxPublication Publish(OutboxMessage row, string span, ActivityContext parent, CancellationToken cancellationToken)
    {
        if (row.IsPartnerEvent)
        {
            // A partner event stored as a row of its own (written before they were built at publish): sent as it is.
            var stored = PublishStoredPartnerEventAsync(row, cancellationToken);
            return new(stored, stored);
        }
        Type type;
        object message;
        try
        {
            type = Messages.TypeOf(row.MessageType);
            message = row.Event ?? JsonSerializer.Deserialize(row.Body, type, MessageJson.Options)
                ?? throw new InvalidOperationException($"Outbox row {row.Sequence} has an empty body.");
        }
        catch (Exception ex)
        {
            var failed = Task.FromException(ex);
            return new(failed, failed);
        }
        var handoff = PublishEventAsync(row, message, type, span, parent, cancellationToken);
        var partners = PublishPartnerEventsAsync(row, message, cancellationToken);
        return new(handoff, partners.IsCompletedSuccessfully ? handoff : Task.WhenAll(handoff, partners));
    }

    private async Task PublishEventAsync(OutboxMessage row, object message, Type type, string span, ActivityContext parent, CancellationToken cancellationToken)
    {
        var bus = _bus.Value ?? throw new InvalidOperationException("This host has no message bus.");
        using var activity = MessagingTelemetry.Source.StartActivity(span, ActivityKind.Internal, parent);
        if (activity is not null)
        {
            activity.SetTag("messaging.message.id", row.MessageId.ToString());
            activity.SetTag("yekuo.message.type", row.MessageType);
            if (row.ApplicationId is { } applicationId)
            {
                activity.SetTag("yekuo.application.id", applicationId.ToString());
            }
        }
        try
        {
            HandoffTelemetry.TagProducer(activity, message);
            // WaitAsync too: a confirm lost with the broker's connection may never honour the token.
            await bus.Publish(message, type, context => context.MessageId = row.MessageId, cancellationToken).WaitAsync(cancellationToken);
            Published.Add(1, new KeyValuePair<string, object?>("yekuo.message.type", row.MessageType));
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex is OperationCanceledException ? "No broker confirm in time." : ex.Message);
            throw;
        }
    }

    /// <summary>The partner events of <paramref name="message"/>, published side by side (pipelined confirms).</summary>
    private async Task PublishPartnerEventsAsync(OutboxMessage row, object message, CancellationToken cancellationToken)
    {
        List<Task>? publishes = null;
        foreach (var partnerEvent in PartnerEventMapper.Map(message))
        {
            var id = PartnerEventMapper.IdOf(row.MessageId, partnerEvent);
            var cloudEvent = PartnerCloudEvents.Encode(partnerEvent, id, row.TraceParent, partnerEvents.Source);
            (publishes ??= []).Add(PublishPartnerEventAsync(partnerEvent.Type, id, cloudEvent, cancellationToken));
        }
        if (publishes is not null)
        {
            await Task.WhenAll(publishes);
        }
    }

    private async Task PublishStoredPartnerEventAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        var cloudEvent = Encoding.UTF8.GetBytes(row.Body);
        await PublishPartnerEventAsync(row.MessageType, CloudEventPublisher.IdOf(cloudEvent), cloudEvent, cancellationToken);
    }

    private async Task PublishPartnerEventAsync(string type, string id, ReadOnlyMemory<byte> cloudEvent, CancellationToken cancellationToken)
    {
        if (HasBroker)
        {
            await partnerEvents.PublishAsync(type, id, cloudEvent, cancellationToken).WaitAsync(cancellationToken);
        }
        Published.Add(1, new KeyValuePair<string, object?>("yekuo.message.type", type));
    }
}

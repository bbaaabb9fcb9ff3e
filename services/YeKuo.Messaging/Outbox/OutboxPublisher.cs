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
/// Publishes one outbox row and waits for the broker's confirm: an internal event through MassTransit with the row's
/// MessageId, a partner CloudEvent on <c>yekuo.events</c> with its own id. Shared by the publish right after the commit
/// (<see cref="OutboxDispatcher{TContext}"/>) and the relay.
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

    /// <param name="span">The span's name (the relay's, or the publish right after the commit under the request's own span).</param>
    /// <param name="parent">The trace to continue; default = the current activity.</param>
    public async Task PublishAsync(OutboxMessage row, string span, ActivityContext parent, CancellationToken cancellationToken)
    {
        if (row.IsPartnerEvent)
        {
            if (HasBroker)
            {
                var body = Encoding.UTF8.GetBytes(row.Body);
                await partnerEvents.PublishAsync(row.MessageType, CloudEventPublisher.IdOf(body), body, cancellationToken).WaitAsync(cancellationToken);
            }
            Published.Add(1, new KeyValuePair<string, object?>("yekuo.message.type", row.MessageType));
            return;
        }

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
            var type = Messages.TypeOf(row.MessageType);
            var message = row.Event ?? JsonSerializer.Deserialize(row.Body, type, MessageJson.Options)
                ?? throw new InvalidOperationException($"Outbox row {row.Sequence} has an empty body.");
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
}

using System.Diagnostics;
using System.Text;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Messaging;
using YeKuo.Messaging.Inbox;
using YeKuo.Messaging.PartnerEvents;
using YeKuo.Notification.Infrastructure;

namespace YeKuo.Notification.Webhooks;

/// <summary>
/// Turns an internal event into the partner CloudEvents (<see cref="PartnerEventMapper"/>, the same shape, id and source
/// as on the <c>yekuo.events</c> exchange) and records one pending delivery per subscription that wants the type, in
/// the same transaction as the inbox entry; <see cref="WebhookDispatcher"/> sends them.
/// </summary>
public abstract class WebhookEventConsumer<TMessage>(NotificationDbContext db, TimeProvider time)
    : IdempotentConsumer<TMessage, NotificationDbContext>(db, time)
    where TMessage : class
{
    protected override async Task HandleAsync(TMessage message, ConsumeContext<TMessage> context)
    {
        var partnerEvents = PartnerEventMapper.Map(message).ToList();
        if (partnerEvents.Count == 0)
        {
            return;
        }
        var subscriptions = await Db.WebhookSubscriptions.AsNoTracking().ToListAsync(context.CancellationToken);
        if (subscriptions.Count == 0)
        {
            return;
        }
        var now = Time.GetUtcNow();
        var traceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;
        foreach (var partnerEvent in partnerEvents)
        {
            var id = $"{context.MessageId}/{partnerEvent.Type}";
            var body = Encoding.UTF8.GetString(PartnerCloudEvents.Encode(partnerEvent, id, traceParent, SourceOf(message)).Span);
            foreach (var subscription in subscriptions.Where(s => s.Wants(partnerEvent.Type)))
            {
                Db.WebhookDeliveries.Add(WebhookDelivery.Create(subscription.Id, id, partnerEvent.Type, partnerEvent.Subject, body, now));
            }
        }
    }

    /// <summary>The publishing service, as the exchange's CloudEvents name it (<c>/yekuo/&lt;service&gt;</c>).</summary>
    internal static string SourceOf(object message) => "/yekuo/" + DepartmentCatalogue.Of(message switch
    {
        PowerConnected => Department.Metering,
        IStepEvent step => StepCatalogue.Of(step.Step).Department,
        _ => Department.Acceptance,
    }).Service;
}

public sealed class WebhookApplicationAcceptedConsumer(NotificationDbContext db, TimeProvider time) : WebhookEventConsumer<ApplicationAccepted>(db, time);

public sealed class WebhookStepCompletedConsumer(NotificationDbContext db, TimeProvider time) : WebhookEventConsumer<StepCompleted>(db, time);

public sealed class WebhookPowerConnectedConsumer(NotificationDbContext db, TimeProvider time) : WebhookEventConsumer<PowerConnected>(db, time);

public sealed class WebhookApplicationWithdrawnConsumer(NotificationDbContext db, TimeProvider time) : WebhookEventConsumer<ApplicationWithdrawn>(db, time);

public sealed class WebhookApplicationRejectedConsumer(NotificationDbContext db, TimeProvider time) : WebhookEventConsumer<ApplicationRejected>(db, time);

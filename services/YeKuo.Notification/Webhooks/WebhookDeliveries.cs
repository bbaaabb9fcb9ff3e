using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Messaging;
using YeKuo.Messaging.PartnerEvents;
using YeKuo.Notification.Infrastructure;

namespace YeKuo.Notification.Webhooks;

/// <summary>
/// Turns an internal event into the partner CloudEvents (<see cref="PartnerEventMapper"/>, the same shape, id and source
/// as on the <c>yekuo.events</c> exchange) and records one pending delivery per subscription that wants the type, in
/// the transaction of the event's consumer; <see cref="WebhookDispatcher"/> sends them.
/// </summary>
public static class WebhookDeliveries
{
    public static async Task AddAsync(NotificationDbContext db, object message, Guid messageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Most installations have few partners or none: ask for them before building the events they would get.
        var subscriptions = await db.SubscriptionsAsync(cancellationToken);
        if (subscriptions.Count == 0)
        {
            return;
        }
        var partnerEvents = PartnerEventMapper.Map(message).ToList();
        var traceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;
        foreach (var partnerEvent in partnerEvents)
        {
            var id = PartnerEventMapper.IdOf(messageId, partnerEvent);
            var body = Encoding.UTF8.GetString(PartnerCloudEvents.Encode(partnerEvent, id, traceParent, SourceOf(message)).Span);
            foreach (var subscription in subscriptions.Where(s => s.Wants(partnerEvent.Type)))
            {
                db.WebhookDeliveries.Add(WebhookDelivery.Create(subscription.Id, id, partnerEvent.Type, partnerEvent.Subject, body, now));
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

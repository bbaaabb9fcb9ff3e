using System.Diagnostics;
using OpenTelemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Completes MassTransit's messaging spans for the handoff view:
/// <list type="bullet">
/// <item>producer spans get the handoff tags of the span they start under (the outbox relay tags its span with
/// <c>yekuo.application.id</c>, <c>yekuo.step</c>, <c>yekuo.department.from</c>/<c>to</c>; the publish span is created
/// inside MassTransit's transport, where our code cannot reach);</item>
/// <item>producer and consumer spans get the OTel messaging attributes MassTransit 8 names differently or leaves out:
/// <c>messaging.message.id</c> (MassTransit writes <c>messaging.masstransit.message_id</c>), <c>messaging.system</c>
/// and <c>messaging.destination.name</c> on the consumer side (from the destination address), and
/// <c>messaging.operation.type</c>.</item>
/// </list>
/// </summary>
internal sealed class HandoffTagProcessor : BaseProcessor<Activity>
{
    private static readonly string[] HandoffTags = ["yekuo.application.id", "yekuo.step", "yekuo.department.from", "yekuo.department.to", "yekuo.message.type"];

    public override void OnEnd(Activity data)
    {
        if (!data.Recorded || data.Kind is not (ActivityKind.Producer or ActivityKind.Consumer) || data.Source.Name != "MassTransit")
        {
            return;
        }
        if (data.Kind == ActivityKind.Producer && data.Parent is { } parent)
        {
            foreach (var key in HandoffTags)
            {
                if (data.GetTagItem(key) is null && parent.GetTagItem(key) is { } value)
                {
                    data.SetTag(key, value);
                }
            }
        }

        SetIfMissing(data, "messaging.message.id", data.GetTagItem("messaging.masstransit.message_id"));
        if (data.GetTagItem("messaging.masstransit.destination_address") is string destination
            && Uri.TryCreate(destination, UriKind.Absolute, out var address))
        {
            SetIfMissing(data, "messaging.system", address.Scheme is "rabbitmq" or "rabbitmqs" ? "rabbitmq" : address.Scheme);
            SetIfMissing(data, "messaging.destination.name", address.AbsolutePath.Trim('/'));
        }
        SetIfMissing(data, "messaging.operation.type", data.GetTagItem("messaging.operation"));
    }

    private static void SetIfMissing(Activity activity, string key, object? value)
    {
        if (value is not null && activity.GetTagItem(key) is null)
        {
            activity.SetTag(key, value);
        }
    }
}

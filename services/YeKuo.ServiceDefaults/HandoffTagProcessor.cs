using System.Diagnostics;
using OpenTelemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Gives MassTransit's producer spans the handoff tags of the span they start under: the outbox relay tags its span
/// with <c>yekuo.application.id</c>, <c>yekuo.step</c>, <c>yekuo.department.from</c>/<c>to</c> and the publish span
/// (a child created inside MassTransit's transport, where our code cannot reach) carries them too, so both sides of a
/// handoff can be found by the same tags.
/// </summary>
internal sealed class HandoffTagProcessor : BaseProcessor<Activity>
{
    private static readonly string[] HandoffTags = ["yekuo.application.id", "yekuo.step", "yekuo.department.from", "yekuo.department.to", "yekuo.message.type"];

    public override void OnEnd(Activity data)
    {
        if (data.Kind != ActivityKind.Producer || data.Parent is not { } parent)
        {
            return;
        }
        foreach (var key in HandoffTags)
        {
            if (data.GetTagItem(key) is null && parent.GetTagItem(key) is { } value)
            {
                data.SetTag(key, value);
            }
        }
    }
}

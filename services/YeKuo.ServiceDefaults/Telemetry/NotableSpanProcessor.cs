using System.Diagnostics;
using OpenTelemetry;

namespace YeKuo.ServiceDefaults.Telemetry;

/// <summary>
/// Exports a span the sampler left out when it matters: it ended in error (an exception, a 5xx) or it consumed a handoff
/// that waited longer than <see cref="TraceSampling.SlowHandoff"/> between publish and consume (tag
/// <see cref="HandoffSecondsTag"/>). What it can keep is that span alone — the request or message of this process, with
/// its tags, status and duration — and, when the failure travels back up (a 5xx through the gateway), the caller's entry
/// span too. It cannot keep the rest of the trace: the decision to record a trace is taken when it starts, in each
/// process, before anyone knows how it ends; the unsampled children were never recorded, and other processes have already
/// dropped their spans. Keeping whole traces by their outcome needs a tail-sampling collector outside the services.
/// Runs before the exporters; later processors skip the spans it leaves unrecorded.
/// </summary>
public sealed class NotableSpanProcessor(TimeSpan slowHandoff) : BaseProcessor<Activity>
{
    /// <summary>Seconds from publish to consume, set on the consumer span of a handoff (<c>HandoffTelemetry</c>).</summary>
    public const string HandoffSecondsTag = "yekuo.handoff.seconds";

    private readonly double _slowSeconds = slowHandoff.TotalSeconds;

    public override void OnEnd(Activity data)
    {
        if (data.Recorded)
        {
            return;
        }
        if (data.Status == ActivityStatusCode.Error || data.GetTagItem(HandoffSecondsTag) is double seconds && seconds >= _slowSeconds)
        {
            data.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
            data.SetTag("yekuo.kept", data.Status == ActivityStatusCode.Error ? "error" : "slow-handoff");
        }
    }
}

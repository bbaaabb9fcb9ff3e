using System.Diagnostics;
using OpenTelemetry.Trace;

namespace YeKuo.ServiceDefaults.Telemetry;

/// <summary>
/// Parent-based ratio sampling that still sees every request and message: a trace sampled upstream is recorded here
/// too, a trace starting here is sampled by its id (<see cref="TraceSampling.SampleRatio"/>), and the rest is dropped —
/// except the span a process starts for a request or a message it receives (server and consumer spans), which is
/// recorded without being exported, so <see cref="NotableSpanProcessor"/> can still export it if it fails or completes
/// a slow handoff. Their children (database, HTTP client, publish) are not recorded: they cost as much as the entry span
/// and would only be thrown away.
/// </summary>
public sealed class EntrySpanSampler(double ratio) : Sampler
{
    private static readonly SamplingResult Sample = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult RecordOnly = new(SamplingDecision.RecordOnly);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    private readonly TraceIdRatioBasedSampler _ratio = new(ratio);

    public override SamplingResult ShouldSample(in SamplingParameters parameters)
    {
        var parent = parameters.ParentContext;
        var sampled = parent.TraceId != default
            ? (parent.TraceFlags & ActivityTraceFlags.Recorded) != 0
            : _ratio.ShouldSample(parameters).Decision == SamplingDecision.RecordAndSample;
        if (sampled)
        {
            return Sample;
        }
        return parameters.Kind is ActivityKind.Server or ActivityKind.Consumer ? RecordOnly : Drop;
    }
}

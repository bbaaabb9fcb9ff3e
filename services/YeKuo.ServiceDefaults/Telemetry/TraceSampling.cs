using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace YeKuo.ServiceDefaults.Telemetry;

/// <summary>
/// How many traces are recorded (section <c>Telemetry:Tracing</c>): <see cref="SampleRatio"/> of the traces that start
/// here, and every trace a caller or a message's sender sampled (parent-based, so a handoff is kept or dropped whole
/// across departments). 100 % in Development (every handoff on the local trace view); <see cref="ProductionRatio"/>
/// elsewhere unless configured. Failed spans and slow handoffs are kept whatever the ratio (<see cref="NotableSpanProcessor"/>).
/// </summary>
public sealed record TraceSampling(double SampleRatio, TimeSpan SlowHandoff)
{
    /// <summary>The default outside Development: one trace in ten (the gateway bench: a cheap request's CPU −44 %).</summary>
    public const double ProductionRatio = 0.1;

    public static readonly TimeSpan DefaultSlowHandoff = TimeSpan.FromSeconds(1);

    /// <summary>
    /// From <c>Telemetry:Tracing:SampleRatio</c> (0–1) and <c>Telemetry:Tracing:SlowHandoff</c>; the SDK's standard
    /// <c>OTEL_TRACES_SAMPLER=…traceidratio</c> with <c>OTEL_TRACES_SAMPLER_ARG</c> is read as the ratio too.
    /// </summary>
    public static TraceSampling From(IConfiguration configuration, IHostEnvironment environment)
    {
        var ratio = Ratio(configuration["Telemetry:Tracing:SampleRatio"])
            ?? (configuration["OTEL_TRACES_SAMPLER"] is "traceidratio" or "parentbased_traceidratio" ? Ratio(configuration["OTEL_TRACES_SAMPLER_ARG"]) : null)
            ?? (environment.IsDevelopment() ? 1.0 : ProductionRatio);
        var slow = TimeSpan.TryParse(configuration["Telemetry:Tracing:SlowHandoff"], CultureInfo.InvariantCulture, out var configured) && configured > TimeSpan.Zero
            ? configured
            : DefaultSlowHandoff;
        return new TraceSampling(ratio, slow);
    }

    private static double? Ratio(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio)
            ? ratio is >= 0 and <= 1 ? ratio : throw new InvalidOperationException($"A trace sample ratio must be between 0 and 1, not {text}.")
            : null;
}

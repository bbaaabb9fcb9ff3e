using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using OpenTelemetry;
using OpenTelemetry.Trace;
using YeKuo.ServiceDefaults.Telemetry;

namespace YeKuo.ServiceDefaults.Tests;

/// <summary>
/// Trace sampling: a ratio of the traces that start here, every trace sampled upstream, and failed spans and slow
/// handoffs exported even from the traces left out — through a real tracer provider and exporter.
/// </summary>
public sealed class TraceSamplingTests : IDisposable
{
    private readonly ActivitySource _source = new("YeKuo.Tests.Sampling." + Guid.NewGuid().ToString("N"));
    private readonly List<Activity> _exported = [];
    private readonly TracerProvider _provider;

    public TraceSamplingTests()
    {
        _provider = Sdk.CreateTracerProviderBuilder()
            .SetSampler(new EntrySpanSampler(0.0))
            .AddSource(_source.Name)
            .AddProcessor(new NotableSpanProcessor(TimeSpan.FromSeconds(1)))
            .AddInMemoryExporter(_exported)
            .Build()!;
    }

    [Fact]
    public void A_trace_sampled_upstream_is_recorded_and_exported_here_whatever_the_ratio()
    {
        var upstream = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);

        using (var request = _source.StartActivity("request", ActivityKind.Server, upstream))
        using (_source.StartActivity("query", ActivityKind.Client))
        {
        }

        Assert.Equal(["query", "request"], _exported.Select(a => a.DisplayName));
    }

    [Fact]
    public void An_unsampled_request_that_succeeds_exports_nothing_and_its_children_are_not_even_recorded()
    {
        Activity? child;
        using (var request = _source.StartActivity("request", ActivityKind.Server))
        {
            Assert.NotNull(request);
            Assert.False(request.Recorded);
            child = _source.StartActivity("query", ActivityKind.Client);
            child?.Dispose();
        }

        Assert.Null(child);
        Assert.Empty(_exported);
    }

    [Fact]
    public void An_unsampled_request_that_fails_is_exported_with_the_reason_it_was_kept()
    {
        using (var request = _source.StartActivity("request", ActivityKind.Server))
        {
            request!.SetStatus(ActivityStatusCode.Error, "database unavailable");
        }

        var kept = Assert.Single(_exported);
        Assert.Equal(("request", "error"), (kept.DisplayName, kept.GetTagItem("yekuo.kept")));
    }

    [Fact]
    public void An_unsampled_consume_of_a_slow_handoff_is_exported_and_a_quick_one_is_not()
    {
        using (var slow = _source.StartActivity("open-next-step process", ActivityKind.Consumer))
        {
            slow!.SetTag(NotableSpanProcessor.HandoffSecondsTag, 2.5);
        }
        using (var quick = _source.StartActivity("open-next-step process", ActivityKind.Consumer))
        {
            quick!.SetTag(NotableSpanProcessor.HandoffSecondsTag, 0.004);
        }

        var kept = Assert.Single(_exported);
        Assert.Equal((2.5, "slow-handoff"), (kept.GetTagItem(NotableSpanProcessor.HandoffSecondsTag), kept.GetTagItem("yekuo.kept")));
    }

    [Theory]
    [InlineData("Development", null, null, 1.0)]
    [InlineData("Production", null, null, TraceSampling.ProductionRatio)]
    [InlineData("Production", "0.25", null, 0.25)]
    [InlineData("Development", "0", null, 0.0)]
    [InlineData("Production", null, "0.5", 0.5)]
    public void The_ratio_is_all_in_development_a_tenth_elsewhere_unless_configured(
        string environment, string? configured, string? standardArgument, double expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telemetry:Tracing:SampleRatio"] = configured,
            ["OTEL_TRACES_SAMPLER"] = standardArgument is null ? null : "parentbased_traceidratio",
            ["OTEL_TRACES_SAMPLER_ARG"] = standardArgument,
        }).Build();

        var sampling = TraceSampling.From(configuration, new HostingEnvironment { EnvironmentName = environment });

        Assert.Equal(expected, sampling.SampleRatio);
        Assert.Equal(TraceSampling.DefaultSlowHandoff, sampling.SlowHandoff);
    }

    [Fact]
    public void A_ratio_outside_0_to_1_stops_the_service_at_start()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Telemetry:Tracing:SampleRatio"] = "10" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => TraceSampling.From(configuration, new HostingEnvironment { EnvironmentName = Environments.Production }));
        Assert.Contains("between 0 and 1", error.Message);
    }

    public void Dispose()
    {
        _provider.Dispose();
        _source.Dispose();
    }
}

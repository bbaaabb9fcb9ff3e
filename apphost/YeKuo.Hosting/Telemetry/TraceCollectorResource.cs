namespace YeKuo.Hosting.Telemetry;

/// <summary>
/// The local trace receiver as a resource: an in-process <see cref="TraceCollector"/> on a free loopback port. Projects
/// that <see cref="TelemetryResourceExtensions.WithTraceExport"/> to it get <c>Telemetry__ZipkinEndpoint</c>; the
/// resource table shows its trace view.
/// </summary>
public sealed class TraceCollectorResource : Resource, IResourceWithWaitSupport
{
    internal TraceCollectorResource(string name) : base(name) { }

    public override string TypeName => "Traces";

    public TraceCollector Collector { get; private set; } = new();

    public int Port { get; private set; }

    /// <summary>The Zipkin v2 endpoint services post to.</summary>
    public string? SpansEndpoint => Port == 0 ? null : $"http://127.0.0.1:{Port}/api/v2/spans";

    /// <summary>The trace view (recent traces, waterfall per trace).</summary>
    public override string? DisplayUrl => Port == 0 ? null : $"http://127.0.0.1:{Port}/";

    internal override Uri? GetEndpoint(string? endpointName) => DisplayUrl is null ? null : new Uri(DisplayUrl);

    internal override void Prepare(OrchestrationContext context)
    {
        if (Port == 0) Port = context.AllocatePort();
    }

    internal override Task StartAsync(OrchestrationContext context, CancellationToken ct)
    {
        // A restart starts with an empty memory (the old collector was disposed on stop).
        Collector = new TraceCollector();
        Collector.Start(Port);
        return Task.CompletedTask;
    }

    internal override async Task StopAsync(OrchestrationContext context) => await Collector.DisposeAsync().ConfigureAwait(false);
}

/// <summary>Telemetry wiring in the Aspire style.</summary>
public static class TelemetryResourceExtensions
{
    /// <summary>A local Zipkin-compatible trace receiver and trace view (see <see cref="TraceCollector"/>).</summary>
    public static IResourceBuilder<TraceCollectorResource> AddTraceCollector(this DistributedApplicationBuilder builder, string name = "traces") =>
        builder.AddResource(new TraceCollectorResource(name));

    /// <summary>The project exports its spans to the collector (<c>Telemetry__ZipkinEndpoint</c>) and starts after it.</summary>
    public static IResourceBuilder<ProjectResource> WithTraceExport(this IResourceBuilder<ProjectResource> project, IResourceBuilder<TraceCollectorResource> collector)
    {
        project.Resource.WaitForDependencies.Add(collector.Resource);
        return project.WithEnvironment("Telemetry__ZipkinEndpoint", () => collector.Resource.SpansEndpoint);
    }
}

namespace YeKuo.Testing;

/// <summary>How a test or bench wants the system: everything else is the AppHost's graph as a developer runs it.</summary>
public sealed record SystemOptions
{
    /// <summary>Run the Aspire dashboard too (its OTLP receiver and telemetry API): for tests that read traces and logs.</summary>
    public bool Dashboard { get; init; }

    /// <summary>State directory (databases, broker, cache); a fresh folder under /tmp when null, removed on dispose.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>Keep the state directory after dispose (e.g. a bench's evidence).</summary>
    public bool KeepState { get; init; }

    /// <summary>Extra environment per resource (resource name → variable → value), applied after the graph's own.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Environment { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>More AppHost arguments (configuration), e.g. <c>--Parameters:jwt-signing-key=...</c> to know the run's key.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Last changes to the graph before it is built (e.g. a bench that runs one service alone removes the others).</summary>
    public Action<Aspire.Hosting.Testing.IDistributedApplicationTestingBuilder>? Configure { get; init; }

    /// <summary>How long the whole graph may take to become healthy.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Every output line of every resource (resource name, line), e.g. to files; lines are also kept in memory.</summary>
    public Action<string, string>? LogSink { get; init; }
}

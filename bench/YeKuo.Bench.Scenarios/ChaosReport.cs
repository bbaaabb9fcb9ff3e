namespace YeKuo.Bench.Scenarios;

/// <summary>One end-of-run check: passed or not, with a one-line summary and the details that explain a failure.</summary>
public sealed record CheckResult(string Name, bool Passed, string Summary, IReadOnlyList<string> Details);

/// <summary>Latency of one step across all applications (milliseconds).</summary>
public sealed record StepLatency(string Step, int Count, double HandoffP50, double HandoffP95, double HandoffMax,
    double CompleteP50, double CompleteP95, double CompleteMax, double MeanPolls, int RetriedCompletions,
    double ServerHandoffP50, double ServerHandoffP95, double ServerHandoffMax);

/// <summary>How long committed outbox rows of one service waited for the relay (SentAt − CreatedAt, milliseconds).</summary>
public sealed record OutboxLatency(string Service, int Rows, double P50, double P95, double Max, int RetriedRows);

/// <summary>An error-queue message as a service's admin API lists it.</summary>
public sealed record ErrorQueueMessage(string Service, string ErrorQueue, string? MessageId, string? MessageType, string? Reason, string? ExceptionMessage);

/// <summary>Everything one chaos run measured and checked.</summary>
public sealed class ChaosReport
{
    public required ChaosOptions Options { get; init; }
    public required int Seed { get; init; }
    public required string StateDirectory { get; init; }
    public required string Configuration { get; init; }
    public required MachineInfo Machine { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public string? PolicyVersion { get; set; }
    public double StartupSeconds { get; set; }
    public double DriveSeconds { get; set; }
    public double SettleSeconds { get; set; }
    public double TotalSeconds { get; set; }
    public int Submitted { get; set; }
    public int Driven { get; set; }
    public int Completed { get; set; }
    public int Lost { get; set; }
    public int Duplicated { get; set; }
    public int TotalSteps { get; set; }
    public Dictionary<string, int> ClassCounts { get; } = [];
    public List<CheckResult> Checks { get; } = [];
    public List<StepLatency> StepLatencies { get; } = [];
    public List<ChaosEvent> ChaosEvents { get; } = [];
    public List<ErrorQueueMessage> ErrorQueueMessages { get; } = [];
    public Dictionary<string, long> UnsentOutbox { get; } = [];
    public List<OutboxLatency> OutboxLatencies { get; } = [];

    /// <summary>Per step: the previous step's completion → this step's work item opened, from the timelines (server clocks).</summary>
    public Dictionary<string, List<double>> ServerHandoffs { get; } = [];
    public List<string> DriveErrors { get; } = [];
    public List<string> Anomalies { get; } = [];
    public required ActorCounters Counters { get; init; }
    public double E2eP50Seconds { get; set; }
    public double E2eP95Seconds { get; set; }
    public double E2eMaxSeconds { get; set; }
    public string? StartupError { get; set; }

    /// <summary>Set when the stall watchdog abandoned the drive: no step completed for <see cref="ChaosOptions.StallTimeout"/>.</summary>
    public string? Stall { get; set; }
    public string LoadAtStart { get; set; } = "";
    public string LoadAtEnd { get; set; } = "";

    public int KillsDone => ChaosEvents.Count(e => e.Kind == "kill" && e.Error is null);
    public int BrokerRestartsDone => ChaosEvents.Count(e => e.Kind == "broker-restart" && e.Error is null);
    public bool Passed => StartupError is null && Checks.Count > 0 && Checks.All(c => c.Passed);
    public IEnumerable<CheckResult> FailedChecks => Checks.Where(c => !c.Passed);
}

namespace YeKuo.Bench.Scenarios;

/// <summary>Settings of the e2e scenario (defaults = the bench's defaults).</summary>
public sealed class E2eOptions
{
    /// <summary>Applications measured (after the warm-up ones).</summary>
    public int Applications { get; set; } = 200;

    /// <summary>
    /// Applications driven first and not measured (JIT, connection pools, SQLite caches). A method reaches tier-1 code
    /// only after 30 calls at tier 0 and 30 more instrumented (tiered PGO), and much of the code runs once per
    /// application: after 10 warm-up applications the background JIT still took 27 % of the machine for the first 26 s
    /// of a 4-actor drive (perf, 2026-12-05); after 200 it no longer shows. The measured figure is then the system's
    /// steady state, not its first minute after a start.
    /// </summary>
    public int Warmup { get; set; } = 200;

    /// <summary>Concurrent department actors; each drives one application at a time through every step.</summary>
    public int Workers { get; set; } = 64;

    /// <summary>Customer class of every application.</summary>
    public string CustomerClass { get; set; } = "HighVoltageSingleSource";

    /// <summary>Actors poll the worklists instead of following their streams (<c>--worklist poll</c>, for A/B runs).</summary>
    public bool PollWorklists { get; set; }

    /// <summary>The actors' worklist poll delay (uniform between min and max), milliseconds, when they poll.</summary>
    public int PollMinMs { get; set; } = 50;

    public int PollMaxMs { get; set; } = 100;

    /// <summary>Seconds each broker baseline publishes for, at the handoff rate the drive reached.</summary>
    public int BaselineSeconds { get; set; } = 20;

    /// <summary>Overrides the baselines' message rate (messages/s); null = the drive's handoff rate.</summary>
    public double? BaselineRate { get; set; }

    /// <summary>Sets <c>Outbox__PollInterval</c> (milliseconds) on every department service; null = the services' default.</summary>
    public int? OutboxPollMs { get; set; }

    /// <summary>Seconds the idle system's CPU is sampled before the drive (timers, pollers, exporters); 0 = skip.</summary>
    public int IdleSeconds { get; set; } = 10;

    /// <summary>Extra environment variables for every .NET process of the system (department services and gateway), e.g.
    /// runtime knobs such as <c>DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0</c>.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public string? StateDirectory { get; set; }

    public bool KeepState { get; set; }

    public string? Configuration { get; set; }

    public TimeSpan HandoffTimeout { get; set; } = TimeSpan.FromSeconds(120);

    public TimeSpan SettleTimeout { get; set; } = TimeSpan.FromSeconds(120);

    public Action<string> Log { get; set; } = Console.WriteLine;
}


namespace YeKuo.Bench.Scenarios;

/// <summary>Settings of the chaos scenario (defaults = the bench's defaults).</summary>
public sealed class ChaosOptions
{
    /// <summary>Services the monkey may SIGKILL (never the gateway, the broker or the cache).</summary>
    public static readonly IReadOnlyList<string> DefaultKillTargets = ["acceptance", "supplyscheme", "inspection", "metering", "notification"];

    /// <summary>Applications to drive to power connected.</summary>
    public int Applications { get; set; } = 200;

    /// <summary>Concurrent department actors: each drives one application at a time through every step of its plan.</summary>
    public int Workers { get; set; } = 16;

    /// <summary>SIGKILLs of a random department service, each restarted after <see cref="MinDowntime"/>–<see cref="MaxDowntime"/>.</summary>
    public int Kills { get; set; } = 5;

    /// <summary>Restarts of the RabbitMQ node (graceful stop, start with the same data).</summary>
    public int BrokerRestarts { get; set; } = 1;

    /// <summary>Random seed for the class mix and the monkey (null = time based; printed in the report).</summary>
    public int? Seed { get; set; }

    public IReadOnlyList<string> KillTargets { get; set; } = DefaultKillTargets;

    public TimeSpan MinDowntime { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDowntime { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The chaos happens between these fractions of the completed steps (so it always falls inside the run).</summary>
    public double ChaosFrom { get; set; } = 0.05;

    public double ChaosUntil { get; set; } = 0.85;

    /// <summary>State directory (default <c>/tmp/yekuo-bench/&lt;stamp&gt;</c>); the service databases are <c>&lt;state&gt;/&lt;service&gt;.db</c>.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Keep the state directory (databases, logs) after the run; it is always kept when a check fails.</summary>
    public bool KeepState { get; set; }

    /// <summary>Build configuration whose outputs are run (default: this assembly's own configuration).</summary>
    public string? Configuration { get; set; }

    /// <summary>Longest wait for one handoff (the next step's work item to open).</summary>
    public TimeSpan HandoffTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>After the drive, how long the checks wait with nothing moving (no application settled, no outbox row sent) before judging.</summary>
    public TimeSpan SettleTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>When no step at all completes for this long the drive is abandoned and the checks run at once (they say
    /// what is stuck where); without it a stuck pipeline costs <see cref="HandoffTimeout"/> per remaining application.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(150);

    /// <summary>Timeout of a single HTTP request (a timed-out action is retried). Longer than the gateway's hold of a
    /// request for a restarting service (15 s), so a held request is answered rather than abandoned.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Actors poll each worklist (every <see cref="PollDelayMin"/>–<see cref="PollDelayMax"/>) instead of following its
    /// stream (<c>--worklist poll</c>; the default before the streams existed, kept for A/B runs).
    /// </summary>
    public bool PollWorklists { get; set; }

    public TimeSpan PollDelayMin { get; set; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan PollDelayMax { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Progress lines (default: the console).</summary>
    public Action<string>? Log { get; set; }

    /// <summary>Where the services' output goes (default: one file per resource under <c>&lt;state&gt;/logs</c>).</summary>
    public Action<string, string>? ResourceLogSink { get; set; }
}

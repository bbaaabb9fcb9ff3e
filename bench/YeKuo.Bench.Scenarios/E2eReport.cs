using System.Globalization;
using System.Text;

namespace YeKuo.Bench.Scenarios;

/// <summary>
/// One handoff from the timeline: previous step completed → next step's work item opened (server clocks), the customer's
/// time in between taken out as the handoff report does (<see cref="YeKuo.Acceptance.Reports.HandoffTime"/>).
/// </summary>
public sealed class E2eHandoff(Guid applicationId, string fromStep, string toStep, DateTimeOffset completedAt, DateTimeOffset openedAt, TimeSpan company)
{
    public Guid ApplicationId { get; } = applicationId;
    public string FromStep { get; } = fromStep;
    public string ToStep { get; } = toStep;
    public DateTimeOffset CompletedAt { get; } = completedAt;
    public DateTimeOffset OpenedAt { get; } = openedAt;

    /// <summary>The company's part of the handoff.</summary>
    public double Ms => company.TotalMilliseconds;

    /// <summary>Completion → opening with the customer's time left in (the definition of the results before 2026-12-07 10:30 UTC).</summary>
    public double WithCustomerMs => (OpenedAt - CompletedAt).TotalMilliseconds;

    /// <summary>Completion → the StepCompleted outbox row's SentAt (null when the row was not found).</summary>
    public double? RelayMs { get; set; }

    /// <summary>SentAt → the next work item opened.</summary>
    public double? DeliveryMs { get; set; }
}

/// <summary>Everything one e2e run measured.</summary>
public sealed class E2eReport
{
    public required E2eOptions Options { get; init; }
    public required string Configuration { get; init; }
    public required string StateDirectory { get; init; }
    public required MachineInfo Machine { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public string LoadAtStart { get; set; } = "";
    public string LoadBeforeBaselines { get; set; } = "";
    public string LoadAtEnd { get; set; } = "";
    public string? PolicyVersion { get; set; }
    public IReadOnlyList<string> Plan { get; set; } = [];
    public string? Error { get; set; }
    public double StartupSeconds { get; set; }
    public double DriveSeconds { get; set; }
    public double TotalSeconds { get; set; }
    public int Applications { get; set; }
    public int Driven { get; set; }
    public int Completed { get; set; }
    public long UnsentOutbox { get; set; }
    /// <summary>Outbox and inbox rows written during the drive, per service and message type or consumer.</summary>
    public List<UnitOfWorkCount> UnitsOfWork { get; set; } = [];

    public long OutboxRowsDuringDrive => UnitsOfWork.Where(u => u.Table == UnitOfWorkCount.Outbox).Sum(u => u.Rows);
    public List<string> DriveErrors { get; } = [];
    public ActorCounters Counters { get; set; } = new();
    public double[] FinishTimes { get; set; } = [];
    public double[] ApplicationSeconds { get; set; } = [];
    public Dictionary<string, double[]> ActorHandoffMs { get; } = [];
    public Dictionary<string, double[]> ActorCompleteMs { get; } = [];
    public IReadOnlyDictionary<string, double[]> HttpTimings { get; set; } = new Dictionary<string, double[]>();
    public List<E2eHandoff> Handoffs { get; } = [];
    public List<OutboxLatency> OutboxLatencies { get; } = [];
    public Dictionary<string, double> CpuSeconds { get; set; } = [];

    /// <summary>Of <see cref="CpuSeconds"/>, the seconds spent in the kernel (system calls: sockets, fsync, writes, futexes).</summary>
    public Dictionary<string, double> KernelCpuSeconds { get; set; } = [];

    /// <summary>Bytes each process caused to be written to storage during the drive (SQLite's WAL and checkpoints, the broker's store).</summary>
    public Dictionary<string, long> WrittenBytes { get; set; } = [];

    /// <summary>Core-seconds per second each process used while the system stood idle before the drive.</summary>
    public Dictionary<string, double> IdleCpuPerSecond { get; set; } = [];
    public double MachineBusySeconds { get; set; }
    public double MachineTotalSeconds { get; set; }
    public BaselineResult? MassTransit { get; set; }
    public BaselineResult? RabbitMqClient { get; set; }

    public double ApplicationsPerSecond => DriveSeconds > 0 ? Driven / DriveSeconds : 0;

    /// <summary>Completions between the 10th and the 90th percentile of finish times over the time between them: the rate
    /// without the ramp-up (workers' first applications) and the tail (fewer applications left than workers).</summary>
    public double SteadyApplicationsPerSecond
    {
        get
        {
            if (FinishTimes.Length < 10) return ApplicationsPerSecond;
            var from = (int)(FinishTimes.Length * 0.1);
            var to = (int)(FinishTimes.Length * 0.9) - 1;
            var seconds = FinishTimes[to] - FinishTimes[from];
            return seconds > 0 ? (to - from) / seconds : ApplicationsPerSecond;
        }
    }

    public double HandoffsPerSecond => DriveSeconds > 0 ? Handoffs.Count / DriveSeconds : 0;

    public double[] HandoffMs => Handoffs.Select(h => h.Ms).Order().ToArray();

    public double[] HandoffWithCustomerMs => Handoffs.Select(h => h.WithCustomerMs).Order().ToArray();

    public bool Passed => Error is null && Completed == Applications && Applications > 0;

    public double Ratio(double a, double b) => b > 0 ? a / b : double.NaN;
}

/// <summary>Formats an <see cref="E2eReport"/> as markdown (console and result file).</summary>
public static class E2eReportWriter
{
    // The targets of the handoff-cost work (2026-12-05): ≥ 10 HV applications/s on the 2-core machine, ≤ 150 CPU-ms per
    // HV application (every process of the graph and the bench's actors), handoff p99 ≤ 2× raw MassTransit p99.
    public const double TargetApplicationsPerSecond = 10;
    public const double StretchApplicationsPerSecond = 50;
    public const double TargetCpuMsPerApplication = 150;
    public const double TargetHandoffP99Ratio = 2;

    private static string F(double v, string format = "0.0") => double.IsNaN(v) ? "n/a" : v.ToString(format, CultureInfo.InvariantCulture);

    private static double P(double[] sorted, double p) => ChaosScenario.Percentile(sorted, p);

    public static string ToMarkdown(E2eReport r, string command)
    {
        var o = r.Options;
        var sb = new StringBuilder();
        void L(string line = "") => sb.Append(line).Append('\n');

        L($"## e2e run {r.StartedAt:yyyy-MM-dd HH:mm:ss zzz}{(r.Passed ? "" : ": INCOMPLETE")}");
        L();
        L($"Command: `{command}`");
        L();
        foreach (var row in r.Machine.TableRows()) L(row);
        L($"| build outputs run | {r.Configuration} |");
        L($"| load average (1/5/15 min) at start / before baselines / end | {r.LoadAtStart} / {r.LoadBeforeBaselines} / {r.LoadAtEnd} |");
        L();
        L("| parameters | |");
        L("|---|---|");
        L($"| applications | {o.Applications} {o.CustomerClass} (+ {o.Warmup} warm-up, not measured) |");
        L($"| plan ({r.PolicyVersion}) | {string.Join(" → ", r.Plan)} |");
        L($"| workers (concurrent department actors, one application each at a time) | {o.Workers} |");
        L(o.PollWorklists
            ? $"| worklists | polled (`--worklist poll`) every {o.PollMinMs}–{Math.Max(o.PollMinMs, o.PollMaxMs)} ms |"
            : "| worklists | followed as streams (`GET …/work-items/stream`, one per department; a poll only when a stream showed nothing for 5 s) |");
        L($"| outbox | {(o.OutboxPollMs is { } poll ? "relay poll " + poll + " ms (Outbox__PollInterval)" : "service default (events published right after their commit; the relay looks every 1 s for rows left unsent after 3 s)")} |");
        if (o.Environment.Count > 0) L($"| extra environment (services and gateway) | {string.Join(", ", o.Environment.Select(kv => $"`{kv.Key}={kv.Value}`"))} |");
        L($"| gateway public rate limit | raised to {E2eSystem.BenchPublicPermits} per window for the bench (RateLimits__Public__PermitsPerWindow; one dev token per customer) |");
        L($"| baselines | {o.BaselineSeconds} s each at {(o.BaselineRate is { } rate ? F(rate) + " msg/s (--baseline-rate)" : "the drive's handoff rate")} |");
        L($"| state directory | `{r.StateDirectory}`{(r.Passed && !o.KeepState ? " (removed)" : " (kept)")} |");
        L();
        if (r.Error is not null)
        {
            L("**The run failed:**");
            L();
            L("```");
            L(r.Error.Length > 4000 ? r.Error[..4000] + "…" : r.Error);
            L("```");
            L();
            if (r.Driven == 0) return sb.ToString();
        }

        var handoffs = r.HandoffMs;
        var mt = r.MassTransit;
        var raw = r.RabbitMqClient;
        L("### Result");
        L();
        L("| result | |");
        L("|---|---|");
        L($"| completed (PowerConnected, every plan step on the timeline) | **{r.Completed} / {r.Applications}** |");
        L($"| drive time (first submit → last PowerConnection completed) | {F(r.DriveSeconds)} s |");
        L($"| **applications/s completed** (all / steady 10–90 %) | **{F(r.ApplicationsPerSecond, "0.00")}** / {F(r.SteadyApplicationsPerSecond, "0.00")} |");
        L($"| handoffs | {r.Handoffs.Count} ({F(r.HandoffsPerSecond)}/s) |");
        L($"| events written to the outboxes during the drive | {r.OutboxRowsDuringDrive} ({F(r.DriveSeconds > 0 ? r.OutboxRowsDuringDrive / r.DriveSeconds : 0)}/s) |");
        L($"| per application, submit → PowerConnection done (actor) | p50 {F(P(r.ApplicationSeconds, 0.5), "0.00")} s, p95 {F(P(r.ApplicationSeconds, 0.95), "0.00")} s, max {F(r.ApplicationSeconds.LastOrDefault(), "0.00")} s |");
        if (!r.Options.PollWorklists)
            L($"| worklist streams opened / events / fallback polls | {r.Counters.StreamsOpened} / {r.Counters.StreamEvents} / {r.Counters.FallbackPolls} |");
        L($"| HTTP requests / transient failures (retried) | {r.Counters.Requests} / {r.Counters.Transient}{(r.Counters.TransientByStatus.IsEmpty ? "" : " (" + string.Join(", ", r.Counters.TransientByStatus.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}: {kv.Value}")) + ")")} |");
        L($"| unsent outbox rows at the end | {r.UnsentOutbox} |");
        L();
        L("### Handoff latency vs the raw broker baselines (ms)");
        L();
        L("Handoff = the previous step's `completedAt` → the next step's `startedAt` (its work item opened by the next department), " +
          "less the customer's time in between (the opened step's pauses: 装表接电 held until the charges are paid), " +
          "from Acceptance's timeline (`GET /api/applications/{id}`; the same definition as the handoff report `/api/reports/handoffs`). " +
          "The row below it leaves the customer's time in, as the results before 2026-12-07 10:30 UTC did. " +
          "Baselines ran afterwards on the same RabbitMQ node, with the system still up and idle, at the drive's handoff rate.");
        L();
        L("| | rate (msg/s) | n | p50 | p95 | p99 | max |");
        L("|---|---:|---:|---:|---:|---:|---:|");
        L($"| system handoff | {F(r.HandoffsPerSecond)} | {handoffs.Length} | {F(P(handoffs, 0.5))} | {F(P(handoffs, 0.95))} | {F(P(handoffs, 0.99))} | {F(handoffs.LastOrDefault())} |");
        var withCustomer = r.HandoffWithCustomerMs;
        L($"| system handoff, the customer's time left in | {F(r.HandoffsPerSecond)} | {withCustomer.Length} | {F(P(withCustomer, 0.5))} | {F(P(withCustomer, 0.95))} | {F(P(withCustomer, 0.99))} | {F(withCustomer.LastOrDefault())} |");
        foreach (var b in new[] { mt, raw }.OfType<BaselineResult>())
            L($"| {b.Name} | {F(b.RatePerSecond)} | {b.Received}/{b.Sent} | {F(b.P50, "0.00")} | {F(b.P95, "0.00")} | {F(b.P99, "0.00")} | {F(b.Max, "0.00")} |{(b.Error is null ? "" : " error: " + b.Error)}");
        L();
        if (mt is not null && raw is not null)
        {
            L("| ratio | p50 | p95 | p99 |");
            L("|---|---:|---:|---:|");
            L($"| handoff / MassTransit | {F(r.Ratio(P(handoffs, 0.5), mt.P50))} | {F(r.Ratio(P(handoffs, 0.95), mt.P95))} | {F(r.Ratio(P(handoffs, 0.99), mt.P99))} |");
            L($"| handoff / RabbitMQ.Client | {F(r.Ratio(P(handoffs, 0.5), raw.P50))} | {F(r.Ratio(P(handoffs, 0.95), raw.P95))} | {F(r.Ratio(P(handoffs, 0.99), raw.P99))} |");
            L($"| MassTransit / RabbitMQ.Client | {F(r.Ratio(mt.P50, raw.P50), "0.00")} | {F(r.Ratio(mt.P95, raw.P95), "0.00")} | {F(r.Ratio(mt.P99, raw.P99), "0.00")} |");
            L();
        }

        var relay = r.Handoffs.Where(h => h.RelayMs is not null).Select(h => h.RelayMs!.Value).Order().ToArray();
        var delivery = r.Handoffs.Where(h => h.DeliveryMs is not null).Select(h => h.DeliveryMs!.Value).Order().ToArray();
        L("Where a handoff's time goes (split at the StepCompleted outbox row's `SentAt`, i.e. when the relay had the broker's confirm " +
          "for it and for its partner CloudEvent):");
        L();
        L("| part | n | p50 | p95 | p99 | max |");
        L("|---|---:|---:|---:|---:|---:|");
        L($"| completion → outbox row sent (rest of the request + SQLite commit, relay wake-up and batch read, publish + confirm, partner event + confirm) | {relay.Length} | {F(P(relay, 0.5))} | {F(P(relay, 0.95))} | {F(P(relay, 0.99))} | {F(relay.LastOrDefault())} |");
        L($"| outbox row sent → next work item opened (broker routing, consumer prefetch queue, inbox check, opening the item) | {delivery.Length} | {F(P(delivery, 0.5))} | {F(P(delivery, 0.95))} | {F(P(delivery, 0.99))} | {F(delivery.LastOrDefault())} |");
        L();
        L("Per step opened (ms): server handoff from the timeline; actor handoff = previous step done → the actor's poll saw the work item; complete = POST …/complete (the SchemeReply step includes the scheme review: draft, approvals, 方案审查会).");
        L();
        L("| step | n | handoff p50 | p95 | p99 | actor handoff p50 | p95 | complete p50 | p95 |");
        L("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var step in r.Plan)
        {
            var server = r.Handoffs.Where(h => h.ToStep == step).Select(h => h.Ms).Order().ToArray();
            var actor = r.ActorHandoffMs.GetValueOrDefault(step) ?? [];
            var complete = r.ActorCompleteMs.GetValueOrDefault(step) ?? [];
            L($"| {step} | {complete.Length} | {F(P(server, 0.5))} | {F(P(server, 0.95))} | {F(P(server, 0.99))} | {F(P(actor, 0.5))} | {F(P(actor, 0.95))} | {F(P(complete, 0.5))} | {F(P(complete, 0.95))} |");
        }
        L();
        L("Outbox relay per service (SentAt − CreatedAt per row, whole run incl. warm-up, ms):");
        L();
        L("| service | rows | p50 | p95 | max |");
        L("|---|---:|---:|---:|---:|");
        foreach (var x in r.OutboxLatencies) L($"| {x.Service} | {x.Rows} | {F(x.P50)} | {F(x.P95)} | {F(x.Max)} |");
        L();

        L("### Profile: where the time goes");
        L();
        var cores = r.Machine.Cores;
        var busyShare = r.MachineTotalSeconds > 0 ? r.MachineBusySeconds / r.MachineTotalSeconds : 0;
        var ours = r.CpuSeconds.Values.Sum();
        L($"CPU during the drive ({F(r.DriveSeconds)} s × {cores} cores = {F(r.DriveSeconds * cores)} core-seconds): the machine was " +
          $"**{F(busyShare * 100)} % busy** ({F(r.MachineBusySeconds)} core-s), of which this run's processes {F(ours)} core-s " +
          $"and everything else on the machine (other engineers' builds and tests) {F(Math.Max(0, r.MachineBusySeconds - ours))} core-s.");
        L();
        L($"Idle = core-seconds per second the process used while the system stood idle for {r.Options.IdleSeconds} s before the drive, 15 s after the warm-up (timers, pollers, exporters); " +
          "idle share of the drive = that rate × the drive time, as a share of what the process used in the drive.");
        L();
        L("Kernel = the share of the process's CPU spent in system calls (sockets, fsync, writes, futexes); written = bytes it caused " +
          "to be written to storage (`/proc/<pid>/io`: SQLite's WAL frames and checkpoints, the broker's message store).");
        L();
        L("| process | CPU s in the drive | share of the run's CPU | CPU ms per application | of which kernel | written KB per application | idle core-s/s | idle share of the drive |");
        L("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, seconds) in r.CpuSeconds.Where(kv => kv.Value >= 0.05 || r.IdleCpuPerSecond.GetValueOrDefault(kv.Key) >= 0.005).OrderByDescending(kv => kv.Value))
        {
            var idle = r.IdleCpuPerSecond.GetValueOrDefault(name);
            var kernel = r.KernelCpuSeconds.GetValueOrDefault(name);
            var written = r.WrittenBytes.GetValueOrDefault(name);
            L($"| {name} | {F(seconds)} | {F(ours > 0 ? seconds / ours * 100 : 0)} % | {F(r.Driven > 0 ? seconds * 1000 / r.Driven : 0, "0")} | " +
              $"{F(seconds > 0 ? kernel / seconds * 100 : 0, "0")} % | {F(r.Driven > 0 ? written / 1024.0 / r.Driven : 0, "0")} | " +
              $"{F(idle, "0.000")} | {F(seconds > 0 ? Math.Min(1, idle * r.DriveSeconds / seconds) * 100 : 0, "0")} % |");
        }
        var perApplication = r.Driven > 0 ? ours * 1000 / r.Driven : 0;
        var systemOnly = r.Driven > 0 ? (ours - r.CpuSeconds.GetValueOrDefault("bench")) * 1000 / r.Driven : 0;
        var idleTotal = r.IdleCpuPerSecond.Values.Sum();
        var kernelTotal = r.KernelCpuSeconds.Values.Sum();
        L($"| **all** | {F(ours)} | 100 % | **{F(perApplication, "0")}** | {F(ours > 0 ? kernelTotal / ours * 100 : 0, "0")} % | " +
          $"{F(r.Driven > 0 ? r.WrittenBytes.Values.Sum() / 1024.0 / r.Driven : 0, "0")} | {F(idleTotal, "0.000")} | {F(ours > 0 ? Math.Min(1, idleTotal * r.DriveSeconds / ours) * 100 : 0, "0")} % |");
        L();
        if (perApplication > 0)
        {
            L($"CPU ceiling: {cores} cores / {F(perApplication, "0")} CPU-ms per application = **{F(cores * 1000 / perApplication)} applications/s** " +
              $"with the bench's actors on the same machine, {F(systemOnly > 0 ? cores * 1000 / systemOnly : 0)} applications/s if the system had both cores to itself " +
              $"({F(systemOnly, "0")} CPU-ms per application in the services, gateway, broker, cache and trace collector).");
            L();
        }
        if (r.UnitsOfWork.Count > 0 && r.Driven > 0)
        {
            L("Units of work per application, counted in the services' databases after the drive: events written to the outbox " +
              "(each is a row, a publish with its confirm and at least one consume; the partner CloudEvents an event maps to are " +
              "published with it, built from its row, and are not rows themselves) and consumes that committed (inbox rows; a " +
              "consume that changes nothing writes none).");
            L();
            L("| service | events written per application | committed consumes per application |");
            L("|---|---:|---:|");
            foreach (var service in r.UnitsOfWork.GroupBy(u => u.Service).OrderByDescending(g => g.Sum(u => u.Rows)))
            {
                L($"| {service.Key} | {F(service.Where(u => u.Table == UnitOfWorkCount.Outbox).Sum(u => u.Rows) / (double)r.Driven)} | " +
                  $"{F(service.Where(u => u.Table == UnitOfWorkCount.Inbox).Sum(u => u.Rows) / (double)r.Driven)} |");
            }
            L($"| **all** | **{F(r.OutboxRowsDuringDrive / (double)r.Driven)}** | **{F(r.UnitsOfWork.Where(u => u.Table == UnitOfWorkCount.Inbox).Sum(u => u.Rows) / (double)r.Driven)}** |");
            L();
            L("| written or consumed | service | kind | per application |");
            L("|---|---|---|---:|");
            foreach (var u in r.UnitsOfWork.OrderBy(u => u.Table, StringComparer.Ordinal).ThenByDescending(u => u.Rows).ThenBy(u => u.Name, StringComparer.Ordinal))
            {
                L($"| `{u.ShortName}` | {u.Service} | {(u.Table == UnitOfWorkCount.Outbox ? "event" : "consume")} | {F(u.Rows / (double)r.Driven)} |");
            }
            L();
        }
        L("HTTP requests as the actors saw them (through the gateway; ms):");
        L();
        L("| endpoint | requests | per application | p50 | p95 | p99 |");
        L("|---|---:|---:|---:|---:|---:|");
        foreach (var (endpoint, t) in r.HttpTimings.OrderByDescending(kv => kv.Value.Length))
            L($"| `{endpoint}` | {t.Length} | {F(r.Driven > 0 ? (double)t.Length / r.Driven : 0)} | {F(P(t, 0.5))} | {F(P(t, 0.95))} | {F(P(t, 0.99))} |");
        L();

        L("### Targets");
        L();
        var appsPerSecond = r.ApplicationsPerSecond;
        var p99Ratio = mt is null ? double.NaN : r.Ratio(P(handoffs, 0.99), mt.P99);
        L("| target | measured | met? |");
        L("|---|---|---|");
        L($"| ≥ {TargetApplicationsPerSecond} HV applications/s completed through all departments (stretch {StretchApplicationsPerSecond}/s) | {F(appsPerSecond, "0.00")}/s (steady {F(r.SteadyApplicationsPerSecond, "0.00")}/s) | {(appsPerSecond >= StretchApplicationsPerSecond ? "yes (stretch too)" : appsPerSecond >= TargetApplicationsPerSecond ? "yes" : "**no**")} |");
        L($"| ≤ {TargetCpuMsPerApplication} CPU-ms per application (all processes, bench actors included) | {F(perApplication, "0")} ms | {(perApplication > 0 && perApplication <= TargetCpuMsPerApplication ? "yes" : "**no**")} |");
        L($"| handoff p99 ≤ {TargetHandoffP99Ratio}× raw MassTransit p99 at the same message rate | {F(P(handoffs, 0.99))} ms vs {F(mt?.P99 ?? double.NaN, "0.00")} ms = {F(p99Ratio)}× | {(p99Ratio <= TargetHandoffP99Ratio ? "yes" : "**no**")} |");
        L();
        // The run's two headline figures, one line each (all processes of the graph and the bench's actors; the raw
        // MassTransit baseline at the drive's handoff rate on the same broker, in this run).
        L($"CPU per {(o.CustomerClass.ToString().StartsWith("HighVoltage", StringComparison.Ordinal) ? "HV" : o.CustomerClass.ToString())} application: {F(perApplication, "0")} ms");
        L();
        L($"Handoff p99 / raw MassTransit p99: {F(p99Ratio)}×");
        L();
        if (r.DriveErrors.Count > 0)
        {
            L("### Drive errors");
            L();
            foreach (var e in r.DriveErrors.Take(20)) L($"- {e}");
            L();
        }
        if (!r.Counters.ServerErrors.IsEmpty)
        {
            L("### Server errors");
            L();
            foreach (var e in r.Counters.ServerErrors.Take(20)) L($"- `{e}`");
            L();
        }
        return sb.ToString();
    }

    public static string Write(E2eReport r, string directory, string command) =>
        AppendResult(directory, "e2e", "e2e scenario results", ToMarkdown(r, command), r.StartedAt);

    /// <summary>Appends a run to <c>&lt;dir&gt;/&lt;yyyy-MM-dd&gt;-&lt;scenario&gt;.md</c> (a heading first when the file is new).</summary>
    public static string AppendResult(string directory, string scenario, string title, string markdown, DateTimeOffset startedAt)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{startedAt:yyyy-MM-dd}-{scenario}.md");
        var text = new StringBuilder();
        if (!File.Exists(path)) text.Append("# ").Append(title).Append("\n\n");
        else text.Append('\n');
        text.Append(markdown);
        File.AppendAllText(path, text.ToString());
        return path;
    }
}

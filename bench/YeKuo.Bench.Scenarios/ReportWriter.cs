using System.Globalization;
using System.Text;

namespace YeKuo.Bench.Scenarios;

/// <summary>Formats a <see cref="ChaosReport"/> as markdown (the result file and the console use the same text).</summary>
public static class ReportWriter
{
    private const int DetailLines = 25;

    public static string ToMarkdown(ChaosReport r, string? command = null)
    {
        var o = r.Options;
        var sb = new StringBuilder();
        void L(string line = "") => sb.Append(line).Append('\n');
        string F(double v, string format = "0.0") => v.ToString(format, CultureInfo.InvariantCulture);

        L($"## chaos run {r.StartedAt:yyyy-MM-dd HH:mm:ss zzz}: {(r.Passed ? "PASSED" : "FAILED")}");
        L();
        if (command is not null) L($"Command: `{command}`");
        L();
        foreach (var row in r.Machine.TableRows()) L(row);
        L($"| build outputs run | {r.Configuration} |");
        L($"| load average (1/5/15 min) at start / end | {r.LoadAtStart} / {r.LoadAtEnd} |");
        L();
        L("| parameters | |");
        L("|---|---|");
        L($"| applications | {o.Applications} ({string.Join(", ", r.ClassCounts.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}"))}) |");
        L($"| workers (concurrent actors) | {o.Workers} |");
        L($"| kills requested / done | {o.Kills} / {r.KillsDone} (targets: {string.Join(", ", o.KillTargets)}; down {F(o.MinDowntime.TotalSeconds)}–{F(o.MaxDowntime.TotalSeconds)} s) |");
        L($"| broker restarts requested / done | {o.BrokerRestarts} / {r.BrokerRestartsDone} |");
        L($"| seed | {r.Seed} |");
        L($"| policy in force | {r.PolicyVersion} |");
        L($"| state directory | `{r.StateDirectory}`{(r.Passed && !o.KeepState ? " (removed)" : " (kept)")} |");
        L();
        if (r.StartupError is not null)
        {
            L("**The system did not start.**");
            L();
            L("```");
            L(r.StartupError);
            L("```");
            return sb.ToString();
        }

        if (r.Stall is not null)
        {
            L($"**STALL: {r.Stall}.**");
            L();
        }
        L("| result | |");
        L("|---|---|");
        L($"| completed (PowerConnected) | **{r.Completed} / {o.Applications}** |");
        L($"| lost (not completed + missing steps + missing notices) | **{r.Lost}** |");
        L($"| duplicated (timeline entries + notices) | **{r.Duplicated}** |");
        L($"| kills done | {r.KillsDone} |");
        L($"| broker restarts done | {r.BrokerRestartsDone} |");
        L($"| time: total / startup / drive / settle+check | {F(r.TotalSeconds)} s / {F(r.StartupSeconds)} s / {F(r.DriveSeconds)} s / {F(r.SettleSeconds)} s |");
        L($"| throughput | {F(r.Driven / Math.Max(0.001, r.DriveSeconds) * 60, "0")} applications/min, {F(r.TotalSteps / Math.Max(0.001, r.DriveSeconds), "0.0")} steps/s ({r.TotalSteps} steps) |");
        L($"| per application end to end (actor's view) | p50 {F(r.E2eP50Seconds)} s, p95 {F(r.E2eP95Seconds)} s, max {F(r.E2eMaxSeconds)} s |");
        L($"| HTTP requests / transient failures | {r.Counters.Requests} / {r.Counters.Transient} ({string.Join(", ", r.Counters.TransientByStatus.OrderBy(k => k.Key).Select(k => $"{k.Key}: {k.Value}"))}) |");
        L($"| writes that had committed on an earlier attempt (409 already Completed on the actor's retry, or 409 already carried out on the gateway's resend) | {r.Counters.CommittedEarlier} |");
        L($"| 409 already Completed on a first attempt (anomaly) | {r.Counters.AlreadyCompletedFirstTry} |");
        L($"| 409 concurrency conflicts retried | {r.Counters.ConflictRetries} |");
        L($"| unsent outbox rows | {string.Join(", ", r.UnsentOutbox.Select(u => $"{u.Key} {u.Value}"))} |");
        L();

        L("### Checks");
        L();
        foreach (var c in r.Checks)
        {
            L($"- {(c.Passed ? "PASS" : "**FAIL**")} {c.Name}: {c.Summary}");
            foreach (var d in c.Details.Take(DetailLines)) L($"    - {d}");
            if (c.Details.Count > DetailLines) L($"    - … {c.Details.Count - DetailLines} more");
        }
        L();

        L("### Per-step latency (ms)");
        L();
        L("actor handoff = previous step done → work item seen by the actor's poll; server handoff = previous step's completedAt → this");
        L("step's startedAt on the timeline (outbox relay + broker + consumer); complete = POST …/complete until accepted (with retries).");
        L();
        L("| step | n | actor handoff p50 | p95 | max | server handoff p50 | p95 | max | complete p50 | p95 | max | polls/step | retried completions |");
        L("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in r.StepLatencies)
            L($"| {s.Step} | {s.Count} | {F(s.HandoffP50, "0")} | {F(s.HandoffP95, "0")} | {F(s.HandoffMax, "0")} | {F(s.ServerHandoffP50, "0")} | {F(s.ServerHandoffP95, "0")} | {F(s.ServerHandoffMax, "0")} | {F(s.CompleteP50, "0")} | {F(s.CompleteP95, "0")} | {F(s.CompleteMax, "0")} | {F(s.MeanPolls)} | {s.RetriedCompletions} |");
        L();
        L("Outbox relay (SentAt − CreatedAt per row, ms):");
        L();
        L("| service | rows | p50 | p95 | max | rows needing > 1 attempt |");
        L("|---|---:|---:|---:|---:|---:|");
        foreach (var o2 in r.OutboxLatencies)
            L($"| {o2.Service} | {o2.Rows} | {F(o2.P50, "0")} | {F(o2.P95, "0")} | {F(o2.Max, "0")} | {o2.RetriedRows} |");
        L();

        L("### Chaos");
        L();
        L("| at (s) | progress | action | target | down (s) | restart took (s) | error |");
        L("|---:|---:|---|---|---:|---:|---|");
        foreach (var e in r.ChaosEvents)
            L($"| {F(e.AtSeconds)} | {F(e.Progress * 100, "0")} % | {e.Kind} | {e.Target} | {F(e.DowntimeSeconds)} | {F(e.RecoverySeconds)} | {e.Error ?? ""} |");
        L();

        if (!r.Counters.ServerErrors.IsEmpty)
        {
            L("### Server errors other than 502/503/504 (retried, but each is a bug to look at)");
            L();
            foreach (var e in r.Counters.ServerErrors.Take(DetailLines)) L($"- `{e.Replace('`', '\'')}`");
            L();
        }

        if (r.DriveErrors.Count > 0)
        {
            L("### Actors that gave up");
            L();
            foreach (var e in r.DriveErrors.Take(DetailLines)) L($"- {e}");
            if (r.DriveErrors.Count > DetailLines) L($"- … {r.DriveErrors.Count - DetailLines} more");
            L();
        }
        return sb.ToString();
    }

    /// <summary>Appends the run to <c>&lt;directory&gt;/&lt;yyyy-MM-dd&gt;-chaos.md</c> (one file per day and scenario; runs are appended).</summary>
    public static string Write(ChaosReport r, string directory, string? command = null)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{r.StartedAt:yyyy-MM-dd}-chaos.md");
        var text = ToMarkdown(r, command);
        if (!File.Exists(path)) text = "# chaos scenario results\n\n" + text;
        else text = "\n" + text;
        File.AppendAllText(path, text);
        return path;
    }
}

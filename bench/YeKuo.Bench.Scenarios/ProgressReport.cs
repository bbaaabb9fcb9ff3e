using System.Globalization;
using System.Text;

namespace YeKuo.Bench.Scenarios;

/// <summary>Formats a <see cref="ProgressRun"/> as markdown; appended to <c>bench/results/&lt;date&gt;-progress.md</c>.</summary>
public static class ProgressReport
{
    private static string F(double v, string format = "0.00") => v.ToString(format, CultureInfo.InvariantCulture);

    public static string ToMarkdown(ProgressRun r, string command)
    {
        var o = r.Options;
        var sb = new StringBuilder();
        void L(string line = "") => sb.Append(line).Append('\n');
        var verdict = r.Error is not null ? "FAILED" : r.TargetMet ? "TARGET MET" : "TARGET MISSED";

        L($"## progress run {r.StartedAt:yyyy-MM-dd HH:mm:ss zzz}: {verdict}");
        L();
        L($"Command: `{command}`");
        L();
        foreach (var row in r.Machine.TableRows()) L(row);
        L($"| build outputs run | {o.Configuration} |");
        L($"| load average (1/5/15 min) at start → end | {r.LoadAtStart} → {r.LoadAtEnd} |");
        L();
        L("| parameters | |");
        L("|---|---|");
        L($"| applications stored | {o.Applications:N0}{(r.Seed is { } s ? $" ({ProgressSeeder.Describe(s)}); {s.TimelineEntries:N0} timeline entries, {s.Pauses:N0} pauses; seeded in {F(s.Seconds, "0.0")} s, database {F(s.DatabaseBytes / 1048576.0, "0")} MB" : "")} |");
        if (r.Seed is { } seed)
        {
            L($"| customer classes | {string.Join(", ", seed.ByClass.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value:N0}"))} |");
        }
        L($"| rate | {F(o.Rate, "0")} requests/s, open loop (sent on schedule whether or not earlier requests answered) |");
        L($"| duration | {o.DurationSeconds} s per phase, after {o.WarmupSeconds} s of untimed warm-up at the rate once started/restarted |");
        L("| caller | customers, each asking for their own application (JWT bearer signed with this run's key; the service checks ownership: on a hit against the owner cached with the view, on a miss against the database) |");
        L($"| path | **straight to the acceptance service** (Kestrel, loopback){(o.ThroughGateway ? "; also through the gateway (YARP) for the warm phase" : "; not through the gateway")} |");
        L($"| system | acceptance from the AppHost graph ({(o.ThroughGateway ? "the whole system" : "with RabbitMQ, Redis and its SQLite file only")}), ASPNETCORE_ENVIRONMENT=Development with every development-only switch off, span export {(o.Traces ? "on" : "off (the trace collector would run inside the bench process)")} |");
        L("| client | the bench's HttpClient on the same 2 cores (its own CPU competes with the service, Redis and RabbitMQ) |");
        L($"| startup / restart | {F(r.StartupSeconds, "0.0")} s / {F(r.RestartSeconds, "0.0")} s; Redis keys after the cold phase: {r.CachedKeys:N0} |");
        L($"| total time | {F(r.TotalSeconds, "0")} s; state `{r.StateDirectory}`{(r.Error is null && !o.KeepState ? " (removed)" : " (kept)")} |");
        L();
        if (r.Error is not null)
        {
            L("**The run failed.**");
            L();
            L("```");
            L(r.Error);
            L("```");
            L();
        }

        if (r.Phases.Count > 0)
        {
            L("### Results (latency in ms, request handed to HttpClient → body read)");
            L();
            L("| phase | request | via | what | sent | achieved rate | ok | failed | p50 | p95 | p99 | max | cache (X-Progress-Cache) | generator lag p99 | load at end |");
            L("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|");
            foreach (var p in r.Phases)
            {
                var request = p.Name == ProgressScenario.Details ? "`GET /api/applications/{id}`" : "`GET /api/applications/{id}/progress`";
                L($"| **{p.Name}** | {request} | {p.Target} | {p.Description} | {p.Requested:N0} | {F(p.AchievedRate, "0")} /s | {p.Ok:N0} | {p.Failed} | {F(p.P50)} | {F(p.P95)} | {F(p.P99)} | {F(p.Max, "0.0")} | " +
                  $"{string.Join(", ", p.CacheOutcomes.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value:N0}"))} | {F(p.LagP99)} | {p.LoadAtEnd} |");
            }
            L();
            L("Over time (p50 / p99 of the requests sent in each 5-second window) and what the service saw (its own");
            L("`http.server.request.duration` of the route, Kestrel in → response out, as histogram bounds; GC and CPU from its /metrics):");
            L();
            L("| phase | p50 / p99 per 5-s window (ms) | server: requests | ≤ 1 ms | ≤ 5 ms | ≤ 10 ms | p50 ≤ | p99 ≤ | GC gen0/1/2 | GC pause | service CPU per request |");
            L("|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|");
            foreach (var p in r.Phases)
            {
                var windows = string.Join(" · ", p.Windows.Select(w => $"{F(w.P50, "0.0")}/{F(w.P99, "0.0")}"));
                var v = p.Server;
                string Share(double seconds) => v is null || double.IsNaN(v.ShareWithin(seconds)) ? "?" : $"{F(v.ShareWithin(seconds) * 100, "0.0")} %";
                string Bound(double q) => v?.PercentileBound(q) is { } b ? $"{F(b * 1000, "0.#")} ms" : "?";
                var gc = v is null ? "?" : string.Join("/", new[] { "gen0", "gen1", "gen2" }.Select(g => F(v.GcCollections.GetValueOrDefault(g), "0")));
                var pause = v is null || double.IsNaN(v.GcPauseSeconds) ? "?" : $"{F(v.GcPauseSeconds * 1000, "0")} ms";
                var cpu = v is null || double.IsNaN(v.CpuSeconds) || p.Ok == 0 ? "?" : $"{F(v.CpuSeconds * 1000 / p.Ok, "0.00")} ms";
                L($"| {p.Name} | {windows} | {(v is null ? "?" : F(v.Requests, "0"))} | {Share(0.001)} | {Share(0.005)} | {Share(0.01)} | {Bound(0.5)} | {Bound(0.99)} | {gc} | {pause} | {cpu} |");
            }
            L();
            foreach (var p in r.Phases.Where(p => p.Errors.Count > 0))
            {
                L($"Errors in {p.Name} ({string.Join(", ", p.Statuses.Select(s => $"{s.Key}: {s.Value}"))}):");
                foreach (var e in p.Errors) L($"- `{e}`");
                L();
            }

            L("### Target");
            L();
            if (r.Warm is { } warm)
            {
                L($"Warm cache, {F(warm.Rate, "0")} requests/s (achieved {F(warm.AchievedRate, "0")} /s, {warm.Failed} failed): p99 **{F(warm.P99)} ms** against ≤ {F(ProgressOptions.TargetP99Milliseconds, "0")} ms: **{(r.TargetMet ? "met" : "missed")}**.");
                L();
            }
        }
        return sb.ToString();
    }

    /// <summary>Appends the run to <c>&lt;directory&gt;/&lt;yyyy-MM-dd&gt;-progress.md</c> (one file per day; runs are appended).</summary>
    public static string Write(ProgressRun r, string markdown, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{r.StartedAt:yyyy-MM-dd}-progress.md");
        File.AppendAllText(path, File.Exists(path) ? "\n" + markdown : "# progress scenario results\n\n" + markdown);
        return path;
    }
}

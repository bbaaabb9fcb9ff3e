using System.Globalization;
using System.Text;

namespace YeKuo.Bench.Scenarios;

/// <summary>Everything one gateway run measured.</summary>
public sealed class GatewayReport
{
    public required GatewayOptions Options { get; init; }
    public required string Configuration { get; init; }
    public required string StateDirectory { get; init; }
    public required MachineInfo Machine { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public string LoadAtStart { get; set; } = "";
    public string LoadAtEnd { get; set; } = "";
    public double StartupSeconds { get; set; }
    public string? Error { get; set; }
    public List<GatewayLoadResult> Runs { get; } = [];

    /// <summary>All rounds of one target together: requests over the summed time, percentiles over every latency.</summary>
    public GatewayLoadResult? Combined(string target)
    {
        var runs = Runs.Where(r => r.Target == target).ToList();
        if (runs.Count == 0) return null;
        var all = runs.SelectMany(r => r.SortedMs).ToArray();
        Array.Sort(all);
        return new GatewayLoadResult(runs.Sum(r => r.Requests), runs.Sum(r => r.Errors), runs.Sum(r => r.Seconds), all)
        {
            Target = target,
            CpuSeconds = runs.SelectMany(r => r.CpuSeconds).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value)),
            MachineBusyShare = runs.Average(r => r.MachineBusyShare),
        };
    }
}

/// <summary>Formats a <see cref="GatewayReport"/> as markdown.</summary>
public static class GatewayReportWriter
{
    public const double TargetThroughputRatio = 0.5;

    private static string F(double v, string format = "0.00") => double.IsNaN(v) ? "n/a" : v.ToString(format, CultureInfo.InvariantCulture);

    public static string ToMarkdown(GatewayReport r, string command)
    {
        var o = r.Options;
        var sb = new StringBuilder();
        void L(string line = "") => sb.Append(line).Append('\n');
        L($"## gateway run {r.StartedAt:yyyy-MM-dd HH:mm:ss zzz}{(r.Error is null ? "" : ": FAILED")}");
        L();
        L($"Command: `{command}`");
        L();
        foreach (var row in r.Machine.TableRows()) L(row);
        L($"| build outputs run | {r.Configuration} |");
        L($"| load average (1/5/15 min) at start / end | {r.LoadAtStart} / {r.LoadAtEnd} |");
        L();
        L("| parameters | |");
        L("|---|---|");
        L($"| request | `GET {o.Path}` (answered by {o.Service}; public, no token) |");
        L($"| direct | the service's own URL (`services__{o.Service}__http__0`) |");
        L($"| through the gateway | YARP route to {o.Service}, with the gateway's middleware (request id, security headers, rate limiter, tracing) |");
        if (o.Environment.Count > 0) L($"| extra environment ({o.Service} and gateway) | {string.Join(", ", o.Environment.Select(kv => $"`{kv.Key}={kv.Value}`"))} |");
        L($"| gateway public rate limit | raised to {E2eSystem.BenchPublicPermits} per window for the bench (RateLimits__Public__PermitsPerWindow; default 60 per 10 s per client would answer 429) |");
        L($"| load | closed loop, {o.Concurrency} requests in flight, HttpClient + SocketsHttpHandler (MaxConnectionsPerServer {o.Concurrency}) in the bench process on the same machine |");
        L($"| duration | {o.WarmupSeconds} s warm-up per target, then {o.Rounds} round(s) × {o.DurationSeconds} s per target, order swapped every round |");
        L($"| state directory | `{r.StateDirectory}`{(r.Error is null && !o.KeepState ? " (removed)" : " (kept)")} |");
        L();
        if (r.Error is not null)
        {
            L("**The run failed:**");
            L();
            L("```");
            L(r.Error.Length > 4000 ? r.Error[..4000] + "…" : r.Error);
            L("```");
            L();
        }
        if (r.Runs.Count == 0) return sb.ToString();

        L("| round | target | requests | errors | req/s | p50 ms | p90 ms | p99 ms | max ms | machine busy | CPU s (process) |");
        L("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var x in r.Runs)
        {
            L($"| {x.Round} | {x.Target} | {x.Requests} | {x.Errors} | {F(x.RequestsPerSecond, "0")} | {F(x.P50)} | {F(x.P90)} | {F(x.P99)} | {F(x.Max, "0.0")} | " +
              $"{F(x.MachineBusyShare * 100, "0")} % | {string.Join(", ", x.CpuSeconds.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {F(kv.Value, "0.0")}"))} |");
        }
        L();
        var direct = r.Combined("direct");
        var gateway = r.Combined("gateway");
        if (direct is null || gateway is null) return sb.ToString();
        var ratio = direct.RequestsPerSecond > 0 ? gateway.RequestsPerSecond / direct.RequestsPerSecond : double.NaN;
        L("All rounds together:");
        L();
        L("| | direct | through the gateway | gateway / direct | added by the gateway |");
        L("|---|---:|---:|---:|---:|");
        L($"| requests/s | {F(direct.RequestsPerSecond, "0")} | {F(gateway.RequestsPerSecond, "0")} | **{F(ratio * 100, "0.0")} %** | |");
        L($"| p50 ms | {F(direct.P50)} | {F(gateway.P50)} | {F(gateway.P50 / direct.P50)}× | **+{F(gateway.P50 - direct.P50)} ms** |");
        L($"| p90 ms | {F(direct.P90)} | {F(gateway.P90)} | {F(gateway.P90 / direct.P90)}× | +{F(gateway.P90 - direct.P90)} ms |");
        L($"| p99 ms | {F(direct.P99)} | {F(gateway.P99)} | {F(gateway.P99 / direct.P99)}× | **+{F(gateway.P99 - direct.P99)} ms** |");
        L($"| errors (non-200, connection) | {direct.Errors} | {gateway.Errors} | | |");
        var cpuPerRequest = (GatewayLoadResult x) => x.Requests > 0 ? x.CpuSeconds.Values.Sum() * 1e6 / x.Requests : 0;
        L($"| CPU µs per request (bench + service + gateway) | {F(cpuPerRequest(direct), "0")} | {F(cpuPerRequest(gateway), "0")} | {F(cpuPerRequest(gateway) / cpuPerRequest(direct))}× | |");
        foreach (var process in direct.CpuSeconds.Keys.Union(gateway.CpuSeconds.Keys).Where(k => k is "bench" or "gateway" || k == o.Service))
        {
            L($"| — of which {process} (µs per request) | {F(direct.Requests > 0 ? direct.CpuSeconds.GetValueOrDefault(process) * 1e6 / direct.Requests : 0, "0")} | " +
              $"{F(gateway.Requests > 0 ? gateway.CpuSeconds.GetValueOrDefault(process) * 1e6 / gateway.Requests : 0, "0")} | | |");
        }
        L();
        // Per round both targets ran back to back: the round's ratio cancels most of the drift of a shared machine's load.
        var pairs = r.Runs.GroupBy(x => x.Round)
            .Select(g => (Direct: g.FirstOrDefault(x => x.Target == "direct"), Gateway: g.FirstOrDefault(x => x.Target == "gateway")))
            .Where(p => p.Direct is { RequestsPerSecond: > 0 } && p.Gateway is not null)
            .Select(p => (Ratio: p.Gateway!.RequestsPerSecond / p.Direct!.RequestsPerSecond, AddedP50: p.Gateway.P50 - p.Direct.P50, AddedP99: p.Gateway.P99 - p.Direct.P99))
            .ToList();
        if (pairs.Count > 1)
        {
            static double Median(IEnumerable<double> values)
            {
                var sorted = values.Order().ToArray();
                return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
            }
            L($"Per round (direct and gateway back to back), median of {pairs.Count} rounds: throughput ratio **{F(Median(pairs.Select(p => p.Ratio)) * 100, "0.0")} %** " +
              $"(range {F(pairs.Min(p => p.Ratio) * 100, "0")}–{F(pairs.Max(p => p.Ratio) * 100, "0")} %), added p50 **+{F(Median(pairs.Select(p => p.AddedP50)))} ms**, " +
              $"added p99 **+{F(Median(pairs.Select(p => p.AddedP99)))} ms**.");
            L();
        }
        L("| target | measured | met? |");
        L("|---|---|---|");
        L($"| gateway throughput ≥ {F(TargetThroughputRatio * 100, "0")} % of direct | {F(ratio * 100, "0.0")} % ({F(gateway.RequestsPerSecond, "0")} vs {F(direct.RequestsPerSecond, "0")} req/s) | {(ratio >= TargetThroughputRatio ? "yes" : "**no**")} |");
        L();
        return sb.ToString();
    }
}

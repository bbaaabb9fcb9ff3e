using System.Globalization;
using System.Text;

namespace YeKuo.Bench.Scenarios;

/// <summary>One query at one size: the timed runs (ms) and the rows the last run returned.</summary>
public sealed record ScaleResult(string Key, int Size, IReadOnlyList<double> Samples, long Rows, string? Note)
{
    public double P50 => Percentile(0.50);
    public double P95 => Percentile(0.95);
    public double P99 => Percentile(0.99);
    public double Max => Samples.Count == 0 ? 0 : Samples.Max();

    private double Percentile(double p)
    {
        if (Samples.Count == 0)
        {
            return 0;
        }
        var sorted = Samples.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>The SQL EF sends and SQLite's <c>EXPLAIN QUERY PLAN</c> for it.</summary>
public sealed record ScalePlan(string Sql, IReadOnlyList<string> Plan);

public sealed record ScaleSeedStep(int OpenItems, ScaleSeedBatch Batch, long DatabaseBytes);

public sealed class ScaleRun
{
    public required ScaleOptions Options { get; init; }
    public required MachineInfo Machine { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public string LoadAtStart { get; init; } = "";
    public string LoadAtEnd { get; set; } = "";
    public string DatabasePath { get; init; } = "";
    public double TotalSeconds { get; set; }
    public List<string> Migrations { get; } = [];
    public List<ScaleSeedStep> Seeds { get; } = [];
    public List<ScaleResult> Results { get; } = [];
    public Dictionary<int, Dictionary<string, ScalePlan>> Plans { get; } = [];
    public List<string> Indexes { get; } = [];

    /// <summary>The scan at the target size (or the largest size measured, when at least the target).</summary>
    public ScaleResult? TargetScan => Results.Where(r => r.Key == ScaleScenario.Scan && r.Size >= ScaleOptions.TargetItems).MinBy(r => r.Size);

    public bool TargetMeasured => TargetScan is not null;

    public bool Passed => TargetScan is not { } scan || scan.P99 <= ScaleOptions.TargetMilliseconds;
}

/// <summary>Formats a <see cref="ScaleRun"/> as markdown; appended to <c>bench/results/&lt;date&gt;-scale.md</c>.</summary>
public static class ScaleReport
{
    private static string F(double v, string format = "0.00") => v.ToString(format, CultureInfo.InvariantCulture);

    public static string ToMarkdown(ScaleRun r, string command)
    {
        var o = r.Options;
        var sb = new StringBuilder();
        void L(string line = "") => sb.Append(line).Append('\n');
        var verdict = !r.TargetMeasured ? "target not measured (no size ≥ 1,000,000)" : r.Passed ? "TARGET MET" : "TARGET MISSED";

        L($"## scale run {r.StartedAt:yyyy-MM-dd HH:mm:ss zzz}: {verdict}");
        L();
        L($"Command: `{command}`");
        L();
        foreach (var row in r.Machine.TableRows()) L(row);
        L($"| build | {o.Configuration} |");
        L($"| load average (1/5/15 min) at start → end | {r.LoadAtStart} → {r.LoadAtEnd} |");
        L($"| SQLite | {SqliteVersion()} (Microsoft.Data.Sqlite, bundled e_sqlite3) |");
        L();
        L("| parameters | |");
        L("|---|---|");
        L($"| open work items | {string.Join(" → ", o.Sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} (the database grows from one size to the next) |");
        L($"| closed history | {o.ClosedRatio.ToString(CultureInfo.InvariantCulture)} completed/cancelled items per open item |");
        L($"| repetitions | {o.Repetitions} timed per query and size (at most {o.MaxSeconds} s each), after 3 untimed |");
        L($"| seed | {o.Seed} |");
        L($"| database | SupplyScheme's SQLite schema from its migrations ({string.Join(", ", r.Migrations)}), WAL, `synchronous=FULL` as the service runs it; no `ANALYZE` (the service never runs it) |");
        L($"| clock | fixed at {ScaleScenario.Start:yyyy-MM-dd HH:mm zzz}, moved 5 s (the scan interval) before each scan |");
        L("| data | SupplyScheme's steps of every customer class: 现场勘查, 供电方案答复 (one clock), 客户确认方案 (customer time, no due date); 40 % unclaimed, 52 % in progress, 8 % paused; 0–120 % of each limit used (the overdue share is measured below), due dates up to four weeks ahead; each item's supervision timers (50 %, 80 %, overdue, escalation) as the service keeps them: those already due fired, and the next level's pending while the clock runs |");
        L($"| total time | {F(r.TotalSeconds, "0")} s |");
        L();

        L("### Seeding");
        L();
        L("| open items | added open / closed | timers (pending) | pauses | rows | seconds | rows/s | database |");
        L("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in r.Seeds)
        {
            L($"| {s.OpenItems:N0} | {s.Batch.OpenItems:N0} / {s.Batch.ClosedItems:N0} | {s.Batch.Timers:N0} ({s.Batch.PendingTimers:N0}) | {s.Batch.Pauses:N0} | {s.Batch.Rows:N0} | {F(s.Batch.Seconds, "0.0")} | {F(s.Batch.Rows / Math.Max(0.001, s.Batch.Seconds), "N0")} | {F(s.DatabaseBytes / 1048576.0, "N0")} MB |");
        }
        L();

        L("### Results (ms)");
        L();
        var sizes = o.Sizes.Where(s => r.Results.Any(x => x.Size == s)).ToList();
        L("| query | " + string.Join(" | ", sizes.Select(s => $"{Short(s)} p50 | p99 | rows")) + $" | growth p50 {Short(sizes.FirstOrDefault())}→{Short(sizes.LastOrDefault())} |");
        L("|---|" + string.Concat(sizes.Select(_ => "---:|---:|---:|")) + "---:|");
        foreach (var key in r.Results.Select(x => x.Key).Distinct())
        {
            var row = sizes.Select(s => r.Results.FirstOrDefault(x => x.Key == key && x.Size == s)).ToList();
            var first = row.FirstOrDefault(x => x is not null);
            var last = row.LastOrDefault(x => x is not null);
            var growth = first is null || last is null || first.P50 <= 0 ? "" : $"×{F(last.P50 / first.P50, "0.0")}";
            L($"| {ScaleScenario.Titles[key]} | " + string.Join(" | ", row.Select(x => x is null ? " | | " : $"{F(x.P50)} | {F(x.P99)} | {x.Rows:N0}")) + $" | {growth} |");
        }
        L();
        L("p95 and max, and what the scans did:");
        L();
        L("| size | query | n | p50 | p95 | p99 | max | note |");
        L("|---:|---|---:|---:|---:|---:|---:|---|");
        foreach (var x in r.Results)
        {
            L($"| {x.Size:N0} | {x.Key} | {x.Samples.Count} | {F(x.P50)} | {F(x.P95)} | {F(x.P99)} | {F(x.Max)} | {x.Note ?? ""} |");
        }
        L();

        L("### Target");
        L();
        if (r.TargetScan is { } scan)
        {
            L($"One deadline scan over {scan.Size:N0} open items: p99 **{F(scan.P99)} ms** (p50 {F(scan.P50)} ms, max {F(scan.Max)} ms) against ≤ {F(ScaleOptions.TargetMilliseconds, "0")} ms: **{(r.Passed ? "met" : "missed")}**.");
        }
        else
        {
            L("The target (one deadline scan over 1,000,000 open items ≤ 100 ms) needs a size of at least 1,000,000; not measured in this run.");
        }
        L();

        L("### SQL and SQLite plans");
        L();
        var largest = r.Plans.Keys.DefaultIfEmpty().Max();
        if (r.Plans.TryGetValue(largest, out var plans))
        {
            L($"At {largest:N0} open items{(r.Plans.Count > 1 ? "; the plans at the other sizes " + (SamePlans(r) ? "are the same" : "differ: see below") : "")}.");
            L();
            foreach (var (key, plan) in plans)
            {
                L($"**{ScaleScenario.Titles[key]}**");
                L();
                L("```sql");
                L(plan.Sql.Trim());
                L("```");
                L();
                L("```");
                foreach (var line in plan.Plan) L(line);
                L("```");
                L();
            }
            if (!SamePlans(r))
            {
                foreach (var (size, other) in r.Plans.Where(p => p.Key != largest))
                {
                    foreach (var (key, plan) in other.Where(p => !plans.TryGetValue(p.Key, out var big) || !big.Plan.SequenceEqual(p.Value.Plan)))
                    {
                        L($"At {size:N0}, {ScaleScenario.Titles[key]}:");
                        L();
                        L("```");
                        foreach (var line in plan.Plan) L(line);
                        L("```");
                        L();
                    }
                }
            }
        }

        L("### Indexes on the tables (as the migrations create them)");
        L();
        L("```sql");
        foreach (var index in r.Indexes) L(index + ";");
        L("```");
        L();
        return sb.ToString();
    }

    private static bool SamePlans(ScaleRun r)
    {
        var first = r.Plans.Values.FirstOrDefault();
        return first is null || r.Plans.Values.All(p => p.All(kv => first.TryGetValue(kv.Key, out var f) && f.Plan.SequenceEqual(kv.Value.Plan)));
    }

    private static string Short(int size) => size switch
    {
        >= 1_000_000 when size % 1_000_000 == 0 => $"{size / 1_000_000}M",
        >= 1_000 when size % 1_000 == 0 => $"{size / 1_000}k",
        _ => size.ToString(CultureInfo.InvariantCulture),
    };

    private static string SqliteVersion()
    {
        try
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT sqlite_version()";
            return (string)command.ExecuteScalar()!;
        }
        catch (Exception e) when (e is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            return "?";
        }
    }

    /// <summary>Appends the run to <c>&lt;directory&gt;/&lt;yyyy-MM-dd&gt;-scale.md</c> (one file per day; runs are appended).</summary>
    public static string Write(ScaleRun r, string markdown, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{r.StartedAt:yyyy-MM-dd}-scale.md");
        File.AppendAllText(path, File.Exists(path) ? "\n" + markdown : "# scale scenario results\n\n" + markdown);
        return path;
    }
}

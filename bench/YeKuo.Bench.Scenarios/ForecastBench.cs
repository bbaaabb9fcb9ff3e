using System.Diagnostics;
using System.Globalization;
using System.Text;
using YeKuo.Schedule.Bottlenecks;
using YeKuo.Schedule.Calendar;
using YeKuo.Schedule.History;
using YeKuo.Schedule.Prediction;
using YeKuo.Schedule.WhatIf;
using YeKuo.Testing;
using YeKuo.Workflow.Policies;

namespace YeKuo.Bench.Scenarios;

/// <summary>
/// <c>forecast</c>: backtests the power-on forecast (P50/P90) on a generated history (see
/// <see cref="HistoryGenerator"/> for how it is generated), then replays the same history under a few what-if rules and
/// names the month's bottlenecks. No system is started: it measures the schedule engine's accuracy, not a service.
/// </summary>
public sealed class ForecastBench : IBenchScenario
{
    public string Name => "forecast";

    public string Usage => """
          --applications N       generated applications (default 6000, at least 5000 for a result worth keeping)
          --seed S               generator seed (default 20261205)
          --iterations N         Monte Carlo runs per forecast (default 1000)
          --test-share F         share of the latest submissions forecast (default 0.25)
          --max-test N           at most this many test applications (default 1500)
          --results DIR          where the result file goes (default <repo>/bench/results)
        Target: the P90 date covers ≥ 85 % of actual power-on dates at every checkpoint (submission, 方案答复, 竣工报验).
        """;

    public Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        int applications = 6000, seed = 20261205, iterations = 1000, maxTest = 1500;
        var testShare = 0.25;
        string? resultsDirectory = null;
        var a = new BenchArguments(args);
        while (a.MoveNext())
        {
            switch (a.Current)
            {
                case "--applications": applications = Math.Max(100, a.NextInt()); break;
                case "--seed": seed = a.NextInt(); break;
                case "--iterations": iterations = Math.Max(20, a.NextInt()); break;
                case "--max-test": maxTest = Math.Max(10, a.NextInt()); break;
                case "--test-share":
                    var text = a.Next();
                    testShare = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f is > 0 and < 1
                        ? f
                        : throw new ArgumentException($"--test-share needs a number between 0 and 1, not '{text}'.");
                    break;
                case "--results": resultsDirectory = a.Next(); break;
                default: throw a.Unknown();
            }
        }

        var root = RepositoryRoot.Find();
        var startedAt = DateTimeOffset.Now;
        var loadAtStart = MachineInfo.LoadAverage();
        var calendar = ScheduleCalendar.Default;

        var clock = Stopwatch.StartNew();
        var history = HistoryGenerator.Generate(new HistoryGeneratorSettings(applications, seed), calendar);
        var generateSeconds = clock.Elapsed.TotalSeconds;
        cancellationToken.ThrowIfCancellationRequested();
        var backtest = ForecastBacktest.Run(history, calendar, testShare, maxTest, iterations);
        cancellationToken.ThrowIfCancellationRequested();

        clock.Restart();
        var replayer = new HistoryReplayer(calendar, TimeLimitPolicyBook.LoadDefault());
        var baseline = replayer.Replay(history, WhatIfScenario.Baseline);
        WhatIfScenario[] scenarios =
        [
            new("方案审查会 on Thursday", Meeting: new MeetingRule(DayOfWeek.Thursday)),
            new("方案审查会 every other Wednesday", Meeting: new MeetingRule(DayOfWeek.Wednesday, everyWeeks: 2)),
            new("one more reviewer day (2 → 3 a week)", Reviewers: new ReviewCapacity(2, 1)),
            new("policy SGCC-YK-KH (older SGCC assessment rule)", Policy: TimeLimitPolicyBook.LoadDefault().ForVersion("SGCC-YK-KH")),
            new("预警 at 30 % / 60 %", WarningThresholds: [0.3, 0.6]),
        ];
        var comparisons = scenarios.Select(s => new WhatIfComparison(baseline, replayer.Replay(history, s))).ToArray();
        var replaySeconds = clock.Elapsed.TotalSeconds;
        var lastMonth = history.Timeline.DateOf(history.Applications.Max(x => x.SubmittedIndex));
        var month = new DateOnly(lastMonth.Year, lastMonth.Month, 1).AddMonths(-1);
        var bottlenecks = new BottleneckAnalyzer(calendar).Analyse(history, month, month.AddMonths(1));

        var passed = Enum.GetValues<ForecastCheckpoint>().All(c => backtest.Overall(c).P90Coverage >= 0.85);
        var markdown = ToMarkdown(BenchArguments.CommandLine(Name, args), MachineInfo.Collect(root), startedAt, loadAtStart, MachineInfo.LoadAverage(),
            history, generateSeconds, backtest, baseline, comparisons, replaySeconds, bottlenecks, passed);
        Console.WriteLine(markdown);
        resultsDirectory ??= Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(resultsDirectory);
        var path = Path.Combine(resultsDirectory, $"{startedAt:yyyy-MM-dd}-forecast.md");
        File.AppendAllText(path, File.Exists(path) ? "\n" + markdown : "# forecast scenario results\n\n" + markdown);
        Console.WriteLine($"Result appended to {path}.");
        return Task.FromResult(passed ? 0 : 1);
    }

    private static string ToMarkdown(string command, MachineInfo machine, DateTimeOffset startedAt, string loadAtStart, string loadAtEnd,
        ApplicationHistory history, double generateSeconds, BacktestResult backtest, ReplayResult baseline, WhatIfComparison[] comparisons,
        double replaySeconds, BottleneckReport bottlenecks, bool passed)
    {
        var sb = new StringBuilder();
        void L(string line = "") => sb.Append(line).Append('\n');
        string F(double v, string format = "0.0") => v.ToString(format, CultureInfo.InvariantCulture);
        string P(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

        L($"## forecast run {startedAt:yyyy-MM-dd HH:mm:ss zzz}: {(passed ? "PASSED" : "FAILED")} (P90 coverage ≥ 85 % at every checkpoint)");
        L();
        L($"Command: `{command}`");
        L();
        foreach (var row in machine.TableRows()) L(row);
        L($"| load average (1/5/15 min) at start / end | {loadAtStart} / {loadAtEnd} |");
        L();
        L("| history and split | |");
        L("|---|---|");
        L($"| history | {history.Description} |");
        L($"| generated in | {F(generateSeconds, "0.00")} s |");
        L($"| training | the first {backtest.TrainingApplications} applications by submission; only activities finished by {backtest.TrainedUpTo:yyyy-MM-dd} (no look-ahead) |");
        L($"| test | {backtest.TestApplications} applications submitted from {backtest.TrainedUpTo:yyyy-MM-dd}, each forecast at every checkpoint its class has |");
        L($"| Monte Carlo | {backtest.Iterations} runs per forecast, seed {backtest.Seed} (deterministic) |");
        L($"| backtest time | {F(backtest.Elapsed.TotalSeconds, "0.0")} s on {Environment.ProcessorCount} cores |");
        L();
        L("How the history is generated (`HistoryGenerator`): classes 高压单电源 35 %, 高压双电源 10 %, 低压非居民 (外线) 20 %,");
        L("低压非居民无外线 15 %, 三零 小微 12 %, 三零 居民 8 %; kinds 新装 55 %, 增容 25 %, 变更用电 12 %, 临时用电 8 %. Company activities:");
        L("log-normal around 60 % of the planned duration (σ 0.35–0.45, at least 1 WD) with a 5 % late tail × 1.8–3.5; 评审-调度");
        L("slower and wider; December/January 30 % slower, 工程检查 25 % slower in July/August. Customer activities: long");
        L("log-normal spans (高压 design median 22 WD, construction 18 + 25 WD; 低压 construction 12 WD; 双电源 × 1.3), scaled by the");
        L("kind (增容 0.7, 变更 0.5, 临时 0.45) and one speed factor per customer (σ 0.35). 整改 loops: design fails review 20 %,");
        L("completion acceptance fails 30 % (高压) / 20 % (低压), a second round 25 % of those. Handoffs: same day 75 %, else");
        L("1 + geometric; 竣工验收 → 装表接电 slower (same day 45 %). The 方案审查会 sits on Wednesdays (working days only).");
        L();
        L("### Backtest: power-on date forecast (working days)");
        L();
        L(backtest.ToMarkdownTable().TrimEnd());
        L();
        L("MAE = mean |P50 date − actual power-on| in working days; P90 coverage = actual on or before the P90 date.");
        L();
        L($"### What-if replay of the same history ({F(replaySeconds, "0.0")} s for the baseline and {comparisons.Length} scenarios)");
        L();
        L("| scenario | judged clocks on time | applications on time | mean days to power-on | 方案答复 mean days | 方案答复 on time |");
        L("|---|---:|---:|---:|---:|---:|");
        string Row(ReplayResult r)
        {
            var scheme = r.ByStep.Single(s => s.Step == YeKuo.Contracts.Step.SchemeReply);
            return $"| {r.Scenario.Name} | {P(r.OnTimeRate)} | {r.ApplicationsOnTime} / {r.Applications} | {F(r.MeanDaysToPowerOn)} | {F(scheme.MeanDays, "0.00")} | {P(scheme.OnTimeRate)} |";
        }

        L(Row(baseline));
        foreach (var c in comparisons) L(Row(c.Scenario));
        L();
        var warnings = comparisons.Single(c => c.Scenario.Scenario.WarningThresholds is not null).Scenario;
        L($"预警 raised: baseline 50 % / 80 %: {baseline.ByDepartmentMonth.Sum(r => r.Warnings[0])} / {baseline.ByDepartmentMonth.Sum(r => r.Warnings[1])}; " +
          $"30 % / 60 %: {warnings.ByDepartmentMonth.Sum(r => r.Warnings[0])} / {warnings.ByDepartmentMonth.Sum(r => r.Warnings[1])}.");
        L();
        L("Slowest handoffs (baseline, department pairs with ≥ 100 handoffs waited on):");
        L();
        L("| from → to | handoffs that waited | mean wait (WD) | p90 | total WD |");
        L("|---|---:|---:|---:|---:|");
        foreach (var h in baseline.HandoffsByPair.Where(h => h.Count >= 100).Take(5))
            L($"| {h.From} → {h.To} | {h.Count} | {F(h.MeanDays, "0.00")} | {h.P90Days} | {h.TotalDays} |");
        L();
        L($"### Bottlenecks of {bottlenecks.From:yyyy-MM} ({bottlenecks.Applications} applications with an activity finished that month)");
        L();
        L("| kind | what | applications delayed | days lost | on the critical path of | days that moved power-on |");
        L("|---|---|---:|---:|---:|---:|");
        foreach (var e in bottlenecks.Activities) L($"| activity | {e.Name} ({e.Key}) | {e.ApplicationsDelayed} | {e.DaysLost} | {P(e.CriticalShare)} | {e.JobDaysLost} |");
        foreach (var e in bottlenecks.Handoffs) L($"| handoff | {e.Name} | {e.ApplicationsDelayed} | {e.DaysLost} | {P(e.CriticalShare)} | {e.JobDaysLost} |");
        return sb.ToString();
    }
}

using YeKuo.Acceptance.Domain;
using YeKuo.Contracts;
using YeKuo.Workflow.Scheduling;

namespace YeKuo.Acceptance.Progress;

public sealed record ShiftedStep(string Activity, int PlannedEarliestStart, int NewEarliestStart, int Shift);

/// <summary>
/// One activity of the application's step network: a department clock (ClockGroup) of its policy, e.g. 供电方案答复
/// with 现场勘查 on the same clock. Planned = the limit; actual = the company working days its members' rounds were open
/// (the customer's time between them, e.g. 接入系统设计 or the 整改 before a re-check, is not the department's). The
/// seed-004 reading: does the deviation delay the job, by how much, does it move the successors.
/// </summary>
public sealed record StepDeviation(
    string Activity,
    string Name,
    IReadOnlyList<string> Steps,
    string Department,
    bool Judged,
    int PlannedWorkingDays,
    int? ActualWorkingDays,
    int? Deviation,
    int EarliestStart,
    int EarliestFinish,
    int LatestStart,
    int LatestFinish,
    int TotalFloat,
    int FreeFloat,
    bool Critical,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    double PausedHours,
    bool? DelaysJob,
    int? JobDelayWorkingDays,
    bool? MovesSuccessors,
    IReadOnlyList<ShiftedStep> ShiftedSuccessors,
    bool? BecomesCritical,
    string Reading);

/// <summary>
/// Customer time outside the network: the customer's steps (客户确认方案, 提交设计文件 after designing, 申请中间检查 and
/// 竣工报验 after building, each re-check request after 整改), and any other wait between department steps. An ongoing
/// wait has no <see cref="To"/> and counts up to now.
/// </summary>
/// <param name="What">The customer step (or "A->B" for a wait between two department steps).</param>
public sealed record CustomerWait(string What, string Name, DateTimeOffset? From, DateTimeOffset? To, int? WorkingDays)
{
    public int Round { get; init; } = 1;

    public bool Ongoing => To is null;

    /// <summary>Calendar days, for the Gantt chart's customer bars.</summary>
    public double? Days { get; init; }
}

public sealed record DeviationReport(
    Guid ApplicationId,
    string? PolicyVersion,
    int PlannedDurationWorkingDays,
    int ForecastDurationWorkingDays,
    int JobDelayWorkingDays,
    IReadOnlyList<StepDeviation> Steps,
    IReadOnlyList<CustomerWait> CustomerWaits,
    string Method);

/// <summary>进度偏差分析 (seed 004) of one application over its policy's step network.</summary>
public sealed class DeviationAnalyzer(StepRecords records)
{
    public const string Method =
        "Network = the department clocks of the application's plan under its policy version, in process order (planned = the limit in "
        + "working days); customer time (客户确认方案, the design and construction before each request, 整改 before a re-check) is outside "
        + "the network, shown as the customer's waits. Actual = the working days the activity's rounds were open, less whole paused working "
        + "days. Each deviation is read on the planned network alone (seed 004); the forecast replaces every finished activity's duration "
        + "by its actual one.";

    /// <summary>Null when the application has no policy version yet (not accepted).</summary>
    public DeviationReport? Analyse(Application application, IReadOnlyList<StepRecord> steps, DateTimeOffset now)
    {
        var policy = records.PolicyOf(application);
        if (policy is null)
        {
            return null;
        }

        var clocks = policy.ClocksFor(application.CustomerClass, application.Plan);
        var byStep = steps.ToDictionary(s => s.Step);
        var activities = new List<Activity>();
        string? previous = null;
        foreach (var clock in clocks)
        {
            var name = clock.Owner.ToString();
            activities.Add(previous is null ? new Activity(name, clock.LimitWorkingDays) : new Activity(name, clock.LimitWorkingDays, previous));
            previous = name;
        }
        var network = new StepNetwork(activities);

        var rows = new List<StepDeviation>();
        var actuals = new Dictionary<string, int>();
        foreach (var clock in clocks)
        {
            var name = clock.Owner.ToString();
            var planned = network[name];
            var members = clock.Steps.Select(s => byStep.GetValueOrDefault(s)).OfType<StepRecord>().ToArray();
            var started = members.Select(m => m.StartedAt).Where(t => t is not null).Min();
            var completed = byStep.GetValueOrDefault(clock.Owner)?.CompletedAt;
            var paused = TimeSpan.FromTicks(members.Sum(m => m.PausedTime.Ticks));

            int? actual = null;
            DeviationAnalysis? analysis = null;
            if (started is not null && completed is not null)
            {
                actual = members.Sum(m => m.ElapsedWorkingDays);
                actuals[name] = actual.Value;
                analysis = network.AnalyseDeviation(name, actual.Value);
            }

            rows.Add(new StepDeviation(
                name,
                string.Join(" + ", clock.Steps.Select(s => StepCatalogue.Of(s).ChineseName)),
                clock.Steps.Select(x => x.ToString()).ToArray(),
                StepCatalogue.Of(clock.Owner).Responsible.ToString(),
                clock.Judged,
                planned.Duration,
                actual,
                analysis?.Deviation,
                planned.EarliestStart,
                planned.EarliestFinish,
                planned.LatestStart,
                planned.LatestFinish,
                planned.TotalFloat,
                planned.FreeFloat,
                planned.IsCritical,
                started,
                completed,
                Math.Round(paused.TotalHours, 2),
                analysis?.DelaysProject,
                analysis?.ProjectDelay,
                analysis?.MovesSuccessors,
                analysis?.ShiftedActivities.Select(x => new ShiftedStep(x.Name, x.PlannedEarliestStart, x.NewEarliestStart, x.Shift)).ToArray() ?? [],
                analysis?.BecomesCritical,
                Reading(planned, analysis)));
        }

        var forecast = new StepNetwork(network.Activities.Select(a =>
            new Activity(a.Name, actuals.TryGetValue(a.Name, out var actual) ? actual : a.Duration, a.Predecessors)));

        return new DeviationReport(
            application.Id, policy.Version, network.ProjectDuration, forecast.ProjectDuration,
            forecast.ProjectDuration - network.ProjectDuration, rows, CustomerWaits(steps, now), Method);
    }

    private IReadOnlyList<CustomerWait> CustomerWaits(IReadOnlyList<StepRecord> steps, DateTimeOffset now)
    {
        // Each round of a customer step is one wait on the customer (the re-check requests after 整改 are later rounds).
        var waits = steps.Where(s => s.CustomerTime)
            .SelectMany(s => s.Rounds.Where(r => r.OpenedAt is not null).Select(r => new CustomerWait(
                s.Step.ToString(), StepCatalogue.Of(s.Step).ChineseName, r.OpenedAt, r.CompletedAt,
                records.WorkingDaysBetween(r.OpenedAt!.Value, r.CompletedAt ?? now))
            {
                Round = r.Round,
                Days = Math.Round(((r.CompletedAt ?? now) - r.OpenedAt.Value).TotalDays, 2),
            }))
            .ToList();

        // Any other wait between two department steps that no customer step covers.
        var company = steps.Where(s => !s.CustomerTime && s.StartedAt is not null).OrderBy(s => s.StartedAt).ToArray();
        for (var i = 1; i < company.Length; i++)
        {
            if (company[i - 1].CompletedAt is not { } end || company[i].StartedAt is not { } start)
            {
                continue;
            }
            var from = waits.Where(w => w.To is { } done && done >= end && done <= start).Select(w => w.To!.Value).DefaultIfEmpty(end).Max();
            var days = records.WorkingDaysBetween(from, start);
            if (days > 0)
            {
                var (before, next) = (company[i - 1].Step, company[i].Step);
                waits.Add(new CustomerWait($"{before}->{next}", $"{StepCatalogue.Of(before).ChineseName} → {StepCatalogue.Of(next).ChineseName}", from, start, days)
                {
                    Days = Math.Round((start - from).TotalDays, 2),
                });
            }
        }
        return waits.OrderBy(w => w.From).ToArray();
    }

    private static string Reading(ScheduledActivity planned, DeviationAnalysis? analysis)
    {
        if (analysis is null)
        {
            return planned.IsCritical
                ? $"未完成; 关键工作 (总时差 0): 每拖延 1 个工作日, 总工期推迟 1 个工作日"
                : $"未完成; 总时差 {planned.TotalFloat}, 自由时差 {planned.FreeFloat}";
        }
        var d = analysis.Deviation;
        if (d <= 0)
        {
            return d == 0 ? "按计划完成" : $"提前 {-d} 个工作日" + (analysis.ProjectDelay < 0 ? $", 总工期缩短 {-analysis.ProjectDelay} 个工作日" : "");
        }
        if (planned.IsCritical)
        {
            return $"关键工作拖延 {d} 个工作日: 总工期推迟 {analysis.ProjectDelay} 个工作日, 紧后工作相应推迟";
        }
        if (analysis.DelaysProject)
        {
            return $"拖延 {d} 个工作日, 超过总时差 {planned.TotalFloat}: 总工期推迟 {analysis.ProjectDelay} 个工作日"
                + (analysis.BecomesCritical ? ", 本工作成为关键工作" : "");
        }
        if (analysis.MovesSuccessors)
        {
            return $"拖延 {d} 个工作日, 未超过总时差 {planned.TotalFloat}, 超过自由时差 {planned.FreeFloat}: 总工期不变, 紧后工作最早开始推迟";
        }
        return $"拖延 {d} 个工作日, 未超过自由时差 {planned.FreeFloat}: 不影响紧后工作与总工期";
    }
}

using YeKuo.Acceptance.Domain;
using YeKuo.Contracts;
using YeKuo.Workflow.Scheduling;

namespace YeKuo.Acceptance.Progress;

public sealed record ShiftedStep(string Activity, int PlannedEarliestStart, int NewEarliestStart, int Shift);

/// <summary>
/// One activity of the application's step network: a department clock (ClockGroup) of its policy, e.g. 供电方案答复
/// with 现场勘查 on the same clock. Planned = the limit; actual = company working days from the first member step's
/// start to the owner's completion. The seed-004 reading: does the deviation delay the job, by how much, does it move
/// the successors.
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

/// <summary>Customer time outside the network (客户确认方案, the customer's design and construction between steps).</summary>
public sealed record CustomerWait(string What, string Name, DateTimeOffset? From, DateTimeOffset? To, int? WorkingDays);

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
        "Network = the department clocks of the application's policy version in process order (planned = the limit in working days); "
        + "customer time (客户确认方案, design and construction) is outside the network. Actual = working days from start to completion "
        + "less whole paused working days. Each deviation is read on the planned network alone (seed 004); the forecast replaces every "
        + "finished activity's duration by its actual one.";

    /// <summary>Null when the application has no policy version yet (not accepted).</summary>
    public DeviationReport? Analyse(Application application, IReadOnlyList<StepRecord> steps, ILookup<Guid, TimelinePause> pauses)
    {
        var policy = records.PolicyOf(application);
        if (policy is null)
        {
            return null;
        }

        var clocks = policy.ClocksFor(application.CustomerClass);
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
            var memberPauses = members.SelectMany(m => m.Rounds).SelectMany(r => pauses[r.WorkItemId]).ToArray();
            var paused = TimeSpan.FromTicks(members.Sum(m => m.PausedTime.Ticks));

            int? actual = null;
            DeviationAnalysis? analysis = null;
            if (started is { } s && completed is { } c)
            {
                actual = records.CompanyWorkingDays(s, c, memberPauses);
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
            forecast.ProjectDuration - network.ProjectDuration, rows, CustomerWaits(steps), Method);
    }

    private IReadOnlyList<CustomerWait> CustomerWaits(IReadOnlyList<StepRecord> steps)
    {
        var customerSteps = steps.Where(s => s.CustomerTime).ToArray();
        var waits = customerSteps
            .Select(s => new CustomerWait(s.Step.ToString(), StepCatalogue.Of(s.Step).ChineseName, s.StartedAt, s.CompletedAt,
                s.StartedAt is { } from && s.CompletedAt is { } to ? records.CompanyWorkingDays(from, to, []) : null))
            .ToList();

        // The customer's own design and construction: from one department step's end (or the customer step after it)
        // to the next department step's start.
        var company = steps.Where(s => !s.CustomerTime && s.StartedAt is not null).OrderBy(s => s.StartedAt).ToArray();
        for (var i = 1; i < company.Length; i++)
        {
            if (company[i - 1].CompletedAt is not { } end || company[i].StartedAt is not { } start)
            {
                continue;
            }
            var from = customerSteps.Where(c => c.CompletedAt is { } done && done >= end && done <= start).Select(c => c.CompletedAt!.Value)
                .DefaultIfEmpty(end).Max();
            var days = records.CompanyWorkingDays(from, start, []);
            if (days > 0)
            {
                var (before, next) = (company[i - 1].Step, company[i].Step);
                waits.Add(new CustomerWait($"{before}->{next}", $"{StepCatalogue.Of(before).ChineseName} → {StepCatalogue.Of(next).ChineseName} (客户设计施工)", from, start, days));
            }
        }
        return waits;
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

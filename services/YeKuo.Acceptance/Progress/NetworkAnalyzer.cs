using YeKuo.Acceptance.Foresight;
using YeKuo.Contracts;
using YeKuo.Schedule.Live;
using YeKuo.Schedule.Network;
using YeKuo.Schedule.Prediction;

namespace YeKuo.Acceptance.Progress;

/// <summary>
/// 进度偏差分析 (seed 004) of one application on its schedule network (YeKuo.Schedule): the activities of its class and
/// kind with their dependencies (parallel reviews before the weekly 方案审查会, contract and payment beside the customer's
/// construction), planned from the day it was submitted, re-planned at the end of today with what its timeline says
/// happened, and the power-on forecast from the same network.
/// </summary>
public sealed class NetworkAnalyzer(StepRecords records)
{
    public const string Method =
        "Network = the schedule network of the application's class and kind (YeKuo.Schedule ApplicationNetworks): company steps, the parallel "
        + "reviews of 运检, 调度 and 计量 before the weekly 方案审查会 (a calendar constraint), the customer's own activities (confirming, designing, "
        + "building, 整改, paying) and the supply contract and payment beside the customer's construction; planned durations are the typical "
        + "working days of each activity. Actuals come from the application's timeline: each step's rounds (a failed check's loop as 整改 and a "
        + "re-check), the customer's waits as the customer's activities; activities inside a step recorded as a whole follow their plan from the "
        + "step's start (marked inferred). ES/EF/LS/LF and floats are the re-plan at the end of the status date (done activities keep their "
        + "actual dates); each deviation is read on the original plan alone (seed 004).";

    public DeviationReport Analyse(LiveNetwork live, IReadOnlyList<StepRecord> steps, DateTimeOffset now, (PowerOnForecaster Forecaster, ForecastBasis Basis)? forecasts)
    {
        var application = live.Application;
        var network = live.Network;
        var plan = live.Plan();
        var current = live.Replan();
        var policy = records.PolicyOf(application);
        var byStep = steps.ToDictionary(s => s.Step);
        var rows = new List<StepDeviation>();
        foreach (var activity in network.Activities)
        {
            var planned = plan[activity.Id];
            var replanned = current[activity.Id];
            live.Progress.Activities.TryGetValue(activity.Id, out var progress);
            var step = TimelineProgress.RecordedBy(activity.Id);
            var record = step is { } s ? byStep.GetValueOrDefault(s) : null;
            var inferred = live.Progress.Inferred.Contains(activity.Id);
            int? actual = progress is { State: ActivityState.Done, FinishIndex: { } f } ? f - progress.StartIndex : null;
            var plannedSpan = planned.Span;
            var analysis = actual is { } a ? Alone(network, plan, activity, a - plannedSpan) : null;
            rows.Add(new StepDeviation(
                activity.Id,
                activity.Name,
                step is { } recorded ? [recorded.ToString()] : [],
                activity.Owner.ToString(),
                !activity.IsCustomerTime && policy is not null && step is { } judgedStep && IsJudged(policy, application.CustomerClass, judgedStep),
                plannedSpan,
                actual,
                actual - plannedSpan,
                replanned.EarliestStart,
                replanned.EarliestFinish,
                replanned.LatestStart,
                replanned.LatestFinish,
                replanned.TotalFloat,
                replanned.FreeFloat,
                replanned.IsCritical,
                inferred ? null : record?.StartedAt,
                inferred || progress?.State != ActivityState.Done ? null : record?.CompletedAt,
                inferred || record is null ? 0 : Math.Round(record.PausedTime.TotalHours, 2),
                analysis?.DelaysJob,
                analysis?.JobDelay,
                analysis?.MovesSuccessors,
                analysis?.Shifted ?? [],
                analysis?.BecomesCritical,
                Reading(planned, replanned, analysis))
            {
                State = replanned.State switch { ActivityState.Done => "done", ActivityState.InProgress => "inProgress", _ => "notStarted" },
                CustomerTime = activity.IsCustomerTime,
                Inferred = inferred,
                Predecessors = activity.Predecessors.Select(p => p.PredecessorId).ToArray(),
                PlannedEarliestStart = planned.EarliestStart,
                PlannedEarliestFinish = planned.EarliestFinish,
                PlannedTotalFloat = planned.TotalFloat,
                PlannedFreeFloat = planned.FreeFloat,
                PlannedStart = planned.StartDate,
                PlannedFinish = planned.FinishDate,
                Start = replanned.StartDate,
                Finish = replanned.FinishDate,
                MeetingWait = replanned.MeetingWait,
            });
        }

        return new DeviationReport(
            application.Id, application.PolicyVersion, plan.Duration, current.Duration, current.Duration - plan.Duration,
            rows, CustomerWaits(steps, now), Method)
        {
            StartDate = plan.StartDate,
            StatusDate = live.Timeline.DateOf(live.Progress.StatusIndex),
            PlannedFinish = plan.FinishDate,
            ReplannedFinish = current.FinishDate,
            CriticalPath = current.CriticalPath.Select(x => x.Id).ToArray(),
            Forecast = application.IsActive && forecasts is { } f2 ? Forecast(live, f2.Forecaster, f2.Basis) : null,
        };
    }

    /// <summary>The P50/P90 power-on day of an open application from its network and what happened so far.</summary>
    public static PowerOnForecastView Forecast(LiveNetwork live, PowerOnForecaster forecaster, ForecastBasis basis)
    {
        var p = live.Progress;
        var forecast = forecaster.Forecast(live.Template, p.StartIndex, p.StatusIndex, p.Activities);
        var timeline = live.Timeline;
        var years = timeline.AssumedYears.Where(y => y <= forecast.P90Date.Year && y >= timeline.DateOf(p.StatusIndex).Year).ToArray();
        return new PowerOnForecastView(forecast.P50Date, forecast.P90Date, forecast.PlannedFinishDate, forecast.P50RemainingDays,
            forecast.P90RemainingDays, basis.Source, basis.Applications, basis.Note, timeline.DateOf(p.StatusIndex), years);
    }

    private sealed record AloneReading(int Deviation, bool DelaysJob, int JobDelay, bool MovesSuccessors, IReadOnlyList<ShiftedStep> Shifted, bool BecomesCritical);

    // Seed 004: the deviation of one activity read on the original plan with nothing else changed.
    private static AloneReading Alone(ScheduleNetwork network, NetworkSchedule plan, ActivityDefinition activity, int deviation)
    {
        var alone = network.WithDurations(new Dictionary<string, int>
        {
            [activity.Id] = Math.Max(0, activity.DurationWorkingDays + deviation),
        }).Plan(plan.StartIndex);
        var shifted = alone.Activities
            .Where(x => x.Id != activity.Id && x.EarliestStart != plan[x.Id].EarliestStart)
            .Select(x => new ShiftedStep(x.Id, plan[x.Id].EarliestStart, x.EarliestStart, x.EarliestStart - plan[x.Id].EarliestStart))
            .ToArray();
        var planned = plan[activity.Id];
        return new AloneReading(deviation, alone.FinishIndex > plan.FinishIndex, alone.FinishIndex - plan.FinishIndex,
            deviation > planned.FreeFloat, shifted, planned.TotalFloat > 0 && alone[activity.Id].TotalFloat <= 0);
    }

    private static bool IsJudged(YeKuo.Workflow.Policies.TimeLimitPolicy policy, CustomerClass customerClass, Step step)
    {
        try
        {
            return policy.IsJudged(customerClass, step);
        }
        catch (ArgumentException)
        {
            return false;
        }
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

    private static string Reading(ActivitySchedule planned, ActivitySchedule current, AloneReading? analysis)
    {
        if (analysis is null)
        {
            var state = current.State == ActivityState.InProgress ? "进行中" : "未开始";
            return current.IsCritical
                ? $"{state}; 关键工作 (总时差 0): 每拖延 1 个工作日, 总工期推迟 1 个工作日"
                : $"{state}; 总时差 {current.TotalFloat}, 自由时差 {current.FreeFloat}";
        }
        var d = analysis.Deviation;
        if (d <= 0)
        {
            return d == 0 ? "按计划完成" : $"提前 {-d} 个工作日" + (analysis.JobDelay < 0 ? $", 总工期缩短 {-analysis.JobDelay} 个工作日" : "");
        }
        if (planned.IsCritical)
        {
            return $"关键工作拖延 {d} 个工作日: 总工期推迟 {analysis.JobDelay} 个工作日, 紧后工作相应推迟";
        }
        if (analysis.DelaysJob)
        {
            return $"拖延 {d} 个工作日, 超过总时差 {planned.TotalFloat}: 总工期推迟 {analysis.JobDelay} 个工作日"
                + (analysis.BecomesCritical ? ", 本工作成为关键工作" : "");
        }
        if (analysis.MovesSuccessors)
        {
            return $"拖延 {d} 个工作日, 未超过总时差 {planned.TotalFloat}, 超过自由时差 {planned.FreeFloat}: 总工期不变, 紧后工作最早开始推迟";
        }
        return $"拖延 {d} 个工作日, 未超过自由时差 {planned.FreeFloat}: 不影响紧后工作与总工期";
    }
}

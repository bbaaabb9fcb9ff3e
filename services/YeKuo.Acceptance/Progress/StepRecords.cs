using YeKuo.Acceptance.Domain;
using YeKuo.Contracts;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Policies;

namespace YeKuo.Acceptance.Progress;

/// <summary>One step of one application with all its rounds folded together (复检 rounds count as the same step).</summary>
/// <param name="OnTime">Null while not judged or not decided; true only if every round finished by its due.</param>
public sealed record StepRecord(
    Step Step,
    Department Department,
    bool Judged,
    bool CustomerTime,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    TimeSpan PausedTime,
    int? WorkingDays,
    double? Hours,
    bool? OnTime,
    bool Overdue,
    IReadOnlyList<TimelineEntry> Rounds);

/// <summary>
/// Time and verdict maths shared by the timeline, the deviation analysis, the worklist and the reports. Durations are
/// the company's time: the working days between start and completion (<see cref="WorkingDayCalendar.CountWorkingDays"/>)
/// less the whole working days the step was paused for the customer; hours are calendar hours less paused hours.
/// </summary>
public sealed class StepRecords(WorkingDayCalendar calendar, TimeLimitPolicyBook policies)
{
    public WorkingDayCalendar Calendar => calendar;

    /// <summary>The document the application was accepted under, or null (not accepted yet, or an unknown version).</summary>
    public TimeLimitPolicy? PolicyOf(Application application)
    {
        if (application.PolicyVersion is not { } version)
        {
            return null;
        }
        try
        {
            return policies.ForVersion(version);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static StepTimeLimit? LimitOf(TimeLimitPolicy? policy, CustomerClass customerClass, Step step)
    {
        if (policy is null)
        {
            return null;
        }
        try
        {
            return policy.LimitFor(customerClass, step);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Working days from start to end (start day excluded, end day included) less whole paused working days; never negative.</summary>
    public int CompanyWorkingDays(DateTimeOffset start, DateTimeOffset end, IEnumerable<TimelinePause> pauses)
    {
        if (end <= start)
        {
            return 0;
        }
        var days = calendar.CountWorkingDays(ChinaTime.BusinessDate(start), ChinaTime.BusinessDate(end));
        var paused = PausedWorkingTime(start, end, pauses);
        return Math.Max(0, days - (int)Math.Floor(paused.TotalDays));
    }

    /// <summary>Paused time falling on working days between start and end (a working day counts 24 h, as in <see cref="SlaClock"/>).</summary>
    public TimeSpan PausedWorkingTime(DateTimeOffset start, DateTimeOffset end, IEnumerable<TimelinePause> pauses)
    {
        var intervals = pauses
            .Where(p => p.PausedAt < end)
            .Select(p => new PauseInterval(p.PausedAt, p.ResumedAt is { } r && r < end && r >= p.PausedAt ? r : end, p.Reason))
            .ToArray();
        return intervals.Length == 0 ? TimeSpan.Zero : new SlaClock(calendar, start, 1, intervals).PausedWorkingTime(end);
    }

    /// <summary>Folds an application's timeline into one record per step, in the order the steps started.</summary>
    public IReadOnlyList<StepRecord> Fold(
        Application application, IEnumerable<TimelineEntry> timeline, ILookup<Guid, TimelinePause> pauses, DateTimeOffset now)
    {
        var policy = PolicyOf(application);
        return timeline
            .GroupBy(e => e.Step)
            .Select(g =>
            {
                var rounds = g.OrderBy(e => e.Round).ThenBy(e => e.OpenedAt).ToArray();
                var limit = LimitOf(policy, application.CustomerClass, g.Key);
                var last = rounds[^1];
                var started = rounds.Where(r => r.OpenedAt is not null).Select(r => r.OpenedAt).Min();
                var finished = last.CompletedAt is not null && (last.Outcome?.MovesOn ?? true) ? last.CompletedAt : null;
                var stepPauses = rounds.SelectMany(r => pauses[r.WorkItemId]).ToArray();
                var pausedTime = TimeSpan.FromTicks(stepPauses.Sum(p => p.DurationUntil(finished ?? now).Ticks));
                int? workingDays = null;
                double? hours = null;
                if (started is { } s && finished is { } f)
                {
                    workingDays = CompanyWorkingDays(s, f, stepPauses);
                    hours = Math.Max(0, (f - s - pausedTime).TotalHours);
                }

                var judged = limit?.Judged ?? false;
                var overdue = rounds.Any(r => r.CompletedAt is null && r.DueAt is { } due && now > due && !IsPausedNow(pauses[r.WorkItemId]));
                bool? onTime = null;
                if (judged && (finished is not null || overdue || rounds.Any(r => r.CompletedAt > r.DueAt)))
                {
                    onTime = !overdue && rounds.All(r => r.CompletedAt is not { } done || r.DueAt is not { } due || done <= due);
                }
                return new StepRecord(
                    g.Key, last.Department, judged, limit?.IsCustomerTime ?? last.Department == Department.Customer,
                    started, finished, pausedTime, workingDays, hours, onTime, overdue, rounds);
            })
            .OrderBy(r => r.StartedAt ?? DateTimeOffset.MaxValue)
            .ThenBy(r => r.Step)
            .ToArray();
    }

    public static bool IsPausedNow(IEnumerable<TimelinePause> pauses) => pauses.Any(p => p.ResumedAt is null);

    /// <summary>
    /// 按时办结 of the whole application: late as soon as a judged step is late (or overdue now); on time once power is
    /// connected and every judged step was on time; pending before that; not judged when closed without power.
    /// </summary>
    public static string Verdict(Application application, IReadOnlyList<StepRecord> steps)
    {
        if (steps.Any(s => s.Judged && s.OnTime == false))
        {
            return Verdicts.Late;
        }
        return application.Status switch
        {
            ApplicationStatus.PowerConnected => Verdicts.OnTime,
            ApplicationStatus.Rejected or ApplicationStatus.Withdrawn => Verdicts.NotJudged,
            _ => Verdicts.Pending,
        };
    }
}

public static class Verdicts
{
    public const string OnTime = "OnTime";
    public const string Late = "Late";
    public const string Pending = "Pending";
    public const string NotJudged = "NotJudged";
}

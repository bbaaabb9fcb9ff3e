using YeKuo.Acceptance.Domain;
using YeKuo.Contracts;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Policies;

namespace YeKuo.Acceptance.Progress;

/// <summary>One step of one application with all its rounds folded together (复检 rounds count as the same step).</summary>
/// <param name="Judged">Judged on its own clock (a node of a high-voltage application, or part of one).</param>
/// <param name="CustomerTime">The customer's step: its time is shown, never judged against a department.</param>
/// <param name="WorkingDays">Once done: the working days its rounds were open, less whole paused working days (the time
/// between rounds, e.g. the customer's 整改 after a failed check, is not the step's).</param>
/// <param name="ElapsedWorkingDays">The same, counting an open round up to now.</param>
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
    int ElapsedWorkingDays,
    double ElapsedHours,
    bool? OnTime,
    bool Overdue,
    IReadOnlyList<TimelineEntry> Rounds);

/// <summary>
/// Time and verdict maths shared by the timeline, the deviation analysis, the worklists and the reports. A step's time is
/// the time its rounds were open: working days between a round's start and its completion
/// (<see cref="WorkingDayCalendar.CountWorkingDays"/>) less the whole working days it was paused for the customer, summed
/// over rounds; hours are calendar hours less paused hours. Customer steps are timed the same way and never judged.
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

    /// <summary>Working days from start to end, nothing taken out (the age of a wait).</summary>
    public int WorkingDaysBetween(DateTimeOffset start, DateTimeOffset end) =>
        end <= start ? 0 : calendar.CountWorkingDays(ChinaTime.BusinessDate(start), ChinaTime.BusinessDate(end));

    /// <summary>Paused time falling on working days between start and end (a working day counts 24 h, as in <see cref="SlaClock"/>).</summary>
    public TimeSpan PausedWorkingTime(DateTimeOffset start, DateTimeOffset end, IEnumerable<TimelinePause> pauses)
    {
        var intervals = pauses
            .Where(p => p.PausedAt < end)
            .Select(p => new PauseInterval(p.PausedAt, p.ResumedAt is { } r && r < end && r >= p.PausedAt ? r : end, p.Reason))
            .ToArray();
        return intervals.Length == 0 ? TimeSpan.Zero : new SlaClock(calendar, start, 1, intervals).PausedWorkingTime(end);
    }

    /// <summary>The working days and hours the rounds were open (an open round up to <paramref name="now"/>), pauses taken out.</summary>
    public (int WorkingDays, double Hours) TimeOf(IEnumerable<TimelineEntry> rounds, ILookup<Guid, TimelinePause> pauses, DateTimeOffset now)
    {
        var days = 0;
        var hours = 0.0;
        foreach (var round in rounds.Where(r => r.OpenedAt is not null))
        {
            var start = round.OpenedAt!.Value;
            var end = round.CompletedAt ?? now;
            var roundPauses = pauses[round.WorkItemId].ToArray();
            days += CompanyWorkingDays(start, end, roundPauses);
            var paused = PauseUnion.Within(roundPauses.Select(p => p.Interval), start, end);
            hours += Math.Max(0, (end - start - paused).TotalHours);
        }
        return (days, hours);
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
                var last = rounds[^1];
                var customerTime = StepCatalogue.Of(g.Key).IsCustomerStep;
                var started = rounds.Where(r => r.OpenedAt is not null).Select(r => r.OpenedAt).Min();
                var finished = last.CompletedAt is not null && (last.Outcome?.MovesOn ?? true) ? last.CompletedAt : null;
                var stepPauses = rounds.SelectMany(r => pauses[r.WorkItemId]).ToArray();
                var pausedTime = PauseUnion.Within(stepPauses.Select(p => p.Interval), DateTimeOffset.MinValue, finished ?? now);
                var (elapsedDays, elapsedHours) = TimeOf(rounds, pauses, now);

                var judged = !customerTime && policy is not null && IsJudged(policy, application.CustomerClass, g.Key);
                var overdue = rounds.Any(r => r.CompletedAt is null && r.DueAt is { } due && now > due && !IsPausedNow(pauses[r.WorkItemId]));
                bool? onTime = null;
                if (judged && (finished is not null || overdue || rounds.Any(r => r.CompletedAt > r.DueAt)))
                {
                    onTime = !overdue && rounds.All(r => r.CompletedAt is not { } done || r.DueAt is not { } due || done <= due);
                }
                return new StepRecord(
                    g.Key, last.Department, judged, customerTime, started, finished, pausedTime,
                    finished is null ? null : elapsedDays, finished is null ? null : elapsedHours, elapsedDays, elapsedHours,
                    onTime, overdue, rounds);
            })
            .OrderBy(r => r.StartedAt ?? DateTimeOffset.MaxValue)
            .ThenBy(r => StepCatalogue.OrderOf(r.Step))
            .ToArray();
    }

    private static bool IsJudged(TimeLimitPolicy policy, CustomerClass customerClass, Step step)
    {
        try
        {
            return policy.IsJudged(customerClass, step);
        }
        catch (ArgumentException)
        {
            // A step outside the class's set (data from another version): not judged.
            return false;
        }
    }

    public static bool IsPausedNow(IEnumerable<TimelinePause> pauses) => pauses.Any(p => p.ResumedAt is null);
}

public static class Verdicts
{
    public const string OnTime = "OnTime";
    public const string Late = "Late";
    public const string Pending = "Pending";
    public const string NotJudged = "NotJudged";
}

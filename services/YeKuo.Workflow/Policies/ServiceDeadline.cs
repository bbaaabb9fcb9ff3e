using YeKuo.Workflow.Calendar;

namespace YeKuo.Workflow.Policies;

/// <summary>A customer-service task's due: the limit in force when the task started, counted in Chinese working days.</summary>
/// <param name="PolicyVersion">The time-limit document the limit comes from (the task keeps it).</param>
public sealed record ServiceDeadline(string PolicyVersion, int LimitWorkingDays, DateTimeOffset DueAt)
{
    /// <summary>
    /// The due of <paramref name="task"/> started at <paramref name="start"/>: the end of the N-th working day after the
    /// start's business day (the same rule as every step's clock), N from the document in force on that day.
    /// </summary>
    public static ServiceDeadline For(ServiceTask task, DateTimeOffset start, TimeLimitPolicyBook policies, WorkingDayCalendar calendar)
    {
        var (policy, limit) = policies.ServiceLimitOn(task, ChinaTime.BusinessDate(start));
        var clock = new SlaClock(calendar, start, limit.LimitWorkingDays);
        return new ServiceDeadline(policy.Version, limit.LimitWorkingDays, clock.UnpausedDue);
    }

    /// <summary>As <see cref="For"/>, or null when no document in force on the start's day sets a limit for the task.</summary>
    public static ServiceDeadline? TryFor(ServiceTask task, DateTimeOffset start, TimeLimitPolicyBook policies, WorkingDayCalendar calendar)
    {
        try
        {
            return For(task, start, policies, calendar);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}

using YeKuo.Contracts;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Policies;

namespace YeKuo.Workflow.Hosting.Deadlines;

/// <summary>
/// Computes due dates in Chinese working days from the policy version an application was accepted under. Steps that
/// share a clock (现场勘查 runs on the 供电方案答复 clock) keep the clock's start; pauses move the due date.
/// </summary>
public sealed class DeadlinePlanner(WorkingDayCalendar calendar, TimeLimitPolicyBook policies)
{
    public WorkingDayCalendar Calendar => calendar;

    public TimeLimitPolicyBook Policies => policies;

    /// <param name="clockStartedAt">When this step's clock started: now for a new clock, the owner's start for a shared one.</param>
    public StepDeadline For(CustomerClass customerClass, string policyVersion, Step step, DateTimeOffset clockStartedAt, IEnumerable<PauseInterval>? pauses = null)
    {
        var policy = policies.ForVersion(policyVersion);
        if (policy.LimitFor(customerClass, step).IsCustomerTime)
        {
            return StepDeadline.CustomerTime;
        }

        var clock = policy.ClockFor(customerClass, step);
        var sla = new SlaClock(calendar, clockStartedAt, clock.LimitWorkingDays, pauses);
        return new StepDeadline(clockStartedAt, clock.LimitWorkingDays, sla.Due);
    }

    /// <summary>Whether <paramref name="next"/> continues the clock that <paramref name="previous"/> ran on.</summary>
    public bool SharesClock(CustomerClass customerClass, string policyVersion, Step previous, Step next)
    {
        var policy = policies.ForVersion(policyVersion);
        if (policy.LimitFor(customerClass, previous).IsCustomerTime || policy.LimitFor(customerClass, next).IsCustomerTime)
        {
            return false;
        }
        return policy.ClockFor(customerClass, previous).Owner == policy.ClockFor(customerClass, next).Owner;
    }
}

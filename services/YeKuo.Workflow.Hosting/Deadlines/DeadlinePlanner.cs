using YeKuo.Contracts;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Policies;

namespace YeKuo.Workflow.Hosting.Deadlines;

/// <summary>
/// Computes due dates in Chinese working days from the policy version an application was accepted under. Steps that
/// share a clock (现场勘查 runs on the 供电方案答复 clock) keep the clock's start; pauses move the due date; a due that
/// reaches into a year without a published holiday notice says so.
/// </summary>
public sealed class DeadlinePlanner(WorkingDayCalendar calendar, TimeLimitPolicyBook policies)
{
    public WorkingDayCalendar Calendar => calendar;

    public TimeLimitPolicyBook Policies => policies;

    /// <param name="clockStartedAt">When this step's clock started: its start rule's moment for a new clock, the owner's start for a shared one.</param>
    public StepDeadline For(CustomerClass customerClass, string policyVersion, Step step, DateTimeOffset clockStartedAt, IEnumerable<PauseInterval>? pauses = null)
    {
        var policy = policies.ForVersion(policyVersion);
        if (policy.LimitFor(customerClass, step).IsCustomerTime)
        {
            return StepDeadline.CustomerTime;
        }

        var limit = policy.LimitFor(customerClass, policy.ClockOwnerOf(customerClass, step)).LimitWorkingDays!.Value;
        var sla = new SlaClock(calendar, clockStartedAt, limit, pauses);
        return new StepDeadline(clockStartedAt, limit, sla.Due, sla.AssumedYears);
    }

    /// <summary>Whether <paramref name="next"/> continues the clock that <paramref name="previous"/> ran on.</summary>
    public bool SharesClock(CustomerClass customerClass, string policyVersion, Step previous, Step next)
    {
        var policy = policies.ForVersion(policyVersion);
        if (policy.LimitFor(customerClass, previous).IsCustomerTime || policy.LimitFor(customerClass, next).IsCustomerTime)
        {
            return false;
        }
        return policy.ClockOwnerOf(customerClass, previous) == policy.ClockOwnerOf(customerClass, next);
    }

    /// <summary>
    /// Whether the customer step <paramref name="customerStep"/> sits inside the clock <paramref name="next"/> runs on
    /// (接入系统设计 inside 方案答复): that clock continues, the customer's time taken out.
    /// </summary>
    public bool IsExcludedFrom(CustomerClass customerClass, string policyVersion, Step customerStep, Step next, IReadOnlyList<Step> plan)
    {
        var policy = policies.ForVersion(policyVersion);
        return policy.LimitFor(customerClass, customerStep).IsCustomerTime
            && !policy.LimitFor(customerClass, next).IsCustomerTime
            && policy.ClockFor(customerClass, next, plan).Excluded.Contains(customerStep);
    }

    /// <summary>
    /// When a new clock for <paramref name="step"/> starts, opened after <paramref name="completed"/> finished at
    /// <paramref name="completedAt"/>: at that completion when the document's start rule names it (the customer's
    /// request, a passed check), else at <paramref name="now"/>. A customer step runs on no clock: when it opens.
    /// </summary>
    public DateTimeOffset ClockStart(CustomerClass customerClass, string policyVersion, Step step, Step completed, DateTimeOffset completedAt, DateTimeOffset now)
    {
        var policy = policies.ForVersion(policyVersion);
        if (policy.LimitFor(customerClass, step).IsCustomerTime)
        {
            return now;
        }
        // The clock's start rule is its owner's (现场勘查 opens the 方案答复 clock "自受理客户申请之日起").
        var start = policy.LimitFor(customerClass, policy.ClockOwnerOf(customerClass, step)).Start;
        return start?.After == completed && completedAt <= now ? completedAt : now;
    }
}

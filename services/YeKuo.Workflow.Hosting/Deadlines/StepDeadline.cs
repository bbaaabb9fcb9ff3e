namespace YeKuo.Workflow.Hosting.Deadlines;

/// <summary>The clock a work item runs on: when it started, its limit, and when it is due (null: not the company's time).</summary>
public sealed record StepDeadline(DateTimeOffset? ClockStartedAt, int? LimitWorkingDays, DateTimeOffset? DueAt)
{
    public static readonly StepDeadline CustomerTime = new(null, null, null);
}

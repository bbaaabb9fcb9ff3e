namespace YeKuo.Workflow.Hosting.Deadlines;

/// <summary>
/// The clock a work item runs on: when it started, its limit, when it is due (null: not the company's time), and the
/// years the due was computed for without a published holiday notice (weekends only: the due is provisional).
/// </summary>
public sealed record StepDeadline(DateTimeOffset? ClockStartedAt, int? LimitWorkingDays, DateTimeOffset? DueAt, IReadOnlyList<int> AssumedYears)
{
    public static readonly StepDeadline CustomerTime = new(null, null, null, []);
}

namespace YeKuo.Workflow.Calendar;

/// <summary>
/// A date computed from the calendar, with the years that had no published notice and were therefore
/// answered by the weekends-only fallback: a deadline computed on an assumption must say so, never silently.
/// </summary>
public sealed record WorkingDayResult(DateOnly Date, IReadOnlyList<int> AssumedYears)
{
    public bool IsAssumed => AssumedYears.Count > 0;
}

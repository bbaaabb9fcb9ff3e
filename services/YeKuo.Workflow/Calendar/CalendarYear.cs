namespace YeKuo.Workflow.Calendar;

/// <summary>
/// What the calendar knows about a year. <see cref="IsAssumed"/> is true when no notice is loaded for it:
/// then the lists are empty, <see cref="Source"/> is null and the year is answered weekends-only.
/// </summary>
public sealed record CalendarYear(
    int Year,
    IReadOnlyList<NamedDay> DaysOff,
    IReadOnlyList<NamedDay> ExtraWorkingDays,
    bool IsAssumed,
    SourceNotice? Source);

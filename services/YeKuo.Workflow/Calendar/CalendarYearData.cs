namespace YeKuo.Workflow.Calendar;

/// <summary>
/// One year's published holiday arrangement, as input to <see cref="WorkingDayCalendar"/>.
/// Days not listed follow the weekly rule (Mon–Fri work, Sat–Sun off).
/// </summary>
/// <param name="DaysOff">法定节假日 days off (may include weekend days).</param>
/// <param name="ExtraWorkingDays">调休 weekend days that are working days.</param>
public sealed record CalendarYearData(
    int Year,
    SourceNotice Source,
    IReadOnlyList<NamedDay> DaysOff,
    IReadOnlyList<NamedDay> ExtraWorkingDays);

namespace YeKuo.Schedule.Calendar;

/// <summary>
/// When the 方案审查会 (scheme review meeting) sits: on <see cref="Weekday"/> every <see cref="EveryWeeks"/> weeks,
/// counted from the week of <see cref="Anchor"/>. A meeting day that is not a working day (a holiday) is skipped:
/// the next sitting is the next regular one. Seed 004: moving the meeting so the work arrives just before it saves
/// up to a week of waiting.
/// </summary>
public sealed record MeetingRule
{
    public MeetingRule(DayOfWeek weekday, int everyWeeks = 1, DateOnly? anchor = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(everyWeeks, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(everyWeeks, 8);
        Weekday = weekday;
        EveryWeeks = everyWeeks;
        Anchor = anchor ?? new DateOnly(2024, 1, 1);
    }

    /// <summary>The default sitting: every Wednesday.</summary>
    public static MeetingRule WeeklyOnWednesday { get; } = new(DayOfWeek.Wednesday);

    public DayOfWeek Weekday { get; }

    public int EveryWeeks { get; }

    /// <summary>A date in a week with a sitting (for a fortnightly or rarer meeting).</summary>
    public DateOnly Anchor { get; }

    /// <summary>True when the date is a regular sitting day (before the working-day check).</summary>
    public bool IsSittingDay(DateOnly date)
    {
        if (date.DayOfWeek != Weekday) return false;
        if (EveryWeeks == 1) return true;
        var weeks = (MondayOf(date).DayNumber - MondayOf(Anchor).DayNumber) / 7;
        return ((weeks % EveryWeeks) + EveryWeeks) % EveryWeeks == 0;
    }

    public override string ToString() => EveryWeeks == 1 ? $"every {Weekday}" : $"every {EveryWeeks} weeks on {Weekday}";

    private static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}

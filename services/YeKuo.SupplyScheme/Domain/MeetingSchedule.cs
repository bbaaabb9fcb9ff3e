using YeKuo.Workflow.Calendar;

namespace YeKuo.SupplyScheme.Domain;

/// <summary>
/// The weekly 方案审查会: held on one weekday at one time of day (China time). A week whose meeting day is not a
/// working day (法定节假日) has no meeting; the scheme waits for the next one. The wait is the company's time: the
/// 供电方案答复 clock keeps running.
/// </summary>
public sealed class MeetingSchedule(DayOfWeek day, TimeOnly time, WorkingDayCalendar calendar)
{
    public DayOfWeek Day => day;

    public TimeOnly Time => time;

    /// <summary>The first meeting that begins after <paramref name="instant"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset instant)
    {
        var date = ChinaTime.BusinessDate(instant);
        date = date.AddDays(((int)day - (int)date.DayOfWeek + 7) % 7);
        for (var week = 0; week < 60; week++, date = date.AddDays(7))
        {
            var at = At(date);
            if (at > instant && calendar.IsWorkingDay(date))
            {
                return at;
            }
        }
        throw new InvalidOperationException($"No working {day} in the 60 weeks after {instant:yyyy-MM-dd}: check the working-day calendar.");
    }

    /// <summary>When the meeting of <paramref name="date"/> (China date) begins, as a UTC instant.</summary>
    public DateTimeOffset At(DateOnly date) => new DateTimeOffset(date.ToDateTime(time), ChinaTime.Offset).ToUniversalTime();
}

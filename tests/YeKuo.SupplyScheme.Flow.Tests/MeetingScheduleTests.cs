using YeKuo.SupplyScheme.Domain;
using YeKuo.Workflow.Calendar;

namespace YeKuo.SupplyScheme.Flow.Tests;

public sealed class MeetingScheduleTests
{
    private static readonly MeetingSchedule Wednesdays = new(DayOfWeek.Wednesday, new TimeOnly(14, 30), WorkingDayCalendar.LoadDefault());

    [Fact]
    public void A_scheme_approved_on_the_meeting_day_before_the_meeting_goes_to_that_days_meeting()
    {
        // Wed 2026-03-04 09:00 China.
        var next = Wednesdays.NextAfter(new DateTimeOffset(2026, 3, 4, 1, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 3, 4, 6, 30, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void A_meeting_day_that_is_a_public_holiday_has_no_meeting_and_the_scheme_waits_for_the_next_week()
    {
        // Thu 2026-02-12; Wed 2026-02-18 falls in the 春节 holiday (02-15..02-23).
        var next = Wednesdays.NextAfter(new DateTimeOffset(2026, 2, 12, 2, 0, 0, TimeSpan.Zero));

        Assert.False(WorkingDayCalendar.LoadDefault().IsWorkingDay(new DateOnly(2026, 2, 18)));
        Assert.Equal(new DateTimeOffset(2026, 2, 25, 6, 30, 0, TimeSpan.Zero), next);
    }
}

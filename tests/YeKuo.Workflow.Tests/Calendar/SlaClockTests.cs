using YeKuo.Workflow.Calendar;

namespace YeKuo.Workflow.Tests.Calendar;

public class SlaClockTests
{
    private static readonly WorkingDayCalendar Cal = WorkingDayCalendar.LoadDefault();

    /// <summary>An instant written in Beijing time.</summary>
    private static DateTimeOffset Cst(int y, int m, int d, int h = 0, int min = 0) =>
        new(y, m, d, h, min, 0, TimeSpan.FromHours(8));

    private static PauseInterval Pause(DateTimeOffset start, DateTimeOffset? end) => new(start, end, "客户资料不全");

    [Fact]
    public void Without_pauses_the_due_is_the_end_of_the_Nth_working_day_after_the_start_date()
    {
        var clock = new SlaClock(Cal, Cst(2026, 2, 13, 10), 1);

        Assert.Equal(Cst(2026, 2, 15), clock.UnpausedDue); // end of the working Saturday 02-14
        Assert.Equal(clock.UnpausedDue, clock.Due);
        Assert.Equal(TimeSpan.FromHours(14 + 24), clock.AllowedWorkingTime); // rest of Friday + Saturday
        Assert.Empty(clock.AssumedYears);
    }

    [Fact]
    public void A_clock_started_on_a_holiday_gets_the_next_working_days_only()
    {
        var clock = new SlaClock(Cal, Cst(2026, 2, 16, 10), 1); // 春节

        Assert.Equal(Cst(2026, 2, 25), clock.Due); // end of Tue 02-24
        Assert.Equal(TimeSpan.FromHours(24), clock.AllowedWorkingTime);
    }

    [Fact]
    public void A_pause_covering_one_whole_working_day_moves_the_due_by_one_working_day()
    {
        var clock = new SlaClock(Cal, Cst(2025, 3, 3, 10), 3, [Pause(Cst(2025, 3, 4), Cst(2025, 3, 5))]);

        Assert.Equal(Cst(2025, 3, 7), clock.UnpausedDue); // end of Thu 03-06
        Assert.Equal(Cst(2025, 3, 8), clock.Due); // end of Fri 03-07
    }

    [Fact]
    public void A_pause_over_a_weekend_moves_only_by_the_working_days_it_covers()
    {
        // Paused Fri 00:00 → Tue 00:00: Friday and Monday are working days, the weekend is not.
        var clock = new SlaClock(Cal, Cst(2025, 3, 6, 10), 2, [Pause(Cst(2025, 3, 7), Cst(2025, 3, 11))]);

        Assert.Equal(Cst(2025, 3, 11), clock.UnpausedDue); // end of Mon 03-10
        Assert.Equal(Cst(2025, 3, 13), clock.Due); // end of Wed 03-12
        Assert.Equal(TimeSpan.FromDays(2), clock.PausedWorkingTime(Cst(2025, 3, 20)));
    }

    [Fact]
    public void A_pause_on_non_working_days_only_does_not_move_the_due()
    {
        var clock = new SlaClock(Cal, Cst(2025, 3, 7, 10), 1, [Pause(Cst(2025, 3, 8), Cst(2025, 3, 10))]);

        Assert.Equal(clock.UnpausedDue, clock.Due);
    }

    [Fact]
    public void A_partial_pause_moves_the_due_by_the_paused_hours_into_the_next_working_day()
    {
        // 5 hours paused on Tuesday; the due at the end of Tuesday moves 5 working hours on.
        var clock = new SlaClock(Cal, Cst(2025, 3, 3, 10), 1, [Pause(Cst(2025, 3, 4, 9), Cst(2025, 3, 4, 14))]);

        Assert.Equal(Cst(2025, 3, 5), clock.UnpausedDue);
        Assert.Equal(Cst(2025, 3, 5, 5), clock.Due);
    }

    [Fact]
    public void A_partial_pause_across_a_weekend_counts_only_its_working_hours()
    {
        // Fri 20:00 → Mon 02:00: 4 hours on Friday + 2 on Monday.
        var clock = new SlaClock(Cal, Cst(2025, 3, 6, 10), 2, [Pause(Cst(2025, 3, 7, 20), Cst(2025, 3, 10, 2))]);

        Assert.Equal(TimeSpan.FromHours(6), clock.PausedWorkingTime(Cst(2025, 3, 12)));
        Assert.Equal(Cst(2025, 3, 11, 6), clock.Due); // end of Mon 03-10 + 6 h
    }

    [Fact]
    public void Overlapping_pauses_are_not_deducted_twice()
    {
        var clock = new SlaClock(Cal, Cst(2025, 3, 3, 10), 3,
            [Pause(Cst(2025, 3, 4), Cst(2025, 3, 5)), Pause(Cst(2025, 3, 4, 12), Cst(2025, 3, 4, 18))]);

        Assert.Equal(Cst(2025, 3, 8), clock.Due);
    }

    [Fact]
    public void Pause_time_before_the_start_is_ignored()
    {
        var clock = new SlaClock(Cal, Cst(2025, 3, 3, 10), 1, [Pause(Cst(2025, 3, 1), Cst(2025, 3, 3, 10))]);

        Assert.Equal(clock.UnpausedDue, clock.Due);
    }

    [Fact]
    public void An_open_pause_holds_the_clock_so_the_due_is_unknown_and_nothing_is_overdue()
    {
        var clock = new SlaClock(Cal, Cst(2025, 3, 3, 0), 2, [Pause(Cst(2025, 3, 4, 12), null)]);

        Assert.Null(clock.Due);
        Assert.False(clock.IsOverdue(Cst(2025, 6, 1)));
        Assert.Equal(Cst(2025, 3, 4, 12), clock.WarningMoment(0.5)); // reached exactly as the pause starts
        Assert.Null(clock.WarningMoment(0.8));
        Assert.Equal(0.5, clock.ElapsedFraction(Cst(2025, 6, 1)), 9); // frozen while paused
    }

    [Fact]
    public void Warning_moments_at_50_and_80_percent_and_the_due_follow_working_time()
    {
        // Mon 00:00, 2 WD: due end of Wed, allowed 72 h (Mon, Tue, Wed).
        var clock = new SlaClock(Cal, Cst(2025, 3, 3), 2);

        Assert.Equal(TimeSpan.FromHours(72), clock.AllowedWorkingTime);
        Assert.Equal(Cst(2025, 3, 4, 12), clock.WarningMoment(0.5));
        Assert.Equal(Cst(2025, 3, 5, 9, 36), clock.WarningMoment(0.8));
        Assert.Equal(clock.Due, clock.WarningMoment(1.0));
        Assert.Equal(Cst(2025, 3, 6), clock.Due);
    }

    [Fact]
    public void Warning_moments_skip_the_weekend()
    {
        // Fri 00:00, 1 WD: due end of Monday, allowed 48 h (Friday + Monday).
        var clock = new SlaClock(Cal, Cst(2025, 3, 7), 1);

        Assert.Equal(Cst(2025, 3, 8), clock.WarningMoment(0.5)); // Friday fully spent
        Assert.Equal(0.5, clock.ElapsedFraction(Cst(2025, 3, 9, 15)), 9); // unchanged over the weekend
        Assert.Equal(Cst(2025, 3, 10, 14, 24), clock.WarningMoment(0.8));
        Assert.Equal(Cst(2025, 3, 11), clock.WarningMoment(1.0));
    }

    [Fact]
    public void Warning_moments_move_with_pauses_and_the_full_fraction_is_the_due()
    {
        var clock = new SlaClock(Cal, Cst(2025, 3, 3), 2, [Pause(Cst(2025, 3, 4), Cst(2025, 3, 5))]);

        Assert.Equal(Cst(2025, 3, 5, 12), clock.WarningMoment(0.5)); // Tuesday paused
        Assert.Equal(Cst(2025, 3, 7), clock.Due);
        Assert.Equal(clock.Due, clock.WarningMoment(1.0));
    }

    [Fact]
    public void The_elapsed_fraction_excludes_pauses_and_passes_one_after_the_due()
    {
        var clock = new SlaClock(Cal, Cst(2025, 3, 3), 2, [Pause(Cst(2025, 3, 4), Cst(2025, 3, 5))]);

        Assert.Equal(0.0, clock.ElapsedFraction(Cst(2025, 3, 2)));
        Assert.Equal(1.0 / 3, clock.ElapsedFraction(Cst(2025, 3, 4)), 9);
        Assert.Equal(1.0 / 3, clock.ElapsedFraction(Cst(2025, 3, 4, 18)), 9);
        Assert.Equal(1.0, clock.ElapsedFraction(clock.Due!.Value), 9);
        Assert.False(clock.IsOverdue(clock.Due.Value));
        Assert.True(clock.IsOverdue(clock.Due.Value.AddSeconds(1)));
        Assert.True(clock.ElapsedFraction(Cst(2025, 3, 10, 1)) > 1);
    }

    [Fact]
    public void A_clock_running_into_an_unpublished_year_reports_it()
    {
        var clock = new SlaClock(Cal, Cst(2026, 12, 30, 9), 5);

        Assert.Equal([2027], clock.AssumedYears);
        Assert.Equal(Cst(2027, 1, 7), clock.Due);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(1001)]
    public void A_limit_outside_one_to_1000_working_days_is_rejected(int limit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlaClock(Cal, Cst(2025, 3, 3), limit));

    [Fact]
    public void A_pause_ending_before_it_starts_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Pause(Cst(2025, 3, 4), Cst(2025, 3, 3)));

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void A_warning_fraction_that_is_not_positive_is_rejected(double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlaClock(Cal, Cst(2025, 3, 3), 1).WarningMoment(fraction));
}

using YeKuo.Contracts;
using YeKuo.Schedule.Calendar;
using YeKuo.Schedule.Network;

namespace YeKuo.Schedule.Tests;

/// <summary>The weekly 方案审查会: a meeting activity finishes only at a sitting, on working days.</summary>
public sealed class MeetingConstraintTests
{
    // Reviews (2 WD) → 方案审查会 (1 WD, only at a sitting) → 方案答复 (1 WD).
    private static ScheduleNetwork Network(MeetingRule rule) => new(
    [
        ActivityDefinition.Of("评审", 2),
        new ActivityDefinition("方案审查会", "方案审查会", Department.SupplyScheme, Step.SchemeReply, 1, [new Dependency("评审")], FinishesAtMeeting: true),
        ActivityDefinition.Of("方案答复", 1, "方案审查会"),
    ], new ScheduleCalendar(WorkingDayTimeline.Default, rule));

    [Fact]
    public void Reviews_done_on_a_Wednesday_wait_for_next_Wednesdays_sitting()
    {
        // Start Monday 2026-03-02: reviews finish Wednesday 03-04; the meeting needs a day, the next sitting is 03-11.
        var plan = Network(MeetingRule.WeeklyOnWednesday).Plan(new DateOnly(2026, 3, 2));

        Assert.Equal(new DateOnly(2026, 3, 4), plan["评审"].FinishDate);
        Assert.Equal(new DateOnly(2026, 3, 11), plan["方案审查会"].FinishDate);
        Assert.Equal(4, plan["方案审查会"].MeetingWait);
        Assert.Equal(new DateOnly(2026, 3, 12), plan.FinishDate);
    }

    [Fact]
    public void The_wait_before_the_meeting_is_float_for_the_reviews()
    {
        var plan = Network(MeetingRule.WeeklyOnWednesday).Plan(new DateOnly(2026, 3, 2));

        // The reviews could finish as late as Tuesday 03-10 and still make the 03-11 sitting.
        Assert.Equal(4, plan["评审"].TotalFloat);
        Assert.Equal(4, plan["评审"].FreeFloat);
        Assert.Equal(new DateOnly(2026, 3, 10), plan["评审"].LatestFinishDate);
        Assert.True(plan["方案审查会"].IsCritical);
    }

    [Fact]
    public void Moving_the_meeting_to_Thursday_saves_the_week()
    {
        var plan = Network(new MeetingRule(DayOfWeek.Thursday)).Plan(new DateOnly(2026, 3, 2));

        Assert.Equal(new DateOnly(2026, 3, 5), plan["方案审查会"].FinishDate);
        Assert.Equal(0, plan["方案审查会"].MeetingWait);
        Assert.Equal(new DateOnly(2026, 3, 6), plan.FinishDate);
    }

    [Fact]
    public void A_fortnightly_meeting_sits_only_in_the_anchor_weeks()
    {
        // Sittings on Wednesdays 03-04, 03-18, …: reviews done 03-04 wait for 03-18.
        var rule = new MeetingRule(DayOfWeek.Wednesday, everyWeeks: 2, anchor: new DateOnly(2026, 3, 4));
        var plan = Network(rule).Plan(new DateOnly(2026, 3, 2));

        Assert.Equal(new DateOnly(2026, 3, 18), plan["方案审查会"].FinishDate);
        Assert.Equal(9, plan["方案审查会"].MeetingWait);
    }

    [Fact]
    public void A_sitting_that_falls_on_a_holiday_is_skipped()
    {
        // Reviews finish Wednesday 2026-09-30; Wednesday 10-07 is 国庆节, so the meeting sits on 10-14.
        var plan = Network(MeetingRule.WeeklyOnWednesday).Plan(new DateOnly(2026, 9, 28));

        Assert.Equal(new DateOnly(2026, 9, 30), plan["评审"].FinishDate);
        Assert.Equal(new DateOnly(2026, 10, 14), plan["方案审查会"].FinishDate);
    }
}

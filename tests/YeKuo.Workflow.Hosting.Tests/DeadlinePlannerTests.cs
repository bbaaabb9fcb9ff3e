using YeKuo.Contracts;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Hosting.Deadlines;
using YeKuo.Workflow.Policies;

namespace YeKuo.Workflow.Hosting.Tests;

public sealed class DeadlinePlannerTests
{
    private const string Current = "YK-TL-2024";
    private const string Sgcc = "SGCC-YK-KH";

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private readonly DeadlinePlanner _planner = new(WorkingDayCalendar.LoadDefault(), TimeLimitPolicyBook.LoadDefault());

    /// <summary>The end of a China business day (24:00 +08:00), as the planner reports due instants.</summary>
    private static DateTimeOffset EndOfChinaDay(int year, int month, int day) =>
        new DateTimeOffset(year, month, day, 0, 0, 0, China).AddDays(1);

    [Fact]
    public void HV_single_source_scheme_reply_is_due_at_the_end_of_the_10th_working_day_after_acceptance()
    {
        // Mon 2026-03-02 10:00 in China; 10 WD later is Mon 2026-03-16.
        var accepted = new DateTimeOffset(2026, 3, 2, 10, 0, 0, China);

        var deadline = _planner.For(CustomerClass.HighVoltageSingleSource, Current, Step.SchemeReply, accepted);

        Assert.Equal(accepted, deadline.ClockStartedAt);
        Assert.Equal(10, deadline.LimitWorkingDays);
        Assert.Equal(EndOfChinaDay(2026, 3, 16), deadline.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 16, 0, 0, TimeSpan.Zero), deadline.DueAt);
    }

    [Fact]
    public void The_acceptance_date_is_taken_in_China_time_not_in_UTC()
    {
        // 17:30 UTC on Mon 2026-03-02 is already Tue 2026-03-03 01:30 in China: the clock counts from Tuesday.
        var accepted = new DateTimeOffset(2026, 3, 2, 17, 30, 0, TimeSpan.Zero);

        var deadline = _planner.For(CustomerClass.HighVoltageSingleSource, Current, Step.SchemeReply, accepted);

        Assert.Equal(EndOfChinaDay(2026, 3, 17), deadline.DueAt);
    }

    [Fact]
    public void HV_dual_source_scheme_reply_has_20_working_days()
    {
        var accepted = new DateTimeOffset(2026, 3, 2, 10, 0, 0, China);

        var deadline = _planner.For(CustomerClass.HighVoltageDualSource, Current, Step.SchemeReply, accepted);

        Assert.Equal(20, deadline.LimitWorkingDays);
        Assert.Equal(EndOfChinaDay(2026, 3, 30), deadline.DueAt);
    }

    [Fact]
    public void Site_survey_runs_on_the_scheme_reply_clock()
    {
        var accepted = new DateTimeOffset(2026, 3, 2, 10, 0, 0, China);

        var survey = _planner.For(CustomerClass.HighVoltageSingleSource, Current, Step.SiteSurvey, accepted);
        var reply = _planner.For(CustomerClass.HighVoltageSingleSource, Current, Step.SchemeReply, accepted);

        Assert.Equal(reply, survey);
        Assert.True(_planner.SharesClock(CustomerClass.HighVoltageSingleSource, Current, Step.SiteSurvey, Step.SchemeReply));
    }

    [Theory]
    [InlineData(Step.Acceptance, Step.SiteSurvey)]
    [InlineData(Step.SchemeReply, Step.SchemeConfirmation)]
    [InlineData(Step.SchemeConfirmation, Step.DesignSubmission)]
    [InlineData(Step.DesignSubmission, Step.DesignReview)]
    [InlineData(Step.DesignReview, Step.IntermediateInspection)]
    [InlineData(Step.CompletionAcceptance, Step.SupplyContract)]
    public void Steps_on_different_clocks_do_not_share_one(Step previous, Step next) =>
        Assert.False(_planner.SharesClock(CustomerClass.HighVoltageSingleSource, Current, previous, next));

    [Fact]
    public void Supply_contract_and_power_connection_share_the_connection_clock() =>
        Assert.True(_planner.SharesClock(CustomerClass.HighVoltageSingleSource, Current, Step.SupplyContract, Step.PowerConnection));

    [Fact]
    public void In_the_zero_service_plan_the_survey_runs_on_the_connection_clock()
    {
        var opened = new DateTimeOffset(2026, 3, 2, 10, 0, 0, China);

        var survey = _planner.For(CustomerClass.Residential, Current, Step.SiteSurvey, opened);

        Assert.Equal(2, survey.LimitWorkingDays);
        Assert.Equal(EndOfChinaDay(2026, 3, 4), survey.DueAt);
        Assert.True(_planner.SharesClock(CustomerClass.Residential, Current, Step.SiteSurvey, Step.PowerConnection));
    }

    [Fact]
    public void Scheme_confirmation_is_customer_time_with_no_clock_and_no_due()
    {
        var deadline = _planner.For(CustomerClass.HighVoltageSingleSource, Current, Step.SchemeConfirmation, DateTimeOffset.UtcNow);

        Assert.Same(StepDeadline.CustomerTime, deadline);
        Assert.Null(deadline.DueAt);
        Assert.Null(deadline.LimitWorkingDays);
        Assert.Null(deadline.ClockStartedAt);
    }

    [Fact]
    public void Acceptance_on_Friday_2026_02_13_is_due_on_the_working_Saturday_2026_02_14()
    {
        var received = new DateTimeOffset(2026, 2, 13, 15, 0, 0, China);

        var deadline = _planner.For(CustomerClass.HighVoltageSingleSource, Current, Step.Acceptance, received);

        Assert.Equal(1, deadline.LimitWorkingDays);
        Assert.Equal(EndOfChinaDay(2026, 2, 14), deadline.DueAt);
        Assert.Equal(DayOfWeek.Saturday, new DateOnly(2026, 2, 14).DayOfWeek);
    }

    [Fact]
    public void A_pause_of_one_whole_working_day_moves_the_due_one_working_day_later()
    {
        var opened = new DateTimeOffset(2026, 3, 2, 10, 0, 0, China);
        // Mon 10:00 → Tue 10:00: 24 working hours on the clock's unit.
        var pause = new PauseInterval(opened, opened.AddDays(1), "客户原因");

        var deadline = _planner.For(CustomerClass.HighVoltageSingleSource, Current, Step.DesignReview, opened, [pause]);

        Assert.Equal(EndOfChinaDay(2026, 3, 10), deadline.DueAt);
        Assert.Equal(EndOfChinaDay(2026, 3, 9), _planner.For(CustomerClass.HighVoltageSingleSource, Current, Step.DesignReview, opened).DueAt);
    }

    [Fact]
    public void An_application_keeps_the_limits_of_the_version_it_was_accepted_under()
    {
        var accepted = new DateTimeOffset(2026, 3, 2, 10, 0, 0, China);

        var old = _planner.For(CustomerClass.HighVoltageSingleSource, Sgcc, Step.SchemeReply, accepted);

        Assert.Equal(15, old.LimitWorkingDays);
    }

    [Theory]
    [InlineData(Step.DesignSubmission, Step.DesignReview, true)]
    [InlineData(Step.CompletionReport, Step.CompletionAcceptance, true)]
    [InlineData(Step.SchemeConfirmation, Step.DesignReview, false)]
    [InlineData(Step.Acceptance, Step.SiteSurvey, true)]
    public void A_new_clock_starts_at_the_completion_its_start_rule_names_else_when_the_step_opens(Step completed, Step opened, bool atCompletion)
    {
        var requested = new DateTimeOffset(2026, 3, 2, 10, 0, 0, China);
        var now = requested.AddMinutes(3);

        var start = _planner.ClockStart(CustomerClass.HighVoltageSingleSource, Current, opened, completed, requested, now);

        Assert.Equal(atCompletion ? requested : now, start);
    }

    [Fact]
    public void A_due_computed_into_a_year_without_a_holiday_notice_says_which_year_was_assumed()
    {
        // 5 working days from Mon 2026-12-28 end in January 2027, whose holiday notice is not out yet.
        var opened = new DateTimeOffset(2026, 12, 28, 10, 0, 0, China);

        var deadline = _planner.For(CustomerClass.HighVoltageSingleSource, Current, Step.DesignReview, opened);

        Assert.Equal([2027], deadline.AssumedYears);
        Assert.Empty(_planner.For(CustomerClass.HighVoltageSingleSource, Current, Step.DesignReview, opened.AddMonths(-6)).AssumedYears);
    }

    [Fact]
    public void An_unknown_policy_version_is_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            _planner.For(CustomerClass.HighVoltageSingleSource, "no-such-version", Step.SchemeReply, DateTimeOffset.UtcNow));
    }
}

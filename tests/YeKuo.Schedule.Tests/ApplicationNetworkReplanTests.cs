using YeKuo.Contracts;
using YeKuo.Schedule.Calendar;
using YeKuo.Schedule.Network;
using YeKuo.Schedule.Templates;
using static YeKuo.Schedule.Templates.ActivityIds;

namespace YeKuo.Schedule.Tests;

/// <summary>The high-voltage application network: parallel branches have float, and a re-plan follows each event.</summary>
public sealed class ApplicationNetworkReplanTests
{
    private static readonly WorkingDayTimeline Timeline = WorkingDayTimeline.Default;
    private static readonly ApplicationNetwork Hv = ApplicationNetworks.For(CustomerClass.HighVoltageSingleSource, ApplicationKind.NewConnection);

    // Submitted Friday 2026-03-06: the reviews end on Tuesday 03-17 and the meeting sits on Wednesday 03-18, so the
    // plan has no meeting wait and the chain up to the meeting is critical.
    private static readonly DateOnly Submitted = new(2026, 3, 6);

    [Fact]
    public void The_high_voltage_plan_has_float_on_the_parallel_branches_and_none_on_the_critical_path()
    {
        var plan = Hv.Network.Plan(Submitted);

        // Joint survey: 营销 takes 1 day beside 运检's 2. Reviews: 计量 (1) beside 运检 (2). Contract and fees beside construction.
        Assert.Equal(1, plan[SurveyMarketing].TotalFloat);
        Assert.True(plan[ReviewMetering].TotalFloat >= 1);
        Assert.True(plan[SupplyContract].TotalFloat > 20);
        Assert.True(plan[Payment].FreeFloat > 20);
        Assert.All(plan.CriticalPath, a => Assert.Equal(0, a.TotalFloat));
        Assert.Contains(plan.CriticalPath, a => a.Id == Construction);
        Assert.Contains(plan.CriticalPath, a => a.Id == SchemeMeeting);
        Assert.DoesNotContain(plan.CriticalPath, a => a.Id == SupplyContract);
    }

    [Fact]
    public void A_critical_scheme_drafting_slip_moves_the_power_on_date_by_the_slip_across_the_meeting_week()
    {
        var start = Timeline.IndexOf(Submitted);
        var plan = Hv.Network.Plan(start);
        Assert.True(plan[SchemeDrafting].IsCritical);
        Assert.Equal(new DateOnly(2026, 3, 18), plan[SchemeMeeting].FinishDate);
        Assert.Equal(0, plan[SchemeMeeting].MeetingWait);

        // Events so far: accepted in 1 day, both surveys done on plan; 方案编制 started on plan and is still open
        // 2 days past its planned finish.
        var drafting = plan[SchemeDrafting];
        var progress = new Dictionary<string, ActivityProgress>
        {
            [Acceptance] = ActivityProgress.Finished(start, start + 1),
            [SurveyMarketing] = ActivityProgress.Finished(start + 1, start + 2),
            [SurveyOperations] = ActivityProgress.Finished(start + 1, start + 3),
            [SchemeDrafting] = ActivityProgress.Started(start + drafting.EarliestStart),
        };
        var status = start + drafting.EarliestFinish + 2;

        var replan = Hv.Network.Replan(start, status, progress);

        Assert.Equal(ActivityState.InProgress, replan[SchemeDrafting].State);
        Assert.Equal(status + 1 - start, replan[SchemeDrafting].EarliestFinish); // cannot finish before tomorrow
        // The reviews now end after Wednesday's sitting: the meeting moves a whole week, and the job with it; the
        // drafting and the reviews get 2 days of float until the next sitting, which is now what drives the job.
        Assert.Equal(2, replan[SchemeDrafting].TotalFloat);
        Assert.Equal(2, replan[ReviewOperations].TotalFloat);
        Assert.True(replan[SchemeMeeting].IsCritical);
        Assert.Equal(2, replan[SchemeMeeting].MeetingWait);
        Assert.Equal(plan[SchemeMeeting].FinishDate.AddDays(7), replan[SchemeMeeting].FinishDate);
        Assert.Equal(plan.Duration + 5, replan.Duration);
        Assert.Equal(ActivityState.Done, replan[Acceptance].State);
        Assert.False(replan[Acceptance].IsCritical);
    }

    [Fact]
    public void A_slip_within_the_float_of_a_parallel_branch_keeps_the_power_on_date()
    {
        var start = Timeline.IndexOf(Submitted);
        var plan = Hv.Network.Plan(start);
        var progress = new Dictionary<string, ActivityProgress>
        {
            [Acceptance] = ActivityProgress.Finished(start, start + 1),
            [SurveyOperations] = ActivityProgress.Finished(start + 1, start + 3),
            // 营销 surveyed a day late: within its one day of float.
            [SurveyMarketing] = ActivityProgress.Finished(start + 1, start + 3),
        };

        var replan = Hv.Network.Replan(start, start + 3, progress);

        Assert.Equal(plan.FinishDate, replan.FinishDate);
    }

    [Fact]
    public void The_variance_against_the_plan_reads_a_late_parallel_review_as_seed_004_does()
    {
        var start = Timeline.IndexOf(Submitted);
        var plan = Hv.Network.Plan(start);
        var review = plan[ReviewMetering];
        var progress = new Dictionary<string, ActivityProgress>
        {
            [Acceptance] = ActivityProgress.Finished(start, start + 1),
            [SurveyMarketing] = ActivityProgress.Finished(start + 1, start + 2),
            [SurveyOperations] = ActivityProgress.Finished(start + 1, start + 3),
            [SchemeDrafting] = ActivityProgress.Finished(start + 3, start + 5),
            [ReviewOperations] = ActivityProgress.Finished(start + 5, start + 7),
            [ReviewDispatch] = ActivityProgress.Finished(start + 5, start + 6),
            [DispatchCountersign] = ActivityProgress.Finished(start + 6, start + 7),
            // 评审-计量 planned 1 day with 1 day of float; it took 3.
            [ReviewMetering] = ActivityProgress.Finished(start + review.EarliestStart, start + review.EarliestStart + 3),
        };

        var variance = ScheduleVariance.Compare(plan, Hv.Network.Replan(start, start + review.EarliestStart + 3, progress));

        var row = variance.Activities.Single(a => a.Id == ReviewMetering);
        Assert.Equal((2, 1, 1), (row.FinishVariance, row.PlannedTotalFloat, row.PlannedFreeFloat));
        Assert.True(row.DelaysJob);
        Assert.True(row.MovesSuccessors);
        Assert.False(row.WasCritical);
        // One day past the float makes the reviews miss Wednesday's sitting: the job moves a whole meeting week.
        Assert.Equal(5, variance.FinishVariance);
    }

    [Fact]
    public void Progress_after_the_status_date_is_refused()
    {
        var start = Timeline.IndexOf(Submitted);
        var progress = new Dictionary<string, ActivityProgress> { [Acceptance] = ActivityProgress.Finished(start, start + 5) };

        Assert.Throws<ArgumentException>(() => Hv.Network.Replan(start, start + 2, progress));
    }
}

using YeKuo.Schedule.Calendar;
using YeKuo.Schedule.Network;

namespace YeKuo.Schedule.Tests;

/// <summary>
/// The worked example of seed 004's deviation analysis (an HV network in working days; reviews in parallel, the supply
/// contract beside completion acceptance). Its table is brought here as data: activity, predecessors, duration, and the
/// expected ES, EF, LS, LF, total float, free float and critical flag. Project duration 24 WD.
/// </summary>
public sealed class CpmWorkedExampleTests
{
    private static readonly (string Name, string[] After, int Days, int Es, int Ef, int Ls, int Lf, int Tf, int Ff, bool Critical)[] Table =
    [
        ("受理", [], 1, 0, 1, 0, 1, 0, 0, true),
        ("现场勘查", ["受理"], 2, 1, 3, 1, 3, 0, 0, true),
        ("方案编制", ["现场勘查"], 3, 3, 6, 3, 6, 0, 0, true),
        ("评审-运检", ["方案编制"], 3, 6, 9, 6, 9, 0, 0, true),
        ("评审-调度", ["方案编制"], 1, 6, 7, 7, 8, 1, 0, false),
        ("调度会签", ["评审-调度"], 1, 7, 8, 8, 9, 1, 1, false),
        ("评审-计量", ["方案编制"], 2, 6, 8, 7, 9, 1, 1, false),
        ("方案答复", ["评审-运检", "调度会签", "评审-计量"], 1, 9, 10, 9, 10, 0, 0, true),
        ("设计审查", ["方案答复"], 5, 10, 15, 10, 15, 0, 0, true),
        ("中间检查", ["设计审查"], 3, 15, 18, 15, 18, 0, 0, true),
        ("竣工验收", ["中间检查"], 3, 18, 21, 18, 21, 0, 0, true),
        ("供用电合同", ["中间检查"], 2, 18, 20, 19, 21, 1, 1, false),
        ("装表接电", ["竣工验收", "供用电合同"], 3, 21, 24, 21, 24, 0, 0, true),
    ];

    private static readonly DateOnly Start = new(2026, 3, 2); // a Monday with no holiday in the next five weeks

    private static ScheduleNetwork Network() => new(
        Table.Select(r => ActivityDefinition.Of(r.Name, r.Days, r.After.Select(a => new Dependency(a)).ToArray())),
        ScheduleCalendar.Default);

    [Fact]
    public void The_plan_matches_every_figure_of_the_worked_example()
    {
        var plan = Network().Plan(Start);

        Assert.Equal(24, plan.Duration);
        foreach (var row in Table)
        {
            var a = plan[row.Name];
            Assert.Equal(
                (row.Es, row.Ef, row.Ls, row.Lf, row.Tf, row.Ff, row.Critical),
                (a.EarliestStart, a.EarliestFinish, a.LatestStart, a.LatestFinish, a.TotalFloat, a.FreeFloat, a.IsCritical));
        }

        Assert.Equal(["受理", "现场勘查", "方案编制", "评审-运检", "方案答复", "设计审查", "中间检查", "竣工验收", "装表接电"],
            plan.CriticalPath.Select(a => a.Id));
    }

    [Fact]
    public void The_plan_puts_the_finish_on_the_24th_working_day_after_the_start()
    {
        var plan = Network().Plan(Start);

        // 24 working days after Monday 2026-03-02 (four full weeks to Monday 03-30, then four more days), no holiday between.
        Assert.Equal(new DateOnly(2026, 4, 3), plan.FinishDate);
        Assert.Equal(new DateOnly(2026, 3, 2), plan["受理"].StartDate);
        Assert.Equal(new DateOnly(2026, 3, 3), plan["受理"].FinishDate);
    }

    [Fact]
    public void A_dispatch_review_one_day_late_keeps_the_finish_but_moves_the_countersign_and_uses_its_float()
    {
        var plan = Network().WithDurations(new Dictionary<string, int> { ["评审-调度"] = 2 }).Plan(Start);

        Assert.Equal(24, plan.Duration);
        Assert.Equal(8, plan["调度会签"].EarliestStart);
        Assert.Equal(0, plan["调度会签"].TotalFloat);
    }

    [Fact]
    public void A_metering_review_one_day_late_moves_nothing_else()
    {
        var before = Network().Plan(Start);
        var after = Network().WithDurations(new Dictionary<string, int> { ["评审-计量"] = 3 }).Plan(Start);

        Assert.Equal(24, after.Duration);
        Assert.All(after.Activities.Where(a => a.Id != "评审-计量"), a => Assert.Equal(before[a.Id].EarliestStart, a.EarliestStart));
    }

    [Fact]
    public void A_design_review_that_took_6_days_is_critical_and_the_replan_finishes_at_25()
    {
        var network = Network();
        var start = ScheduleCalendar.Default.Timeline.IndexOf(Start);
        // Re-plan at the end of the day 设计审查 finished (day 16 instead of 15) with the actual dates so far.
        var progress = Table.Where(r => r.Ef <= 10).ToDictionary(r => r.Name, r => ActivityProgress.Finished(start + r.Es, start + r.Ef));
        progress["设计审查"] = ActivityProgress.Finished(start + 10, start + 16);

        var replan = network.Replan(start, start + 16, progress);

        Assert.Equal(25, replan.Duration);
        Assert.Equal(ActivityState.Done, replan["设计审查"].State);
        Assert.False(replan["设计审查"].IsCritical); // done: no longer part of the remaining critical path
        Assert.Equal(16, replan["中间检查"].EarliestStart);
        Assert.True(replan["中间检查"].IsCritical);
    }

    [Fact]
    public void A_supply_contract_2_days_late_exceeds_its_float_delays_the_job_and_becomes_critical()
    {
        var plan = Network().WithDurations(new Dictionary<string, int> { ["供用电合同"] = 4 }).Plan(Start);

        Assert.Equal(25, plan.Duration);
        Assert.True(plan["供用电合同"].IsCritical);
        Assert.False(plan["竣工验收"].IsCritical);
    }
}

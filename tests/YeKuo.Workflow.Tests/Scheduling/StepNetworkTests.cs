using YeKuo.Workflow.Scheduling;

namespace YeKuo.Workflow.Tests.Scheduling;

/// <summary>The worked critical-path example of the 进度偏差分析 method (planned HV step network, floats and deviations), as data.</summary>
public class StepNetworkTests
{
    private static StepNetwork WorkedExample() => new(
    [
        new Activity("受理", 1),
        new Activity("现场勘查", 2, "受理"),
        new Activity("方案编制", 3, "现场勘查"),
        new Activity("评审-运检", 3, "方案编制"),
        new Activity("评审-调度", 1, "方案编制"),
        new Activity("调度会签", 1, "评审-调度"),
        new Activity("评审-计量", 2, "方案编制"),
        new Activity("方案答复", 1, "评审-运检", "调度会签", "评审-计量"),
        new Activity("设计审查", 5, "方案答复"),
        new Activity("中间检查", 3, "设计审查"),
        new Activity("竣工验收", 3, "中间检查"),
        new Activity("供用电合同", 2, "中间检查"),
        new Activity("装表接电", 3, "竣工验收", "供用电合同"),
    ]);

    [Theory]
    [InlineData("受理", 0, 1, 0, 1, 0, 0, true)]
    [InlineData("现场勘查", 1, 3, 1, 3, 0, 0, true)]
    [InlineData("方案编制", 3, 6, 3, 6, 0, 0, true)]
    [InlineData("评审-运检", 6, 9, 6, 9, 0, 0, true)]
    [InlineData("评审-调度", 6, 7, 7, 8, 1, 0, false)]
    [InlineData("调度会签", 7, 8, 8, 9, 1, 1, false)]
    [InlineData("评审-计量", 6, 8, 7, 9, 1, 1, false)]
    [InlineData("方案答复", 9, 10, 9, 10, 0, 0, true)]
    [InlineData("设计审查", 10, 15, 10, 15, 0, 0, true)]
    [InlineData("中间检查", 15, 18, 15, 18, 0, 0, true)]
    [InlineData("竣工验收", 18, 21, 18, 21, 0, 0, true)]
    [InlineData("供用电合同", 18, 20, 19, 21, 1, 1, false)]
    [InlineData("装表接电", 21, 24, 21, 24, 0, 0, true)]
    public void The_worked_example_schedule_matches_the_table(string name, int es, int ef, int ls, int lf, int tf, int ff, bool critical)
    {
        var a = WorkedExample()[name];

        Assert.Equal((es, ef, ls, lf, tf, ff, critical), (a.EarliestStart, a.EarliestFinish, a.LatestStart, a.LatestFinish, a.TotalFloat, a.FreeFloat, a.IsCritical));
    }

    [Fact]
    public void The_worked_example_takes_24_working_days()
    {
        var network = WorkedExample();

        Assert.Equal(24, network.ProjectDuration);
        Assert.Equal(13, network.Activities.Count);
        Assert.Equal(9, network.CriticalActivities.Count);
    }

    [Fact]
    public void A_late_activity_within_its_total_float_but_beyond_its_free_float_moves_its_successor_only()
    {
        var d = WorkedExample().AnalyseDeviation("评审-调度", 2);

        Assert.Equal(1, d.Deviation);
        Assert.False(d.WasCritical);
        Assert.False(d.DelaysProject);
        Assert.Equal(24, d.NewProjectDuration);
        var shifted = Assert.Single(d.ShiftedActivities);
        Assert.Equal(new ShiftedActivity("调度会签", 7, 8), shifted);
        Assert.Equal(0, d.Revised["调度会签"].TotalFloat);
    }

    [Fact]
    public void A_late_activity_within_its_free_float_moves_nothing_else()
    {
        var d = WorkedExample().AnalyseDeviation("评审-计量", 3);

        Assert.Equal(1, d.Deviation);
        Assert.False(d.DelaysProject);
        Assert.False(d.MovesSuccessors);
        Assert.Equal(24, d.NewProjectDuration);
    }

    [Fact]
    public void A_late_critical_activity_delays_the_whole_job_day_for_day()
    {
        var d = WorkedExample().AnalyseDeviation("设计审查", 6);

        Assert.True(d.WasCritical);
        Assert.True(d.DelaysProject);
        Assert.Equal(1, d.ProjectDelay);
        Assert.Equal(25, d.NewProjectDuration);
        Assert.Contains(d.ShiftedActivities, s => s.Name == "装表接电" && s.NewEarliestStart == 22);
    }

    [Fact]
    public void A_deviation_beyond_the_total_float_delays_the_job_by_the_excess_and_makes_the_activity_critical()
    {
        var d = WorkedExample().AnalyseDeviation("供用电合同", 4);

        Assert.Equal(2, d.Deviation);
        Assert.Equal(1, d.ProjectDelay); // 2 − total float 1
        Assert.Equal(25, d.NewProjectDuration);
        Assert.True(d.BecomesCritical);
        Assert.True(d.Revised["供用电合同"].IsCritical);
    }

    [Fact]
    public void A_cycle_is_rejected_with_a_clear_message()
    {
        var ex = Assert.Throws<InvalidStepNetworkException>(() => new StepNetwork(
        [
            new Activity("A", 1, "C"),
            new Activity("B", 1, "A"),
            new Activity("C", 1, "B"),
        ]));

        Assert.Contains("cycle", ex.Message);
    }

    [Fact]
    public void An_unknown_predecessor_is_rejected_with_its_name()
    {
        var ex = Assert.Throws<InvalidStepNetworkException>(() => new StepNetwork([new Activity("A", 1, "幽灵")]));

        Assert.Contains("幽灵", ex.Message);
    }

    [Fact]
    public void Duplicate_names_and_negative_durations_are_rejected()
    {
        Assert.Throws<InvalidStepNetworkException>(() => new StepNetwork([new Activity("A", 1), new Activity("A", 2)]));
        Assert.Throws<InvalidStepNetworkException>(() => new StepNetwork([new Activity("A", -1)]));
        Assert.Throws<InvalidStepNetworkException>(() => new StepNetwork([]));
    }

    [Fact]
    public void Analysing_an_unknown_activity_is_rejected() =>
        Assert.Throws<KeyNotFoundException>(() => WorkedExample().AnalyseDeviation("不存在", 1));
}

using YeKuo.Contracts;
using YeKuo.Schedule.Calendar;
using YeKuo.Schedule.WhatIf;
using YeKuo.Workflow.Policies;

namespace YeKuo.Schedule.Tests;

public sealed class WhatIfReplayTests
{
    private static readonly HistoryReplayer Replayer = new(ScheduleCalendar.Default, TimeLimitPolicyBook.LoadDefault());
    private static readonly Lazy<ReplayResult> Baseline = new(() => Replayer.Replay(GeneratedHistory.Value, WhatIfScenario.Baseline));

    [Fact]
    public void Replaying_the_baseline_reproduces_history()
    {
        var history = GeneratedHistory.Value;

        Assert.Equal(history.Applications.Average(a => a.TotalDays), Baseline.Value.MeanDaysToPowerOn, precision: 9);
        Assert.InRange(Baseline.Value.OnTimeRate, 0.6, 0.99);
    }

    [Fact]
    public void A_fortnightly_meeting_would_have_made_applications_later_and_the_scheme_reply_less_often_on_time()
    {
        var scenario = new WhatIfScenario("meeting every other Wednesday", Meeting: new MeetingRule(DayOfWeek.Wednesday, everyWeeks: 2));

        var comparison = new WhatIfComparison(Baseline.Value, Replayer.Replay(GeneratedHistory.Value, scenario));

        Assert.True(comparison.MeanDaysToPowerOnChange > 1);
        var before = Baseline.Value.ByStep.Single(s => s.Step == Step.SchemeReply);
        var after = comparison.Scenario.ByStep.Single(s => s.Step == Step.SchemeReply);
        Assert.True(after.MeanDays > before.MeanDays + 1);
        Assert.True(after.OnTimeRate < before.OnTimeRate);
    }

    [Fact]
    public void The_older_SGCC_assessment_rule_with_15_days_for_a_single_source_scheme_would_have_judged_more_of_them_on_time()
    {
        var sample = TimeLimitPolicyBook.LoadDefault().ForVersion("SGCC-YK-KH");

        var replay = Replayer.Replay(GeneratedHistory.Value, new WhatIfScenario("SGCC-YK-KH", Policy: sample));

        double SchemeOnTime(ReplayResult r) => r.Clocks.Where(c => c.Step == Step.SchemeReply && c.Limit >= 10)
            .GroupBy(c => c.Limit).ToDictionary(g => g.Key, g => g.Count(c => c.OnTime)).Values.Sum();
        Assert.True(SchemeOnTime(replay) > SchemeOnTime(Baseline.Value));
        Assert.True(replay.OnTimeRate > Baseline.Value.OnTimeRate);
    }

    [Fact]
    public void One_more_reviewer_day_shortens_the_scheme_reply()
    {
        var replay = Replayer.Replay(GeneratedHistory.Value, new WhatIfScenario("3 reviewer days a week", Reviewers: new ReviewCapacity(2, 1)));

        Assert.True(replay.ByStep.Single(s => s.Step == Step.SchemeReply).MeanDays < Baseline.Value.ByStep.Single(s => s.Step == Step.SchemeReply).MeanDays);
        Assert.True(replay.MeanDaysToPowerOn <= Baseline.Value.MeanDaysToPowerOn);
    }

    [Fact]
    public void Earlier_warning_thresholds_raise_more_warnings_and_the_CSV_shows_them_by_department_and_month()
    {
        var scenario = new WhatIfScenario("warn at 30 % and 60 %", WarningThresholds: [0.3, 0.6], LimitOverrides: new Dictionary<Step, int> { [Step.PowerConnection] = 2 });

        var comparison = new WhatIfComparison(Baseline.Value, Replayer.Replay(GeneratedHistory.Value, scenario));

        var inspection = comparison.Scenario.ByDepartmentMonth.Where(r => r.Department == Department.Inspection).ToArray();
        var inspectionBefore = Baseline.Value.ByDepartmentMonth.Where(r => r.Department == Department.Inspection).ToArray();
        Assert.True(inspection.Sum(r => r.Warnings[0]) > inspectionBefore.Sum(r => r.Warnings[0]));
        Assert.True(comparison.Scenario.ByStep.Single(s => s.Step == Step.PowerConnection).OnTimeRate
                    < Baseline.Value.ByStep.Single(s => s.Step == Step.PowerConnection).OnTimeRate);
        var csv = comparison.ToCsv().Split('\n');
        Assert.StartsWith("section,key,month,count,baseline,scenario,change", csv[0], StringComparison.Ordinal);
        Assert.Contains(csv, l => l.StartsWith("department-month,Inspection on_time_rate,2025-03,", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.StartsWith("step,PowerConnection mean_days,", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.StartsWith("handoff,Inspection->Metering mean_days,", StringComparison.Ordinal));
    }

    [Fact]
    public void The_slowest_handoff_of_the_generated_history_is_inspection_to_metering()
    {
        var slowest = Baseline.Value.HandoffsByPair.Where(h => h.Count >= 100).OrderByDescending(h => h.MeanDays).First();

        Assert.Equal((Department.Inspection, Department.Metering), (slowest.From, slowest.To));
    }
}

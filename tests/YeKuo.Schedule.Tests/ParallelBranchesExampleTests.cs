using YeKuo.Schedule.Calendar;
using YeKuo.Schedule.Network;

namespace YeKuo.Schedule.Tests;

/// <summary>
/// A second worked example, with parallel branches and a lag: a low-voltage connection with external works.
/// <code>
/// activity            after            days  lag
/// A 联合勘查          —                 2
/// B 方案编制答复       A                 3
/// C 外线物资准备       A (FS + 2)        1     2   (materials ordered at the survey arrive 2 WD later)
/// D 客户施工          B                 4
/// E 外线施工          C                 2
/// G 供用电合同         C                 2
/// F 竣工验收          D, E              1
/// H 装表接电          F, G              1
///
/// forward (ES = max(EF of predecessors + lag), EF = ES + days)
///   A 0–2   B 2–5   C 2+2=4–5   D 5–9   E 5–7   G 5–7   F max(9,7)=9–10   H max(10,7)=10–11   → 11 WD
/// backward (LF = min(LS of successors − lag), LS = LF − days), from LF(H) = 11
///   H 10–11  F 9–10  G LF 10 → 8–10  E LF 9 → 7–9  D 5–9  C LF min(7, 8) = 7 → 6–7  B 2–5  A LF min(2, 6 − 2) = 2 → 0–2
/// total float LF − EF: A 0 B 0 C 2 D 0 E 2 F 0 G 3 H 0   → critical path A B D F H
/// free float (min(ES of successors − lag) − EF): A min(2, 4 − 2) − 2 = 0, B 0, C min(5, 5) − 5 = 0, D 0, E 9 − 7 = 2,
///   G 10 − 7 = 3, F 0, H 0
/// </code>
/// E 外线施工 taking 5 WD instead of 2 (deviation 3 &gt; total float 2): F starts at 10, the job ends at 12 (3 − 2 = 1 day
/// late), and E becomes critical.
/// </summary>
public sealed class ParallelBranchesExampleTests
{
    private static ScheduleNetwork Network(int externalWorksDays = 2) => new(
    [
        ActivityDefinition.Of("A", 2),
        ActivityDefinition.Of("B", 3, "A"),
        ActivityDefinition.Of("C", 1, new Dependency("A", 2)),
        ActivityDefinition.Of("D", 4, "B"),
        ActivityDefinition.Of("E", externalWorksDays, "C"),
        ActivityDefinition.Of("G", 2, "C"),
        ActivityDefinition.Of("F", 1, "D", "E"),
        ActivityDefinition.Of("H", 1, "F", "G"),
    ], ScheduleCalendar.Default);

    [Theory]
    [InlineData("A", 0, 2, 0, 2, 0, 0)]
    [InlineData("B", 2, 5, 2, 5, 0, 0)]
    [InlineData("C", 4, 5, 6, 7, 2, 0)]
    [InlineData("D", 5, 9, 5, 9, 0, 0)]
    [InlineData("E", 5, 7, 7, 9, 2, 2)]
    [InlineData("G", 5, 7, 8, 10, 3, 3)]
    [InlineData("F", 9, 10, 9, 10, 0, 0)]
    [InlineData("H", 10, 11, 10, 11, 0, 0)]
    public void The_plan_matches_the_hand_computation(string id, int es, int ef, int ls, int lf, int tf, int ff)
    {
        var a = Network().Plan(new DateOnly(2026, 3, 2))[id];

        Assert.Equal((es, ef, ls, lf, tf, ff), (a.EarliestStart, a.EarliestFinish, a.LatestStart, a.LatestFinish, a.TotalFloat, a.FreeFloat));
    }

    [Fact]
    public void The_critical_path_runs_through_the_customer_construction_and_the_branches_have_float()
    {
        var plan = Network().Plan(new DateOnly(2026, 3, 2));

        Assert.Equal(11, plan.Duration);
        Assert.Equal(["A", "B", "D", "F", "H"], plan.CriticalPath.Select(a => a.Id));
        Assert.All(["C", "E", "G"], id => Assert.True(plan[id].TotalFloat > 0));
    }

    [Fact]
    public void External_works_3_days_late_use_their_2_days_of_float_and_delay_the_job_by_1()
    {
        var plan = Network(externalWorksDays: 5).Plan(new DateOnly(2026, 3, 2));

        Assert.Equal(12, plan.Duration);
        Assert.Equal(10, plan["F"].EarliestStart);
        Assert.True(plan["E"].IsCritical);
        Assert.False(plan["D"].IsCritical);
    }

    [Fact]
    public void A_cycle_or_an_unknown_predecessor_is_refused()
    {
        Assert.Throws<InvalidScheduleNetworkException>(() => new ScheduleNetwork(
            [ActivityDefinition.Of("A", 1, "B"), ActivityDefinition.Of("B", 1, "A")], ScheduleCalendar.Default));
        Assert.Throws<InvalidScheduleNetworkException>(() => new ScheduleNetwork(
            [ActivityDefinition.Of("A", 1, "Z")], ScheduleCalendar.Default));
    }
}

using YeKuo.Contracts;
using YeKuo.Schedule.Bottlenecks;
using YeKuo.Schedule.Calendar;
using YeKuo.Schedule.Templates;

namespace YeKuo.Schedule.Tests;

public sealed class BottleneckTests
{
    [Fact]
    public void The_three_costliest_activities_and_handoffs_of_a_month_say_whether_they_were_critical()
    {
        var report = new BottleneckAnalyzer(ScheduleCalendar.Default).Analyse(GeneratedHistory.Value, new DateOnly(2025, 12, 1), new DateOnly(2026, 1, 1));

        Assert.True(report.Applications > 100);
        Assert.Equal(3, report.Activities.Count);
        Assert.Equal(3, report.Handoffs.Count);
        Assert.True(report.Activities[0].DaysLost >= report.Activities[1].DaysLost);
        Assert.All(report.Activities, a => Assert.InRange(a.CriticalShare, 0, 1));
        Assert.All(report.Activities, a => Assert.InRange(a.JobDaysLost, 0, a.DaysLost));
        // 竣工验收 → 装表接电 is the slow handoff and 装表接电 the last activity: mostly on the critical path (the
        // same pair's handoff to the contract, beside construction, is not).
        var inspectionToMetering = report.Handoffs.Single(h => h.Key == "Inspection->Metering");
        Assert.InRange(inspectionToMetering.CriticalShare, 0.5, 0.99);
        Assert.InRange(inspectionToMetering.JobDaysLost, 1, inspectionToMetering.DaysLost - 1);
    }

    [Fact]
    public void The_as_built_network_of_an_application_is_critical_along_what_set_its_power_on_date()
    {
        var app = GeneratedHistory.Value.Applications.First(a => a.Class == CustomerClass.HighVoltageSingleSource);
        var template = ApplicationNetworks.For(app.Class, app.Kind).Network;

        var asBuilt = BottleneckAnalyzer.AsBuilt(template, app);

        Assert.Equal(app.PowerOnIndex, asBuilt.FinishIndex);
        Assert.True(asBuilt[ActivityIds.PowerConnection].IsCritical);
        Assert.True(asBuilt[ActivityIds.Construction].IsCritical);
    }
}

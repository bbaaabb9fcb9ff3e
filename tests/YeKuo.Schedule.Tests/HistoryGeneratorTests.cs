using YeKuo.Contracts;
using YeKuo.Schedule.Calendar;
using YeKuo.Schedule.History;
using YeKuo.Schedule.Templates;
using static YeKuo.Schedule.Templates.ActivityIds;

namespace YeKuo.Schedule.Tests;

public sealed class HistoryGeneratorTests
{
    [Fact]
    public void The_same_seed_generates_the_same_history()
    {
        var a = HistoryGenerator.Generate(new HistoryGeneratorSettings(Applications: 300, Seed: 7));
        var b = HistoryGenerator.Generate(new HistoryGeneratorSettings(Applications: 300, Seed: 7));

        Assert.Equal(a.Applications.Select(x => (x.Id, x.Class, x.SubmittedIndex, x.PowerOnIndex)), b.Applications.Select(x => (x.Id, x.Class, x.SubmittedIndex, x.PowerOnIndex)));
    }

    [Fact]
    public void Generated_applications_follow_their_network_and_the_meeting_sits_on_wednesdays()
    {
        var history = GeneratedHistory.Value;

        Assert.Equal(5000, history.Applications.Count);
        foreach (var app in history.Applications.Take(500))
        {
            var network = ApplicationNetworks.For(app.Class, app.Kind).Network;
            foreach (var activity in network.Activities)
            {
                var r = app[activity.Id];
                foreach (var p in activity.Predecessors) Assert.True(app[p.PredecessorId].FinishIndex <= r.StartIndex);
                Assert.True(r.FinishIndex - r.StartIndex >= r.WorkDays);
            }

            if (app.Has(SchemeMeeting))
                Assert.Equal(DayOfWeek.Wednesday, history.Timeline.DateOf(app[SchemeMeeting].FinishIndex).DayOfWeek);
        }
    }

    [Fact]
    public void Company_steps_mostly_meet_their_limits_with_a_late_tail_and_customers_take_long()
    {
        var hv = GeneratedHistory.Value.Applications.Where(a => a.Class == CustomerClass.HighVoltageSingleSource).ToArray();
        var design = hv.Select(a => a[DesignReview].WorkDays).ToArray();
        var construction = hv.Select(a => a[Construction].WorkDays).Order().ToArray();

        var withinLimit = design.Count(d => d <= 5) / (double)design.Length;
        Assert.InRange(withinLimit, 0.85, 0.99);       // most within the 5 WD limit, a late tail beyond it
        Assert.True(design.Max() > 6);
        Assert.InRange(construction[construction.Length / 2], 10, 30);
        Assert.True(hv.Count(a => a[Rectification].WorkDays > 0) / (double)hv.Length is > 0.2 and < 0.4); // 整改 loops
    }
}

using YeKuo.Schedule.Calendar;
using YeKuo.Schedule.History;
using YeKuo.Schedule.Network;
using YeKuo.Schedule.Templates;
using YeKuo.Schedule.WhatIf;

namespace YeKuo.Schedule.Bottlenecks;

/// <summary>
/// Names the activities and handoffs that cost the most days in a period (activities that finished in it), and whether
/// they were on the critical path of the applications they delayed. Each application is read twice: against its plan
/// (the template network from its submission day: planned durations and floats) and as built (the network with what
/// actually happened, whose zero-float chain is the path that set the power-on date). Company activities only by
/// default: the company is judged on its own time.
/// </summary>
public sealed class BottleneckAnalyzer(ScheduleCalendar calendar)
{
    public BottleneckReport Analyse(ApplicationHistory history, DateOnly from, DateOnly toExclusive, int top = 3, bool includeCustomerActivities = false)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (toExclusive <= from) throw new ArgumentOutOfRangeException(nameof(toExclusive), toExclusive, "The period ends before it starts.");
        var timeline = history.Timeline;
        var first = timeline.IndexOf(from.AddDays(-1)) + 1;
        var last = timeline.IndexOf(toExclusive.AddDays(-1));
        var activities = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var handoffs = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var applications = 0;
        foreach (var app in history.Applications)
        {
            if (!app.Activities.Any(r => r.FinishIndex >= first && r.FinishIndex <= last)) continue;
            applications++;
            var template = ApplicationNetworks.For(app.Class, app.Kind, calendar).Network;
            var plan = template.Plan(app.SubmittedIndex);
            var asBuilt = AsBuilt(template, app);
            var finish = template.Activities.Select(a => app[a.Id].FinishIndex).ToArray();
            for (var i = 0; i < template.Count; i++)
            {
                var a = template.Activities[i];
                var r = app[a.Id];
                if (r.FinishIndex < first || r.FinishIndex > last) continue;
                var critical = asBuilt[a.Id].TotalFloat == 0;
                var deviation = r.FinishIndex - r.ReadyIndex - a.DurationWorkingDays;
                if (deviation > 0 && (includeCustomerActivities || !a.IsCustomerTime))
                {
                    var jobDays = Math.Max(0, deviation - plan[a.Id].TotalFloat);
                    Add(activities, a.Id, a.Name, a.Owner, a.Owner, deviation, critical, jobDays);
                }

                var waited = r.HandoffDays;
                var driver = HistoryReplayer.Driver(template, finish, i);
                if (driver is null || waited <= 0 || a.IsCustomerTime) continue;
                var fromOwner = template.Activities[driver.Value].Owner;
                if (fromOwner == a.Owner) continue;
                var key = $"{fromOwner}->{a.Owner}";
                Add(handoffs, key, $"{fromOwner} → {a.Owner}", fromOwner, a.Owner, waited, critical, critical ? waited : 0);
            }
        }

        return new BottleneckReport(from, toExclusive, applications, Top(activities, top), Top(handoffs, top));
    }

    /// <summary>
    /// The network of what happened: every activity takes its actual ready → finish days (handoff wait and meeting wait
    /// included) from its actual ready day, so its zero-float chain is the one that set the power-on date.
    /// </summary>
    public static NetworkSchedule AsBuilt(ScheduleNetwork template, HistoricalApplication app)
    {
        var network = new ScheduleNetwork(
            template.Activities.Select(a => a with { DurationWorkingDays = app[a.Id].FinishIndex - app[a.Id].ReadyIndex, FinishesAtMeeting = false }),
            template.Calendar);
        return network.Plan(app.SubmittedIndex);
    }

    private static void Add(Dictionary<string, Tally> tallies, string key, string name, Contracts.Department from, Contracts.Department to,
        int days, bool critical, int jobDays)
    {
        if (!tallies.TryGetValue(key, out var t)) tallies[key] = t = new Tally(key, name, from, to);
        t.Count++;
        t.Days += days;
        t.JobDays += jobDays;
        if (critical) t.Critical++;
    }

    private static BottleneckEntry[] Top(Dictionary<string, Tally> tallies, int top) => tallies.Values
        .OrderByDescending(t => t.Days).ThenBy(t => t.Key, StringComparer.Ordinal)
        .Take(top)
        .Select(t => new BottleneckEntry(t.Key, t.Name, t.From, t.To, t.Count, t.Days, (double)t.Days / t.Count, (double)t.Critical / t.Count, t.JobDays))
        .ToArray();

    private sealed class Tally(string key, string name, Contracts.Department from, Contracts.Department to)
    {
        public string Key { get; } = key;
        public string Name { get; } = name;
        public Contracts.Department From { get; } = from;
        public Contracts.Department To { get; } = to;
        public int Count { get; set; }
        public int Days { get; set; }
        public int Critical { get; set; }
        public int JobDays { get; set; }
    }
}

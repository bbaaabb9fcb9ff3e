using YeKuo.Contracts;
using YeKuo.Schedule.Calendar;
using YeKuo.Schedule.History;
using YeKuo.Schedule.Templates;
using YeKuo.Workflow.Policies;

namespace YeKuo.Schedule.WhatIf;

/// <summary>
/// Replays finished applications under a <see cref="WhatIfScenario"/>. Each activity keeps its actual work days and
/// handoff wait (scaled for the reviews when the scenario adds reviewer time); the forward pass of its network then
/// runs again, so a 方案审查会 on another weekday or frequency moves the meeting and everything after it, on the real
/// working-day calendar. The department clocks are then judged by the scenario's limits (or each application's own
/// document) and 预警 thresholds. Replaying the baseline reproduces the history exactly.
/// </summary>
public sealed class HistoryReplayer(ScheduleCalendar calendar, TimeLimitPolicyBook policies)
{
    public ScheduleCalendar Calendar { get; } = calendar;

    public TimeLimitPolicyBook Policies { get; } = policies;

    public ReplayResult Replay(ApplicationHistory history, WhatIfScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(scenario);
        var replayCalendar = scenario.Meeting is { } m ? Calendar.WithMeeting(m) : Calendar;
        var clocks = new List<ReplayedClock>();
        var handoffs = new List<ReplayedHandoff>();
        var totals = new List<int>(history.Applications.Count);
        foreach (var app in history.Applications)
        {
            var (ready, start, finish, work) = Reschedule(app, scenario, replayCalendar);
            var template = ApplicationNetworks.For(app.Class, app.Kind, Calendar);
            var network = template.Network;
            var policy = scenario.Policy ?? Policies.ForDate(history.Timeline.DateOf(app.SubmittedIndex));
            var limits = policy.ClocksFor(app.Class).ToDictionary(c => c.Owner);
            foreach (var span in template.Clocks)
            {
                if (!limits.TryGetValue(span.Owner, out var group)) continue;
                var begin = ready[network.IndexOf(span.StartsWhenReady)];
                var end = finish[network.IndexOf(span.EndsWithFinishOf)];
                var paused = span.PausedBy.Sum(id => finish[network.IndexOf(id)] - ready[network.IndexOf(id)]);
                var limit = scenario.LimitOverrides is { } o && o.TryGetValue(span.Owner, out var l) ? l : group.LimitWorkingDays;
                clocks.Add(new ReplayedClock(app.Id, span.Owner, StepCatalogue.Of(span.Owner).Department, end - begin - paused, limit, group.Judged,
                    replayCalendar.Timeline.DateOf(end)));
            }

            for (var i = 0; i < network.Count; i++)
            {
                var activity = network.Activities[i];
                var driver = Driver(network, finish, i);
                var waited = start[i] - ready[i];
                if (driver is null || waited <= 0 || activity.IsCustomerTime) continue;
                var from = network.Activities[driver.Value].Owner;
                if (from == activity.Owner) continue;
                handoffs.Add(new ReplayedHandoff(app.Id, from, activity.Owner, activity.Id, waited, replayCalendar.Timeline.DateOf(start[i])));
            }

            totals.Add(finish.Max() - app.SubmittedIndex);
        }

        return new ReplayResult(scenario, clocks, handoffs, totals);
    }

    /// <summary>The predecessor that handed the work over (the last to finish), or null for the first activity.</summary>
    internal static int? Driver(Network.ScheduleNetwork network, int[] finish, int i)
    {
        int? driver = null;
        foreach (var p in network.PredecessorsOf(i))
        {
            if (driver is null || finish[p] > finish[driver.Value]) driver = p;
        }

        return driver;
    }

    private (int[] Ready, int[] Start, int[] Finish, int[] Work) Reschedule(HistoricalApplication app, WhatIfScenario scenario, ScheduleCalendar replayCalendar)
    {
        var network = ApplicationNetworks.For(app.Class, app.Kind, Calendar).Network;
        var n = network.Count;
        var ready = new int[n];
        var start = new int[n];
        var finish = new int[n];
        var work = new int[n];
        for (var i = 0; i < n; i++)
        {
            var activity = network.Activities[i];
            var record = app[activity.Id];
            var gap = record.HandoffDays;
            work[i] = record.WorkDays;
            if (scenario.Reviewers is { } reviewers && ReviewCapacity.ReviewActivities.Contains(activity.Id))
            {
                gap = (int)Math.Round(gap * reviewers.Factor);
                work[i] = Math.Max(1, (int)Math.Ceiling(work[i] * reviewers.Factor));
            }

            ready[i] = app.SubmittedIndex;
            foreach (var p in network.PredecessorsOf(i)) ready[i] = Math.Max(ready[i], finish[p]);
            start[i] = ready[i] + gap;
            finish[i] = start[i] + work[i];
            if (network.FinishesAtMeeting(i)) finish[i] = replayCalendar.NextSitting(finish[i]);
        }

        return (ready, start, finish, work);
    }
}

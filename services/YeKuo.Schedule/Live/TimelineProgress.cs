using YeKuo.Contracts;
using YeKuo.Schedule.History;
using YeKuo.Schedule.Network;
using YeKuo.Schedule.Templates;
using static YeKuo.Schedule.Templates.ActivityIds;

namespace YeKuo.Schedule.Live;

/// <summary>
/// Reads an application's timeline (its steps' rounds) onto its schedule network: the one place that says which rounds
/// of which step are which activity. A step's first round is the activity itself, its later rounds the loop after a
/// failed check: 设计审查 round 1 → 设计审查, the customer's 提交设计文件 round 2 → 设计修改 (整改), 设计审查 round 2 → 设计复审;
/// likewise 竣工报验 and 竣工验收. The customer's waits are activities too: 客户委托设计 is the first round of
/// 提交设计文件, 客户施工 the first round of 竣工报验.
/// </summary>
public static class TimelineProgress
{
    private enum Rounds { All, First, Later }

    private static readonly Dictionary<string, (Step Step, Rounds Rounds)> Map = new(StringComparer.Ordinal)
    {
        [Acceptance] = (Step.Acceptance, Rounds.All),
        [SurveyMarketing] = (Step.SiteSurvey, Rounds.All),
        [SurveyOperations] = (Step.SiteSurvey, Rounds.All),
        [SchemeDrafting] = (Step.SchemeReply, Rounds.All),
        [ReviewOperations] = (Step.SchemeReply, Rounds.All),
        [ReviewDispatch] = (Step.SchemeReply, Rounds.All),
        [DispatchCountersign] = (Step.SchemeReply, Rounds.All),
        [ReviewMetering] = (Step.SchemeReply, Rounds.All),
        [SchemeMeeting] = (Step.SchemeReply, Rounds.All),
        [SchemeReply] = (Step.SchemeReply, Rounds.All),
        [SchemeConfirmation] = (Step.SchemeConfirmation, Rounds.All),
        [CustomerDesign] = (Step.DesignSubmission, Rounds.First),
        [DesignReview] = (Step.DesignReview, Rounds.First),
        [DesignRevision] = (Step.DesignSubmission, Rounds.Later),
        [DesignRereview] = (Step.DesignReview, Rounds.Later),
        [ConstructionHiddenWorks] = (Step.IntermediateInspectionRequest, Rounds.All),
        [IntermediateInspection] = (Step.IntermediateInspection, Rounds.All),
        [Construction] = (Step.CompletionReport, Rounds.First),
        [CompletionAcceptance] = (Step.CompletionAcceptance, Rounds.First),
        [Rectification] = (Step.CompletionReport, Rounds.Later),
        [Recheck] = (Step.CompletionAcceptance, Rounds.Later),
        [SupplyContract] = (Step.SupplyContract, Rounds.All),
        [PowerConnection] = (Step.PowerConnection, Rounds.All),
    };

    /// <summary>The step whose rounds an activity is read from, or null when no service records it (payment, grid works).</summary>
    public static Step? RecordedBy(string activityId) => Map.TryGetValue(activityId, out var m) ? m.Step : null;

    /// <summary>
    /// What happened by the end of working day <paramref name="statusIndex"/> to the application started on
    /// <paramref name="startIndex"/>. Dates outside [start, status] are clamped into it.
    /// </summary>
    public static LiveProgress Read(ApplicationNetwork application, IEnumerable<StepRound> rounds, int startIndex, int statusIndex)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(rounds);
        if (statusIndex < startIndex) statusIndex = startIndex;
        var network = application.Network;
        var timeline = network.Calendar.Timeline;
        int Index(DateOnly d) => Math.Clamp(d < timeline.Epoch ? 0 : d > timeline.Last ? timeline.MaxIndex : timeline.IndexOf(d), startIndex, statusIndex);
        var byStep = rounds.Where(r => r.OpenedOn is not null || r.CompletedOn is not null).ToLookup(r => r.Step);

        var progress = new Dictionary<string, ActivityProgress>(StringComparer.Ordinal);
        var inferred = new HashSet<string>(StringComparer.Ordinal);

        // Activities read from the same rounds form one group: its entry activities start with the rounds, its inner
        // ones follow their plan from there, and its last ones finish with them.
        var groups = network.Activities.Where(a => Map.ContainsKey(a.Id)).GroupBy(a => Map[a.Id]);
        foreach (var group in groups)
        {
            var selected = Select(byStep[group.Key.Step], group.Key.Rounds);
            if (selected.Length == 0) continue;
            var opened = selected.Select(r => r.OpenedOn ?? r.CompletedOn!.Value).Min();
            var last = selected[^1];
            var done = last.CompletedOn is not null && (group.Key.Rounds == Rounds.First || last.MovesOn);
            var members = group.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            var start = Index(opened);
            if (!done)
            {
                foreach (var a in group.Where(a => !a.Predecessors.Any(p => members.Contains(p.PredecessorId))))
                    progress[a.Id] = ActivityProgress.Started(start);
                continue;
            }

            var finish = Math.Max(start, Index(last.CompletedOn!.Value));
            var finishes = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var a in group)
            {
                var s = a.Predecessors.Where(p => members.Contains(p.PredecessorId)).Select(p => finishes[p.PredecessorId]).DefaultIfEmpty(start).Max();
                var closes = !network.Activities.Any(x => members.Contains(x.Id) && x.Predecessors.Any(p => p.PredecessorId == a.Id));
                var f = closes ? finish : Math.Min(finish, s + a.DurationWorkingDays);
                finishes[a.Id] = f;
                progress[a.Id] = ActivityProgress.Finished(Math.Min(s, f), f);
                // One activity per group, or parallel ones spanning the whole rounds (联合勘查), are recorded as such.
                if (members.Count > 1 && !(closes && IsEntry(a, members))) inferred.Add(a.Id);
            }
        }

        // Not recorded, but what follows has started: it is done, by the earliest start after it.
        var activities = network.Activities;
        var inferredFinish = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = activities.Count - 1; i >= 0; i--)
        {
            var a = activities[i];
            if (progress.ContainsKey(a.Id)) continue;
            var successorStarts = activities
                .Where(s => s.Predecessors.Any(p => p.PredecessorId == a.Id))
                .Select(s => progress.TryGetValue(s.Id, out var p) ? p.StartIndex : inferredFinish.TryGetValue(s.Id, out var f) ? f : (int?)null)
                .OfType<int>()
                .ToArray();
            if (successorStarts.Length > 0) inferredFinish[a.Id] = successorStarts.Min();
        }

        foreach (var a in activities)
        {
            if (!inferredFinish.TryGetValue(a.Id, out var finish)) continue;
            var ready = a.Predecessors.Select(p => progress.TryGetValue(p.PredecessorId, out var q) && q.FinishIndex is { } f ? f : startIndex).DefaultIfEmpty(startIndex).Max();
            progress[a.Id] = ActivityProgress.Finished(Math.Min(ready, finish), finish);
            inferred.Add(a.Id);
        }

        return new LiveProgress(startIndex, statusIndex, progress, inferred);
    }

    /// <summary>
    /// A finished application as history for the forecasts and the replays: every activity with the day it was handed
    /// over (its predecessors done), started and finished. Null when it is not finished.
    /// </summary>
    public static HistoricalApplication? ToHistory(string id, ApplicationNetwork application, LiveProgress progress)
    {
        var network = application.Network;
        if (!progress.Finished(network)) return null;
        var records = network.Activities.Select(a =>
        {
            var p = progress.Activities[a.Id];
            var ready = a.Predecessors.Select(d => progress.Activities[d.PredecessorId].FinishIndex!.Value + d.LagWorkingDays)
                .DefaultIfEmpty(progress.StartIndex).Max();
            ready = Math.Min(ready, p.StartIndex);
            return new ActivityRecord(a.Id, ready, p.StartIndex, p.FinishIndex!.Value, p.FinishIndex.Value - p.StartIndex);
        }).ToArray();
        return new HistoricalApplication(id, application.Class, application.Kind, progress.StartIndex, records);
    }

    private static bool IsEntry(ActivityDefinition a, HashSet<string> members) => !a.Predecessors.Any(p => members.Contains(p.PredecessorId));

    private static StepRound[] Select(IEnumerable<StepRound> rounds, Rounds which)
    {
        var ordered = rounds.OrderBy(r => r.Round).ThenBy(r => r.OpenedOn).ToArray();
        return which switch
        {
            Rounds.First => ordered.Where(r => r.Round == ordered[0].Round).Take(1).ToArray(),
            Rounds.Later => ordered.Length == 0 ? [] : ordered.Where(r => r.Round > ordered[0].Round).ToArray(),
            _ => ordered,
        };
    }
}

using YeKuo.Contracts;
using YeKuo.Schedule.Network;
using YeKuo.Schedule.Templates;

namespace YeKuo.Schedule.History;

/// <summary>A finished application: class, kind, submission day and every activity's actual dates.</summary>
public sealed class HistoricalApplication
{
    private readonly Dictionary<string, ActivityRecord> _byId;

    public HistoricalApplication(string id, CustomerClass customerClass, ApplicationKind kind, int submittedIndex, IReadOnlyList<ActivityRecord> activities)
    {
        Id = id;
        Class = customerClass;
        Kind = kind;
        SubmittedIndex = submittedIndex;
        Activities = activities;
        _byId = activities.ToDictionary(a => a.ActivityId, StringComparer.Ordinal);
        PowerOnIndex = this[ActivityIds.PowerConnection].FinishIndex;
    }

    public string Id { get; }

    public CustomerClass Class { get; }

    public ApplicationKind Kind { get; }

    public int SubmittedIndex { get; }

    public IReadOnlyList<ActivityRecord> Activities { get; }

    /// <summary>The day the power went on (装表接电 finished).</summary>
    public int PowerOnIndex { get; }

    /// <summary>Working days from submission to power-on.</summary>
    public int TotalDays => PowerOnIndex - SubmittedIndex;

    public ActivityRecord this[string activityId] =>
        _byId.TryGetValue(activityId, out var r) ? r : throw new KeyNotFoundException($"Application {Id} has no activity '{activityId}'.");

    public bool Has(string activityId) => _byId.ContainsKey(activityId);

    /// <summary>What was known at the end of working day <paramref name="statusIndex"/>: done and started activities.</summary>
    public IReadOnlyDictionary<string, ActivityProgress> ProgressAt(int statusIndex)
    {
        var progress = new Dictionary<string, ActivityProgress>(StringComparer.Ordinal);
        foreach (var r in Activities)
        {
            if (r.FinishIndex <= statusIndex) progress[r.ActivityId] = ActivityProgress.Finished(r.StartIndex, r.FinishIndex);
            else if (r.StartIndex <= statusIndex) progress[r.ActivityId] = ActivityProgress.Started(r.StartIndex);
        }

        return progress;
    }
}

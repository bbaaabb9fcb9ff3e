using YeKuo.Schedule.Calendar;

namespace YeKuo.Schedule.Network;

/// <summary>The result of a forward and backward pass: every activity's figures, the finish and the critical path.</summary>
public sealed class NetworkSchedule
{
    private readonly Dictionary<string, ActivitySchedule> _byId;

    internal NetworkSchedule(ScheduleCalendar calendar, int startIndex, int statusIndex, IReadOnlyList<ActivitySchedule> activities)
    {
        Calendar = calendar;
        StartIndex = startIndex;
        StatusIndex = statusIndex;
        Activities = activities;
        _byId = activities.ToDictionary(a => a.Id, StringComparer.Ordinal);
        Duration = activities.Max(a => a.EarliestFinish);
        FinishIndex = startIndex + Duration;
    }

    public ScheduleCalendar Calendar { get; }

    /// <summary>Timeline index of the project start (the day the application was submitted).</summary>
    public int StartIndex { get; }

    /// <summary>Timeline index of the status date (what was known at the end of that day); the start for a plan.</summary>
    public int StatusIndex { get; }

    /// <summary>Activities in topological order (input order where dependencies allow).</summary>
    public IReadOnlyList<ActivitySchedule> Activities { get; }

    /// <summary>Working days from the project start to the last finish.</summary>
    public int Duration { get; }

    public int FinishIndex { get; }

    public DateOnly StartDate => Calendar.Timeline.DateOf(StartIndex);

    public DateOnly FinishDate => Calendar.Timeline.DateOf(FinishIndex);

    /// <summary>The not-done activities with no total float, in order.</summary>
    public IReadOnlyList<ActivitySchedule> CriticalPath => Activities.Where(a => a.IsCritical).ToArray();

    public ActivitySchedule this[string id] =>
        _byId.TryGetValue(id, out var a) ? a : throw new KeyNotFoundException($"No activity '{id}' in the schedule.");
}

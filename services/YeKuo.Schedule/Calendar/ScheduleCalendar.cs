namespace YeKuo.Schedule.Calendar;

/// <summary>
/// The working-day timeline with the 方案审查会 sittings on it: for an activity that may only finish at a sitting,
/// the first sitting at or after a working day and the last one at or before it. Precomputed once per rule.
/// </summary>
public sealed class ScheduleCalendar
{
    private readonly int[] _nextSitting;     // first sitting index ≥ i (int.MaxValue when none left)
    private readonly int[] _previousSitting; // last sitting index ≤ i (-1 when none yet)

    public ScheduleCalendar(WorkingDayTimeline timeline, MeetingRule meeting)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(meeting);
        Timeline = timeline;
        Meeting = meeting;
        var n = timeline.MaxIndex + 1;
        _nextSitting = new int[n];
        _previousSitting = new int[n];
        var previous = -1;
        for (var i = 0; i < n; i++)
        {
            if (i > 0 && meeting.IsSittingDay(timeline.DateOf(i))) previous = i;
            _previousSitting[i] = previous;
        }

        var next = int.MaxValue;
        for (var i = n - 1; i >= 0; i--)
        {
            if (i > 0 && meeting.IsSittingDay(timeline.DateOf(i))) next = i;
            _nextSitting[i] = next;
        }
    }

    /// <summary>The project's timeline with the weekly Wednesday meeting.</summary>
    public static ScheduleCalendar Default { get; } = new(WorkingDayTimeline.Default, MeetingRule.WeeklyOnWednesday);

    public WorkingDayTimeline Timeline { get; }

    public MeetingRule Meeting { get; }

    /// <summary>The same timeline with another meeting rule (what-if).</summary>
    public ScheduleCalendar WithMeeting(MeetingRule meeting) => meeting == Meeting ? this : new ScheduleCalendar(Timeline, meeting);

    public bool IsSitting(int index) => Timeline.Contains(index) && index > 0 && _previousSitting[index] == index;

    /// <summary>The first sitting at or after working day <paramref name="index"/>.</summary>
    public int NextSitting(int index)
    {
        if (index < 0) index = 0;
        if (index > Timeline.MaxIndex || _nextSitting[index] == int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(index), index, "No meeting sitting left on the timeline.");
        return _nextSitting[index];
    }

    /// <summary>The last sitting at or before working day <paramref name="index"/> (for the backward pass).</summary>
    public int PreviousSitting(int index)
    {
        if (index > Timeline.MaxIndex) index = Timeline.MaxIndex;
        return index < 0 ? -1 : _previousSitting[index];
    }
}

using YeKuo.Schedule.Calendar;

namespace YeKuo.Schedule.Network;

/// <summary>
/// What actually happened to one activity, in timeline indices (see <see cref="WorkingDayTimeline"/>): started on
/// working day <see cref="StartIndex"/> (its days count from the next one) and, when done, finished on
/// <see cref="FinishIndex"/>. Actual duration = finish − start, the same count the department clocks use.
/// </summary>
public sealed record ActivityProgress
{
    private ActivityProgress(ActivityState state, int start, int? finish)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        if (finish < start) throw new ArgumentOutOfRangeException(nameof(finish), finish, "An activity cannot finish before it starts.");
        State = state;
        StartIndex = start;
        FinishIndex = finish;
    }

    public ActivityState State { get; }

    public int StartIndex { get; }

    public int? FinishIndex { get; }

    public static ActivityProgress Started(int startIndex) => new(ActivityState.InProgress, startIndex, null);

    public static ActivityProgress Finished(int startIndex, int finishIndex) => new(ActivityState.Done, startIndex, finishIndex);

    public static ActivityProgress Started(WorkingDayTimeline timeline, DateOnly start) => Started(timeline.IndexOf(start));

    public static ActivityProgress Finished(WorkingDayTimeline timeline, DateOnly start, DateOnly finish) =>
        Finished(timeline.IndexOf(start), timeline.IndexOf(finish));
}

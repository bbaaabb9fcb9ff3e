using YeKuo.Schedule.Calendar;

namespace YeKuo.Schedule.History;

/// <summary>A set of finished applications on one timeline (stored history, or a generated one).</summary>
public sealed record ApplicationHistory(WorkingDayTimeline Timeline, IReadOnlyList<HistoricalApplication> Applications)
{
    public string Description { get; init; } = "";
}

using YeKuo.Contracts;

namespace YeKuo.Schedule.Bottlenecks;

/// <summary>
/// An activity or a handoff that cost days in a period. <see cref="DaysLost"/>: days beyond the plan (activities:
/// ready → finish beyond the planned duration, a 方案审查会 wait included; handoffs: the days between departments before
/// the receiving one started).
/// <see cref="CriticalShare"/>: of the applications it delayed, the share where it lay on the critical path of what
/// actually happened (so the days reached the power-on date); <see cref="JobDaysLost"/>: the days that moved the
/// job's finish by seed 004's rule, max(0, deviation − the activity's planned total float).
/// </summary>
public sealed record BottleneckEntry(
    string Key,
    string Name,
    Department From,
    Department To,
    int ApplicationsDelayed,
    int DaysLost,
    double MeanDaysLost,
    double CriticalShare,
    int JobDaysLost)
{
    public bool MostlyCritical => CriticalShare >= 0.5;
}

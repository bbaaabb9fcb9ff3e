using YeKuo.Schedule.Network;

namespace YeKuo.Schedule.Live;

/// <summary>
/// What happened so far to an application's activities, read from its timeline. <see cref="Inferred"/> names the
/// activities whose dates are not recorded as such: parts of a step the timeline records as a whole (the reviews inside
/// 供电方案答复 follow their plan from the step's start and the step's last activity ends with it), and activities no
/// service records (缴纳费用, 外线工程, a 整改 that did not happen) that are done once what follows them has started.
/// </summary>
public sealed record LiveProgress(int StartIndex, int StatusIndex, IReadOnlyDictionary<string, ActivityProgress> Activities, IReadOnlySet<string> Inferred)
{
    /// <summary>True when the last activity (装表接电) is done.</summary>
    public bool Finished(ScheduleNetwork network) =>
        network.Activities.All(a => Activities.TryGetValue(a.Id, out var p) && p.State == ActivityState.Done);
}

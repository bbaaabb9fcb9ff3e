namespace YeKuo.Schedule.Network;

/// <summary>
/// 进度偏差分析 of one activity (seed 004): where it was planned against where it is now (actual dates when done, the
/// re-plan otherwise), read against the plan's floats. A finish later than planned by more than the free float moves
/// the activities after it; by more than the total float, it moves the job's finish.
/// </summary>
public sealed record ActivityVariance(
    string Id,
    string Name,
    ActivityState State,
    DateOnly PlannedFinish,
    DateOnly CurrentFinish,
    int FinishVariance,
    int PlannedTotalFloat,
    int PlannedFreeFloat,
    bool WasCritical)
{
    /// <summary>Later than planned by more than the total float: the job finishes later because of it.</summary>
    public bool DelaysJob => FinishVariance > PlannedTotalFloat;

    /// <summary>Later than planned by more than the free float: a successor's earliest start moves.</summary>
    public bool MovesSuccessors => FinishVariance > PlannedFreeFloat;
}

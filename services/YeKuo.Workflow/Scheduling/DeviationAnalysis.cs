namespace YeKuo.Workflow.Scheduling;

/// <summary>
/// 进度偏差分析 of one activity (《加强大客户业扩工程管理》): actual vs planned duration read against its floats.
/// The figures come from rescheduling with the actual duration (<see cref="Revised"/>), so they agree with the
/// float rules: a late activity delays the job by (deviation − total float) when positive, and moves its
/// successors when the deviation exceeds its free float.
/// </summary>
public sealed record DeviationAnalysis(
    ScheduledActivity Planned,
    int ActualDuration,
    int PlannedProjectDuration,
    StepNetwork Revised,
    IReadOnlyList<ShiftedActivity> ShiftedActivities)
{
    /// <summary>Actual − planned duration in working days (negative when early).</summary>
    public int Deviation => ActualDuration - Planned.Duration;

    public bool WasCritical => Planned.IsCritical;

    public int NewProjectDuration => Revised.ProjectDuration;

    /// <summary>Working days the job's finish moves (negative if an early critical activity shortens it).</summary>
    public int ProjectDelay => NewProjectDuration - PlannedProjectDuration;

    public bool DelaysProject => ProjectDelay > 0;

    public bool MovesSuccessors => ShiftedActivities.Count > 0;

    /// <summary>True when the activity had float in the plan and has none after the deviation.</summary>
    public bool BecomesCritical => !Planned.IsCritical && Revised[Planned.Name].IsCritical;
}

namespace YeKuo.Workflow.Scheduling;

/// <summary>An activity whose earliest start moves because another activity ran longer.</summary>
public sealed record ShiftedActivity(string Name, int PlannedEarliestStart, int NewEarliestStart)
{
    public int Shift => NewEarliestStart - PlannedEarliestStart;
}

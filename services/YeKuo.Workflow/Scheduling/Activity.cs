namespace YeKuo.Workflow.Scheduling;

/// <summary>A planned activity of a step network (进度计划): duration in working days and the activities it waits for.</summary>
public sealed record Activity(string Name, int DurationWorkingDays, IReadOnlyList<string> Predecessors)
{
    public Activity(string name, int durationWorkingDays, params string[] predecessors)
        : this(name, durationWorkingDays, (IReadOnlyList<string>)predecessors)
    {
    }
}

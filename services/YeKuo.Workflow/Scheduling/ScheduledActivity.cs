namespace YeKuo.Workflow.Scheduling;

/// <summary>
/// An activity with its critical path figures, in working days from the network start.
/// Total float = LS − ES (how late it may run without delaying the job); free float = earliest ES of the
/// successors − EF (how late it may run without moving any successor).
/// </summary>
public sealed record ScheduledActivity(
    string Name,
    int Duration,
    IReadOnlyList<string> Predecessors,
    IReadOnlyList<string> Successors,
    int EarliestStart,
    int EarliestFinish,
    int LatestStart,
    int LatestFinish,
    int TotalFloat,
    int FreeFloat)
{
    /// <summary>On the critical path: every day late delays the whole job.</summary>
    public bool IsCritical => TotalFloat == 0;
}

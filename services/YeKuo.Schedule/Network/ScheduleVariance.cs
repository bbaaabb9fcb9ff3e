namespace YeKuo.Schedule.Network;

/// <summary>Plan vs now for a whole network: every activity's variance and how far the job's finish moved.</summary>
public sealed record ScheduleVariance(NetworkSchedule Plan, NetworkSchedule Current, IReadOnlyList<ActivityVariance> Activities)
{
    /// <summary>Working days the finish moved (negative when ahead).</summary>
    public int FinishVariance => Current.FinishIndex - Plan.FinishIndex;

    /// <summary>Compares a re-plan (or the as-built schedule) with the original plan of the same network and start.</summary>
    public static ScheduleVariance Compare(NetworkSchedule plan, NetworkSchedule current)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(current);
        if (plan.StartIndex != current.StartIndex)
            throw new ArgumentException("The plan and the current schedule start on different days.", nameof(current));
        var rows = plan.Activities.Select(p =>
        {
            var c = current[p.Id];
            return new ActivityVariance(p.Id, p.Definition.Name, c.State, p.FinishDate, c.FinishDate,
                c.EarliestFinish - p.EarliestFinish, p.TotalFloat, p.FreeFloat, p.IsCritical);
        }).ToArray();
        return new ScheduleVariance(plan, current, rows);
    }
}

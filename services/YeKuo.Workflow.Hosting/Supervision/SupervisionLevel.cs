using YeKuo.Contracts;

namespace YeKuo.Workflow.Hosting.Supervision;

/// <summary>What a supervision timer raises when it fires: a 超时预警 level, or the escalation to the department head.</summary>
public enum SupervisionLevel
{
    /// <summary>The first warning fraction (default 50%) of the allowed working time is used.</summary>
    HalfUsed,

    /// <summary>The second warning fraction (default 80%) is used.</summary>
    MostlyUsed,

    /// <summary>The due time is reached (超时).</summary>
    Overdue,

    /// <summary>Overdue work handed to the department head (超时处理), at due + <c>Supervision:EscalateAfter</c>.</summary>
    Escalation,
}

internal static class SupervisionLevels
{
    /// <summary>The contract level a warning timer raises; null for the escalation (it raises <c>WorkItemEscalated</c>).</summary>
    public static DeadlineLevel? AsDeadlineLevel(this SupervisionLevel level) => level switch
    {
        SupervisionLevel.HalfUsed => DeadlineLevel.HalfUsed,
        SupervisionLevel.MostlyUsed => DeadlineLevel.MostlyUsed,
        SupervisionLevel.Overdue => DeadlineLevel.Overdue,
        _ => null,
    };
}

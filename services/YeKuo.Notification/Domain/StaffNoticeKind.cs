using YeKuo.Contracts;

namespace YeKuo.Notification.Domain;

/// <summary>What a staff notice (员工通知) is about: a 超时预警 level of a work item's clock, its escalation, or a late review opinion.</summary>
public enum StaffNoticeKind
{
    /// <summary>Half of the allowed working time is used (50%).</summary>
    HalfUsedWarning,

    /// <summary>Four fifths of the allowed working time are used (80%).</summary>
    MostlyUsedWarning,

    /// <summary>The due time has passed (超时).</summary>
    OverdueWarning,

    /// <summary>Overdue work escalated to the department head, who records its handling (超时处理).</summary>
    Escalation,

    /// <summary>
    /// A reviewing department's opinion on a supply scheme (并行审批) is past its own limit: for the department's reviewers
    /// (its queue) and its head; read, not handled.
    /// </summary>
    LateReviewOpinion,
}

public static class StaffNoticeKinds
{
    public static StaffNoticeKind WarningOf(DeadlineLevel level) => level switch
    {
        DeadlineLevel.HalfUsed => StaffNoticeKind.HalfUsedWarning,
        DeadlineLevel.MostlyUsed => StaffNoticeKind.MostlyUsedWarning,
        DeadlineLevel.Overdue => StaffNoticeKind.OverdueWarning,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown deadline level."),
    };

    /// <summary>The warning level a notice is about; null for an escalation.</summary>
    public static DeadlineLevel? LevelOf(StaffNoticeKind kind) => kind switch
    {
        StaffNoticeKind.HalfUsedWarning => DeadlineLevel.HalfUsed,
        StaffNoticeKind.MostlyUsedWarning => DeadlineLevel.MostlyUsed,
        StaffNoticeKind.OverdueWarning => DeadlineLevel.Overdue,
        _ => null,
    };
}

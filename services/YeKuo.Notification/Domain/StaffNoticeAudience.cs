namespace YeKuo.Notification.Domain;

/// <summary>
/// Whom a staff notice addresses, in the order they learn of a late work item (seed 003: the project manager first,
/// who talks to the 责任人; the department head is the next level, 超时处理).
/// </summary>
public enum StaffNoticeAudience
{
    /// <summary>The work item's 责任人 (assignee), or the department's queue while nobody has claimed it.</summary>
    Responsible,

    /// <summary>The application's 客户经理: every warning level, before the head hears of it.</summary>
    CustomerManager,

    /// <summary>The department head: the escalation of overdue work, only once the 客户经理's 超时 notice exists.</summary>
    DepartmentHead,
}

using YeKuo.Notification.Domain;

namespace YeKuo.Notification.Apis;

/// <summary>
/// A complaint (投诉) with where it stands. A customer reads their own without the internal fields (责任人, 整改, 问责:
/// null for them); <c>IsOverdue</c> is computed at the time of the answer.
/// </summary>
public sealed record ComplaintDto(
    Guid Id,
    Guid ApplicationId,
    string ApplicationNumber,
    string? CustomerId,
    string Category,
    string? Step,
    string Text,
    DateTimeOffset RecordedAt,
    string Status,
    string OwnerDepartment,
    string? Handler,
    string PolicyVersion,
    int LimitWorkingDays,
    DateTimeOffset DueAt,
    bool IsOverdue,
    string? Reply,
    DateTimeOffset? RepliedAt,
    DateTimeOffset? ClosedAt,
    string? Rectification,
    string? Accountability)
{
    public static ComplaintDto From(Complaint c, DateTimeOffset now, bool forCustomer)
    {
        return new ComplaintDto(
            c.Id, c.ApplicationId, c.ApplicationNumber, c.CustomerId, c.Category.ToString(), c.Step?.ToString(), c.Text,
            c.RecordedAt, c.Status.ToString(), c.OwnerDepartment.ToString(), forCustomer ? null : c.Handler,
            c.PolicyVersion, c.LimitWorkingDays, c.DueAt, c.IsOverdueAt(now), c.Reply, c.RepliedAt, c.ClosedAt,
            forCustomer ? null : c.Rectification, forCustomer ? null : c.Accountability);
    }
}

/// <summary>One entry of a complaint's history (staff only).</summary>
public sealed record ComplaintActionDto(string Kind, string Actor, DateTimeOffset At, string Department, string? Note)
{
    public static ComplaintActionDto From(ComplaintAction a) => new(a.Kind.ToString(), a.Actor, a.At, a.Department.ToString(), a.Note);
}

/// <summary>
/// A complaint as the platform supervises it: no text, no customer, no names (the platform watches handling, not people).
/// </summary>
public sealed record ComplaintSummaryDto(
    Guid Id,
    Guid ApplicationId,
    string ApplicationNumber,
    string Category,
    string? Step,
    string OwnerDepartment,
    string Status,
    DateTimeOffset RecordedAt,
    DateTimeOffset DueAt,
    bool IsOverdue,
    DateTimeOffset? RepliedAt)
{
    public static ComplaintSummaryDto From(Complaint c, DateTimeOffset now) => new(
        c.Id, c.ApplicationId, c.ApplicationNumber, c.Category.ToString(), c.Step?.ToString(), c.OwnerDepartment.ToString(),
        c.Status.ToString(), c.RecordedAt, c.DueAt, c.IsOverdueAt(now), c.RepliedAt);
}

/// <summary>Open and overdue complaints of one department.</summary>
public sealed record DepartmentComplaintCount(string Department, int Open, int Overdue);

/// <summary>The platform's view: counts per department and the open complaints, most overdue first.</summary>
public sealed record ComplaintSupervisionDto(DateTimeOffset At, IReadOnlyList<DepartmentComplaintCount> Departments, IReadOnlyList<ComplaintSummaryDto> Open);

/// <summary>A complaint against an application: its category (see <see cref="ComplaintCategory"/>), optionally the step it is about, and what the customer said.</summary>
public sealed record ComplaintRequest(Guid? ApplicationId, string? Category, string? Step, string? Text);

/// <summary>Hand the complaint to another department (a <c>Department</c> name) and say why.</summary>
public sealed record ReassignComplaintRequest(string? Department, string? Reason);

/// <summary>The answer to the customer.</summary>
public sealed record ReplyComplaintRequest(string? Reply);

/// <summary>整改: what was put right; 问责: who answers for it and how (or why nobody does).</summary>
public sealed record CloseComplaintRequest(string? Rectification, string? Accountability);

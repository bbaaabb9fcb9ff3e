using YeKuo.Notification.Domain;

namespace YeKuo.Notification.Apis;

/// <summary>
/// A staff notice as the inbox shows it. <c>Recipient</c> is null for a notice in the department's queue (the work
/// item had no assignee); <c>Level</c> is null for an escalation; <c>Audience</c> says whom it addresses
/// (<c>Responsible</c>, <c>CustomerManager</c>, <c>DepartmentHead</c>).
/// </summary>
public sealed record StaffNoticeDto(
    Guid Id,
    Guid WorkItemId,
    Guid ApplicationId,
    string ApplicationNumber,
    string Kind,
    string? Level,
    string Step,
    string Department,
    string? Recipient,
    string? Assignee,
    DateTimeOffset DueAt,
    DateTimeOffset RaisedAt,
    string Title,
    string Body,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt,
    DateTimeOffset? HandledAt,
    string? HandledBy,
    string? HandlingAction,
    string Audience)
{
    public static StaffNoticeDto From(StaffNotice notice) => new(
        notice.Id, notice.WorkItemId, notice.ApplicationId, notice.ApplicationNumber, notice.Kind.ToString(),
        StaffNoticeKinds.LevelOf(notice.Kind)?.ToString(), notice.Step.ToString(), notice.Department.ToString(),
        notice.Recipient, notice.Assignee, notice.DueAt, notice.RaisedAt, notice.Title, notice.Body, notice.CreatedAt,
        notice.ReadAt, notice.HandledAt, notice.HandledBy, notice.HandlingAction, notice.Audience.ToString());
}

/// <summary>超时处理 of an escalation: what was done (e.g. reassigned, expedited, cause explained); <c>HandledBy</c> is optional and, if given, must be the signed-in head.</summary>
public sealed record HandleEscalationRequest(string? HandledBy, string? Action);

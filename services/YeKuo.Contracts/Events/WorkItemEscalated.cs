using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>Overdue work escalated to the department head (超时处理 starts). Raised exactly once per work item.</summary>
/// <param name="DueAssumedYears">Years the due was computed for without a published holiday notice (added in v1, optional).</param>
[MessageUrn("yekuo:work-item-escalated:v1")]
public sealed record WorkItemEscalated(
    Guid WorkItemId,
    Guid ApplicationId,
    string ApplicationNumber,
    Step Step,
    Department Department,
    string? Assignee,
    string DepartmentHead,
    DateTimeOffset DueAt,
    DateTimeOffset EscalatedAt,
    IReadOnlyList<int>? DueAssumedYears = null) : IStepEvent;

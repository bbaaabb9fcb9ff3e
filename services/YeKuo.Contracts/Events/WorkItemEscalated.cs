using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>Overdue work escalated to the department head (超时处理 starts). Raised exactly once per work item.</summary>
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
    DateTimeOffset EscalatedAt) : IStepEvent;

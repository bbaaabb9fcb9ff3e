using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>A department opened a work item for one step of an application (the receiving side of a handoff).</summary>
[MessageUrn("yekuo:work-item-opened:v1")]
public sealed record WorkItemOpened(
    Guid WorkItemId,
    Guid ApplicationId,
    string ApplicationNumber,
    Step Step,
    Department Department,
    int Round,
    string? Assignee,
    DateTimeOffset OpenedAt,
    DateTimeOffset? DueAt) : IStepEvent;

using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>超时预警: a work item's clock reached a warning level. Raised exactly once per level and work item.</summary>
[MessageUrn("yekuo:deadline-warning-raised:v1")]
public sealed record DeadlineWarningRaised(
    Guid WorkItemId,
    Guid ApplicationId,
    string ApplicationNumber,
    Step Step,
    Department Department,
    string? Assignee,
    DeadlineLevel Level,
    DateTimeOffset DueAt,
    DateTimeOffset RaisedAt) : IStepEvent;

using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>A paused work item runs again; <see cref="DueAt"/> is moved later by the paused working time.</summary>
[MessageUrn("yekuo:work-item-resumed:v1")]
public sealed record WorkItemResumed(
    Guid WorkItemId,
    Guid ApplicationId,
    string ApplicationNumber,
    Step Step,
    Department Department,
    DateTimeOffset PausedAt,
    DateTimeOffset ResumedAt,
    DateTimeOffset? DueAt,
    IReadOnlyList<int>? DueAssumedYears = null) : IStepEvent;

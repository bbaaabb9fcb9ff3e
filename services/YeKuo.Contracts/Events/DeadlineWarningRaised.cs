using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>超时预警: a work item's clock reached a warning level. Raised exactly once per level and work item.</summary>
/// <param name="DueAssumedYears">Years the due was computed for without a published holiday notice (added in v1, optional).</param>
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
    DateTimeOffset RaisedAt,
    IReadOnlyList<int>? DueAssumedYears = null) : IStepEvent;

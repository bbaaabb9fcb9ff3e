using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>A department opened a work item for one step of an application (the receiving side of a handoff).</summary>
/// <param name="DueAssumedYears">Years the due date was computed for without a published holiday notice (weekends only): the due is provisional (added in v1, optional).</param>
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
    DateTimeOffset? DueAt,
    IReadOnlyList<int>? DueAssumedYears = null) : IStepEvent;

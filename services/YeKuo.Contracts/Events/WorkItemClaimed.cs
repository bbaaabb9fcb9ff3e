using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>A work item got its 责任人 (claimed or reassigned): the end of the step's wait.</summary>
[MessageUrn("yekuo:work-item-claimed:v1")]
public sealed record WorkItemClaimed(
    Guid WorkItemId,
    Guid ApplicationId,
    string ApplicationNumber,
    Step Step,
    Department Department,
    string Assignee,
    DateTimeOffset ClaimedAt) : IStepEvent;

using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>A work item waits on the customer (客户原因); the company's clock is stopped.</summary>
[MessageUrn("yekuo:work-item-paused:v1")]
public sealed record WorkItemPaused(
    Guid WorkItemId,
    Guid ApplicationId,
    string ApplicationNumber,
    Step Step,
    Department Department,
    string Reason,
    DateTimeOffset PausedAt) : IStepEvent;

using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>
/// A step of an application was completed: the sending side of a handoff. The next step in <see cref="Plan"/> is
/// opened by whichever department owns it, so step sets come from policy data and not from code paths.
/// </summary>
/// <param name="ClockStartedAt">When the step's deadline clock started (added in v1, optional): a next step sharing the clock keeps it.</param>
/// <param name="Outcome">Step-specific facts (e.g. the scheme's voltage, the meter number), for downstream steps and partners.</param>
[MessageUrn("yekuo:step-completed:v1")]
public sealed record StepCompleted(
    Guid WorkItemId,
    Guid ApplicationId,
    string ApplicationNumber,
    string CustomerId,
    CustomerClass CustomerClass,
    string PolicyVersion,
    Step Step,
    Department Department,
    int Round,
    string CompletedBy,
    DateTimeOffset OpenedAt,
    DateTimeOffset CompletedAt,
    DateTimeOffset? DueAt,
    IReadOnlyList<Step> Plan,
    IReadOnlyDictionary<string, string> Outcome,
    DateTimeOffset? ClockStartedAt = null) : IStepEvent;

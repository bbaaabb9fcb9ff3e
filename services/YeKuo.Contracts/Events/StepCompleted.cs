using MassTransit;
using YeKuo.Contracts.Outcomes;

namespace YeKuo.Contracts.Events;

/// <summary>
/// A step of an application was completed: the sending side of a handoff. The next step in <see cref="Plan"/> is
/// opened by whichever department hosts it, so step sets come from policy data and not from code paths.
/// </summary>
/// <param name="ClockStartedAt">When the step's deadline clock started: a next step sharing the clock keeps it.</param>
/// <param name="DueAssumedYears">Years the due date was computed for without a published holiday notice (weekends only).</param>
/// <param name="NextStepHandled">
/// True when the service that completed the step also hosts the next one and dealt with the handoff in the same commit
/// (opened the step, or found that it must not open): no department needs it from the broker. False (and absent in
/// older messages) when the next step's department takes it from the broker.
/// </param>
/// <param name="NextOpened">
/// The next step's work item when the completion opened it in the same commit (<paramref name="NextStepHandled"/>):
/// its opening travels here instead of in a <see cref="WorkItemOpened"/> of its own, one message fewer per such handoff.
/// Null (and absent in older messages) when the next step opens elsewhere, or did not open.
/// </param>
/// <param name="Outcome">
/// The step's typed result (<see cref="StepDefinition.OutcomeType"/>: the scheme as replied, an inspection's defects, the
/// meter number, …), for downstream steps, notices and partners. v2: replaces v1's string dictionary.
/// </param>
[MessageUrn("yekuo:step-completed:v2")]
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
    StepOutcome Outcome,
    DateTimeOffset? ClockStartedAt = null,
    IReadOnlyList<int>? DueAssumedYears = null,
    bool NextStepHandled = false,
    WorkItemOpened? NextOpened = null) : IStepEvent;

using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>
/// 受理 accepted an application: the first handoff. Carries what the other departments need to plan their steps,
/// including the step plan and the time-limit policy version in force on the day of acceptance.
/// </summary>
[MessageUrn("yekuo:application-accepted:v1")]
public sealed record ApplicationAccepted(
    Guid ApplicationId,
    string ApplicationNumber,
    string CustomerId,
    CustomerClass CustomerClass,
    decimal CapacityKva,
    decimal VoltageKv,
    int SourceCount,
    string PolicyVersion,
    IReadOnlyList<Step> Plan,
    string CustomerManager,
    DateTimeOffset AcceptedAt) : IApplicationEvent;

using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>
/// 受理 accepted an application: the first handoff. Carries what the other departments need to plan their steps,
/// including the step plan and the time-limit policy version in force on the day of acceptance.
/// </summary>
/// <param name="Kind">新装, 增容, 变更用电 or 临时用电 (added in v1, optional: 新装 when absent); the plan already reflects it.</param>
/// <param name="AccountNumber">The existing 户号 of an 增容 or 变更用电.</param>
/// <param name="TemporaryUntil">The end date of a 临时用电.</param>
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
    DateTimeOffset AcceptedAt,
    ApplicationKind Kind = ApplicationKind.NewConnection,
    string? AccountNumber = null,
    DateOnly? TemporaryUntil = null) : IApplicationEvent;

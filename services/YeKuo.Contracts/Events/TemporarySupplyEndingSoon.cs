using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>A 临时用电 reaches its reminder date (the policy's working days before its end): the customer must choose to remove or convert it.</summary>
[MessageUrn("yekuo:temporary-supply-ending-soon:v1")]
public sealed record TemporarySupplyEndingSoon(
    Guid ApplicationId,
    string ApplicationNumber,
    string CustomerId,
    string? CustomerManager,
    DateOnly EndsOn,
    DateTimeOffset RemindedAt) : IApplicationEvent;

using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>The customer withdrew an application; every department closes its open work for it.</summary>
[MessageUrn("yekuo:application-withdrawn:v1")]
public sealed record ApplicationWithdrawn(
    Guid ApplicationId,
    string ApplicationNumber,
    string CustomerId,
    string Reason,
    DateTimeOffset WithdrawnAt) : IApplicationEvent;

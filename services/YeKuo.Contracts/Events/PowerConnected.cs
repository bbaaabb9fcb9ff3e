using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>装表接电 done: the customer has power. The application's last company step.</summary>
[MessageUrn("yekuo:power-connected:v1")]
public sealed record PowerConnected(
    Guid ApplicationId,
    string ApplicationNumber,
    string CustomerId,
    string MeterNumber,
    DateTimeOffset ConnectedAt) : IApplicationEvent;

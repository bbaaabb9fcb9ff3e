using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>How a 临时用电 ends was decided: removed (拆除销户) or converted to a permanent supply (转为正式用电).</summary>
[MessageUrn("yekuo:temporary-supply-ended:v1")]
public sealed record TemporarySupplyEnded(
    Guid ApplicationId,
    string ApplicationNumber,
    string CustomerId,
    TemporarySupplyEnding Ending,
    DateOnly EndsOn,
    string DecidedBy,
    DateTimeOffset DecidedAt) : IApplicationEvent;

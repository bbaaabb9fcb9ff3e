using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>
/// 回访/满意度: the customer rated the service after power was connected (1 = very dissatisfied … 5 = very satisfied).
/// Raised once per application. Carries no comment text and no personal data.
/// </summary>
[MessageUrn("yekuo:satisfaction-rated:v1")]
public sealed record SatisfactionRated(
    Guid ApplicationId,
    string ApplicationNumber,
    int Score,
    DateTimeOffset RatedAt) : IApplicationEvent;

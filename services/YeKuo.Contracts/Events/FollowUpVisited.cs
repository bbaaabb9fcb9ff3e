using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>
/// 回访 recorded by customer service after power-on (服务态度评分 and the other satisfaction scores, 1–5 each). Raised once
/// per application. Carries no comments and no personal data.
/// </summary>
/// <param name="Channel"><c>Phone</c> (电话回访) or <c>Visit</c> (上门回访).</param>
/// <param name="OnTime">Recorded by its due (the policy's working-day limit from power-on).</param>
[MessageUrn("yekuo:follow-up-visited:v1")]
public sealed record FollowUpVisited(
    Guid FollowUpId,
    Guid ApplicationId,
    string ApplicationNumber,
    string Channel,
    int AttitudeScore,
    int SpeedScore,
    int ChargesScore,
    bool OnTime,
    DateTimeOffset VisitedAt) : IApplicationEvent;

using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>受理 rejected an application (资料不全 etc.); the reasons are told to the customer.</summary>
[MessageUrn("yekuo:application-rejected:v1")]
public sealed record ApplicationRejected(
    Guid ApplicationId,
    string ApplicationNumber,
    string CustomerId,
    IReadOnlyList<string> Reasons,
    string RejectedBy,
    DateTimeOffset RejectedAt) : IApplicationEvent;

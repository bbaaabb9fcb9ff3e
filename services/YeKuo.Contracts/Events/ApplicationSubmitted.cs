using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>A customer (or a counter clerk for them) submitted an application; 受理 has not judged it yet.</summary>
[MessageUrn("yekuo:application-submitted:v1")]
public sealed record ApplicationSubmitted(
    Guid ApplicationId,
    string ApplicationNumber,
    string CustomerId,
    CustomerClass CustomerClass,
    DateTimeOffset SubmittedAt) : IApplicationEvent;

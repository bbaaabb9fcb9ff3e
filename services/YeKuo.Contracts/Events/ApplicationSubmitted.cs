using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>A customer (or a counter clerk for them) submitted an application; 受理 has not judged it yet.</summary>
/// <param name="Kind">新装, 增容, 变更用电 or 临时用电 (added in v1, optional: 新装 when absent).</param>
[MessageUrn("yekuo:application-submitted:v1")]
public sealed record ApplicationSubmitted(
    Guid ApplicationId,
    string ApplicationNumber,
    string CustomerId,
    CustomerClass CustomerClass,
    DateTimeOffset SubmittedAt,
    ApplicationKind Kind = ApplicationKind.NewConnection) : IApplicationEvent;
